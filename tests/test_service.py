"""twistd options, the service tree, and reloading the engine behind the doors."""

from __future__ import annotations

import gc
import signal
import threading
import time
import weakref
from pathlib import Path
from typing import Any

import pytest
import pytest_twisted
from fakes import FakeEngine
from twisted.internet.defer import Deferred, maybeDeferred
from twisted.internet.task import deferLater
from twisted.internet.testing import MemoryReactorClock, StringTransport
from twisted.python import usage
from twisted.python.failure import Failure

from fwbot import compose, tap
from fwbot.doors.line import LineDoorFactory
from fwbot.knowledge import KnowledgeError
from fwbot.reply import Session
from fwbot.service import Bot, Limits, ReloadOnHangup, SettleMemory


def fired(deferred: Deferred[Any]) -> Any:
    """What ``deferred`` has already fired with (it must have, and not failed)."""
    results: list[Any] = []
    deferred.addBoth(results.append)
    assert results, "the Deferred has not fired"
    assert not isinstance(results[0], Failure), results[0]
    return results[0]


@pytest.fixture
def options(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tap.Options:
    monkeypatch.setattr(compose, "load_engine", lambda data: FakeEngine())
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # the default --db
    monkeypatch.delenv("FWBOT_ADMIN_TOKEN", raising=False)
    return tap.Options()


def test_defaults(options: tap.Options) -> None:
    options.parseOptions([])
    assert options["telnet"] == "tcp:8023" and options["http"] == "tcp:8080"
    assert options["data"] is None
    assert options.limits() == Limits()


def test_limits_from_options(options: tap.Options) -> None:
    options.parseOptions(["--line-max-bytes=100", "--line-idle-timeout=0", "--ws-max-message=9",
                          "--http-max-body=10", "--http-timeout=5", "--session-idle=7",
                          "--max-sessions=3", "--max-message-chars=50"])
    assert options.limits() == Limits(100, 0.0, 9, 10, 5.0, 7.0, 3, message_chars=50)


@pytest.mark.parametrize("argv", [["--line-max-bytes=0"], ["--max-sessions=-1"],
                                  ["--max-message-chars=0"], ["--max-message-chars=4001"],
                                  ["--http-timeout=-1"], ["--line-max-bytes=lots"],
                                  ["--telnet=none", "--http=none"], ["--data=/no/such/dir"]])
def test_bad_options_are_usage_errors(options: tap.Options, argv: list[str]) -> None:
    with pytest.raises(usage.UsageError):
        options.parseOptions(argv)


def refused_start(options: tap.Options, capsys: pytest.CaptureFixture[str]) -> str:
    """What ``makeService`` says on stderr as it refuses to start (status 1)."""
    with pytest.raises(SystemExit) as stopped:
        tap.makeService(options)
    assert stopped.value.code == 1
    return capsys.readouterr().err


@pytest.mark.parametrize(("argv", "why"), [
    (["--telnet=bogus:1"], "--telnet=bogus:1: not a Twisted endpoint"),
    (["--http=tcp:notaport"], "--http=tcp:notaport: not a Twisted endpoint")])
def test_a_bad_endpoint_refuses_to_start_before_anything_is_built(
        options: tap.Options, capsys: pytest.CaptureFixture[str], argv: list[str],
        why: str) -> None:
    """Endpoints are built by ``makeService`` on its reactor, not while options parse."""
    options.parseOptions(argv)
    assert why in refused_start(options, capsys)


def test_none_turns_a_door_off(options: tap.Options) -> None:
    options.parseOptions(["--telnet=none", "--http=tcp:0:interface=127.0.0.1"])
    service = tap.makeService(options)
    names = {s.name for s in service}
    assert "telnet" not in names and "http" in names


def test_make_service_builds_both_doors_and_the_reload(options: tap.Options,
                                                       tmp_path: Path) -> None:
    options.parseOptions([f"--data={tmp_path}", "--telnet=unix:" + str(tmp_path / "sock")])
    service = tap.makeService(options)
    assert {s.name for s in service} >= {"telnet", "http"}
    assert any(isinstance(s, ReloadOnHangup) for s in service)
    assert isinstance(list(service)[-1], SettleMemory)  # freezes once all is loaded
    assert service.bot.limits == options.limits()  # type: ignore[attr-defined]
    assert options["data"] == tmp_path.resolve()


def test_ssl_doors_get_certificates_a_hup_reloads(options: tap.Options,
                                                  tmp_path: Path) -> None:
    from certs import TestCA

    from fwbot.tls import ReloadableCertificate

    issued = TestCA().issue(tmp_path / "tls")
    options.parseOptions([f"--telnet={issued.endpoint(0)}", f"--http={issued.endpoint(0)}"])
    service = tap.makeService(options)
    [hangup] = [s for s in service if isinstance(s, ReloadOnHangup)]
    reloads = [getattr(reload, "__self__", None) for reload in hangup.also]
    assert [type(r) for r in reloads] == [ReloadableCertificate] * 2
    assert {r.door for r in reloads} == {"line", "http"}


@pytest.mark.parametrize("broken", ["missing", "garbage"])
def test_an_ssl_door_with_an_unusable_certificate_refuses_to_start(
        options: tap.Options, tmp_path: Path, broken: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    key = tmp_path / "key.pem"
    if broken == "garbage":
        key.write_text("not a key\n")
    options.parseOptions([f"--http=ssl:0:privateKey={key}"])  # no file is read yet
    assert "cannot use its certificate or key" in refused_start(options, capsys)


def test_the_service_loads_the_built_in_knowledge_base_options_do_not(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FWBOT_ADMIN_TOKEN", raising=False)
    options = tap.Options()
    options.parseOptions(["--telnet=none", "--http=tcp:0:interface=127.0.0.1", "--db=none"])
    assert not hasattr(options, "engine")
    reactor = MemoryReactorClock()
    service = tap.makeService(options, reactor=reactor)
    assert service.bot.engine.framework_card("django", "en") is not None
    [door] = [s for s in service if s.name == "http"]
    assert door.endpoint._reactor is reactor  # built on the reactor passed in
    assert service.bot.clock is reactor


def test_broken_knowledge_base_exits_with_its_problems(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / "x.yaml").write_text("id: [\n")
    options = tap.Options()
    options.parseOptions([f"--data={tmp_path}", "--db=none"])  # loads nothing
    assert "refusing to start" in refused_start(options, capsys)


def at_once(load: Any) -> Deferred[Any]:
    """A stand-in for ``deferToThread`` that loads on the spot."""
    return maybeDeferred(load)


class HeldLoads:
    """A stand-in for ``deferToThread`` whose loads finish when the test says so."""

    def __init__(self) -> None:
        self.running: list[Deferred[Any]] = []

    def __call__(self, load: Any) -> Deferred[Any]:
        self.running.append(Deferred())
        return self.running[-1]


def test_reload_swaps_the_engine() -> None:
    new = FakeEngine("new")
    bot = Bot(FakeEngine(), load=lambda: new, in_thread=at_once)
    assert fired(bot.reload()) is True and bot.engine is new
    assert bot.metrics.reloads.labels("ok")._value.get() == 1


@pytest.fixture
def frozen() -> Any:
    """The server's state after start-up: what was loaded is frozen (gc.freeze)."""
    service = SettleMemory()
    service.startService()
    yield service
    gc.unfreeze()


def test_start_up_freezes_what_it_loaded(frozen: SettleMemory) -> None:
    assert frozen.running and gc.get_freeze_count() > 0


def test_a_reload_lets_the_old_engine_go_even_from_a_cycle(frozen: SettleMemory) -> None:
    """Frozen objects are never collected: the reload must unfreeze, or every
    reload would keep the previous knowledge base in memory for good."""
    gc.unfreeze()
    old = FakeEngine("old")
    old.myself = old  # type: ignore[attr-defined]  # a cycle: only the collector frees it
    bot = Bot(old, load=lambda: FakeEngine("new"), in_thread=at_once)
    gc.freeze()
    gone = weakref.ref(old)
    del old
    assert gone() is not None  # frozen and in a cycle: kept
    assert fired(bot.reload()) is True
    gc.collect()
    assert gone() is None


@pytest.mark.parametrize(("error", "logged"), [
    (KnowledgeError(["data/x.yaml:3: broken"]), "data/x.yaml:3: broken"),
    (OSError("gone"), "reload failed, still serving the previous knowledge base")])
def test_failed_reload_keeps_the_old_engine(error: Exception, logged: str) -> None:
    from twisted.logger import capturedLogs, formatEvent

    old = FakeEngine()

    def load() -> Any:
        raise error

    bot = Bot(old, load=load, in_thread=at_once)
    with capturedLogs() as events:
        assert fired(bot.reload()) is False
    assert bot.engine is old
    assert bot.metrics.reloads.labels("failed")._value.get() == 1
    assert any(logged in formatEvent(event) for event in events)


def test_reload_without_a_loader_is_refused() -> None:
    assert fired(Bot(FakeEngine()).reload()) is False


def test_the_old_engine_answers_while_the_new_one_loads() -> None:
    loads = HeldLoads()
    new = FakeEngine("new")
    bot = Bot(FakeEngine("old"), load=lambda: new, in_thread=loads)
    reloaded = bot.reload()
    assert not reloaded.called
    assert bot.ask("line", Session(), "django").reply.startswith("old:")
    loads.running[0].callback(new)
    assert fired(reloaded) is True
    assert bot.ask("line", Session(), "django").reply.startswith("new:")


def test_reloads_asked_for_during_a_load_are_merged_into_one_more() -> None:
    """Two loads never overlap; a reload asked for mid-load still reads the files anew."""
    loads = HeldLoads()
    bot = Bot(FakeEngine("old"), load=FakeEngine, in_thread=loads)
    first = bot.reload()
    second, third = bot.reload(), bot.reload()
    assert len(loads.running) == 1
    loads.running[0].errback(Failure(KnowledgeError(["data/x.yaml:1: broken"])))
    assert fired(first) is False and bot.engine.tag == "old"
    assert len(loads.running) == 2 and not second.called and not third.called
    loads.running[1].callback(FakeEngine("fixed"))
    assert fired(second) is True and fired(third) is True
    assert bot.engine.tag == "fixed" and len(loads.running) == 2
    assert bot.metrics.reloads.labels("ok")._value.get() == 1


@pytest_twisted.ensureDeferred
async def test_the_reactor_keeps_answering_while_a_slow_load_runs() -> None:
    """With the real ``deferToThread``: a line client is answered mid-load."""
    from twisted.internet import reactor

    release = threading.Event()

    def slow_load() -> FakeEngine:
        release.wait(2)  # on the reactor thread this would hold every connection 2 s
        return FakeEngine("new")

    bot = Bot(FakeEngine("old"), load=slow_load)
    wire = StringTransport()
    telnet = LineDoorFactory(bot).buildProtocol(None)
    telnet.makeConnection(wire)
    wire.clear()
    started = time.monotonic()
    reloaded = bot.reload()
    await deferLater(reactor, 0.05, lambda: None)
    telnet.dataReceived(b"What is Django?\n")
    assert b"old: What is Django?" in wire.value()
    assert time.monotonic() - started < 1 and not reloaded.called
    release.set()
    assert await reloaded is True
    assert bot.engine.tag == "new"  # type: ignore[attr-defined]


class FakeReactor:
    def __init__(self) -> None:
        self.calls: list[Any] = []

    def callFromThread(self, f: Any, *args: Any) -> None:
        self.calls.append(f)


def test_sighup_schedules_a_reload_and_stop_restores_the_handler() -> None:
    bot = Bot(FakeEngine("old"), load=lambda: FakeEngine("new"), in_thread=at_once)
    reactor = FakeReactor()
    service = ReloadOnHangup(bot, reactor)
    certificates: list[str] = []
    service.also.append(lambda: certificates.append("reloaded"))
    before = signal.getsignal(signal.SIGHUP)
    service.startService()
    try:
        handler = signal.getsignal(signal.SIGHUP)
        assert callable(handler)
        handler(signal.SIGHUP, None)  # type: ignore[operator]
        assert bot.engine.tag == "old" and not certificates  # nothing in the handler itself
        [scheduled] = reactor.calls
        scheduled()  # what the reactor runs next
        assert bot.engine.tag == "new"  # type: ignore[attr-defined]
        assert certificates == ["reloaded"]
    finally:
        service.stopService()
    assert signal.getsignal(signal.SIGHUP) == before


def test_telnet_options(options: tap.Options) -> None:
    assert (options.limits().line_telnet_offer_seconds, options.limits().line_telnet_budget) \
        == (0.2, 1000)
    options.parseOptions(["--line-telnet-offer=0", "--line-telnet-budget=50"])
    limits = options.limits()
    assert (limits.line_telnet_offer_seconds, limits.line_telnet_budget) == (0, 50)
    with pytest.raises(usage.UsageError):
        tap.Options().parseOptions(["--line-telnet-budget=0"])


def test_a_failing_extra_reload_does_not_cost_the_knowledge_base_reload() -> None:
    bot = Bot(FakeEngine("old"), load=lambda: FakeEngine("new"), in_thread=at_once)
    service = ReloadOnHangup(bot, FakeReactor())

    def broken() -> None:
        raise RuntimeError("bug")

    service.also.append(broken)
    service.reload()
    assert bot.engine.tag == "new"  # type: ignore[attr-defined]


def test_hardening_options(options: tap.Options, tmp_path: Path) -> None:
    options.parseOptions(["--rate=3", "--burst=4", "--max-per-ip=5", "--max-connections=6",
                          "--line-output-pause=100", "--line-output-max=200",
                          "--ws-origins=https://a.example, http://localhost:*",
                          "--ws-ping-interval=0", "--ws-ping-timeout=2", "--shutdown-grace=1",
                          f"--db={tmp_path / 'f.db'}", "--admin-token=t", "--debug-log-text"])
    limits = options.limits()
    assert (limits.rate, limits.burst, limits.max_per_ip, limits.max_connections) == (3, 4, 5, 6)
    assert (limits.line_output_pause_bytes, limits.line_output_max_bytes) == (100, 200)
    assert limits.ws_origins == ("https://a.example", "http://localhost:*")
    assert (limits.ws_ping_interval, limits.ws_ping_timeout) == (0, 2)
    assert limits.shutdown_grace_seconds == 1
    assert options["admin-token"] == "t" and options["debug-log-text"]
    service = tap.makeService(options)
    assert service.bot.feedback is not None and service.bot.log_text  # type: ignore[attr-defined]
    assert (tmp_path / "f.db").exists()
    feedback = service.bot.feedback  # type: ignore[attr-defined]
    assert feedback in list(service)  # stopping the tree writes the queued questions
    feedback.on_dropped(2)
    assert service.bot.metrics.unanswered_dropped._value.get() == 2  # type: ignore[attr-defined]
    feedback.close()


def test_db_defaults_to_the_state_dir_and_none_turns_it_off(options: tap.Options,
                                                            tmp_path: Path) -> None:
    options.parseOptions([])
    assert options["db"] == tmp_path / "state" / "fwbot" / "fwbot.sqlite3"
    other = tap.Options()
    other.parseOptions(["--db=none"])
    assert other["db"] is None
    assert tap.makeService(other).bot.feedback is None  # type: ignore[attr-defined]


def test_admin_token_from_the_environment(options: tap.Options,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FWBOT_ADMIN_TOKEN", "from-env")
    options.parseOptions([])
    assert tap.admin_token(options) == "from-env"


@pytest.mark.parametrize("log_text", [False, True])
def test_message_texts_reach_the_log_only_with_debug_log_text(log_text: bool) -> None:
    from twisted.logger import capturedLogs

    from fwbot.reply import Session

    bot = Bot(FakeEngine(), log_text=log_text)
    with capturedLogs() as events:
        bot.ask("line", Session(), "my secret question")
        bot.engine.reply = lambda session, text: 1 / 0  # type: ignore[method-assign]
        bot.ask("line", Session(), "my secret question")
    logged = repr(events)
    assert ("my secret question" in logged) is log_text


def test_a_failing_swap_does_not_jam_later_reloads(monkeypatch: pytest.MonkeyPatch) -> None:
    bot = Bot(FakeEngine(), load=lambda: FakeEngine("new"), in_thread=at_once)
    monkeypatch.setattr(bot, "_swap", lambda result: 1 / 0)
    assert fired(bot.reload()) is False
    monkeypatch.undo()
    assert fired(bot.reload()) is True  # not queued forever behind the failed one


def test_a_message_over_the_limit_is_refused_before_the_engine_in_its_language() -> None:
    engine = FakeEngine()
    bot = Bot(engine, limits=Limits(message_chars=20))
    session = Session(last_lang="en")
    reply = bot.ask("ws", session, "порадь мені фреймворк для магазину")
    assert reply.lang == "uk" and reply.reply == engine.text("message_too_long", "uk", limit=20)
    assert engine.seen == []  # never analysed
    assert bot.metrics.errors.labels("ws", "message_too_long")._value.get() == 1
    session.lang = "en"  # a language the user fixed with /lang wins over the text's
    assert bot.ask("line", session, "порадь мені фреймворк для магазину").lang == "en"
    assert bot.ask("http", Session(), "  " + "x" * 20 + "  \n").reply.startswith("fake")
    assert engine.seen == ["  " + "x" * 20 + "  \n"]  # at the limit once stripped: answered


# -- ratings: per address over every door, refusals the doors can answer --------


def test_ratings_are_limited_per_address_over_every_door() -> None:
    from fakes import FakeFeedback
    from twisted.internet.task import Clock

    from fwbot.feedback import Answered, Refused

    clock = Clock()
    bot = Bot(FakeEngine(), limits=Limits(rating_rate=0.5, rating_burst=2),
              feedback=FakeFeedback(), clock=clock)
    answered = Answered("describe", "en", "Django is")
    outcomes: list[Any] = []
    for door, host in [("line", "10.0.0.1"), ("websocket", "10.0.0.1"), ("http", "10.0.0.1"),
                       ("http", "10.0.0.2"), ("line", None), ("line", None), ("line", None)]:
        bot.rate(door, answered, "up", None, host).addBoth(outcomes.append)
    refused = outcomes[2].value
    assert isinstance(refused, Refused) and refused.code == "rate_limited"
    assert refused.retry_after == 2
    assert [isinstance(o, int) for i, o in enumerate(outcomes) if i != 2] == [True] * 6
    clock.advance(2)
    bot.rate("http", answered, "up", None, "10.0.0.1").addBoth(outcomes.append)
    assert outcomes[-1] == 7  # (the fake's row count)


def test_an_unexpected_storage_failure_is_logged_and_refused_as_unavailable() -> None:
    from twisted.internet.defer import fail
    from twisted.logger import capturedLogs

    from fwbot.feedback import Answered, Refused

    class Broken:
        def rate(self, *args: Any) -> Any:
            return fail(ZeroDivisionError("a bug"))

    bot = Bot(FakeEngine(), feedback=Broken())  # type: ignore[arg-type]
    outcome: list[Any] = []
    with capturedLogs() as events:
        bot.rate("line", Answered("x", "en", "y"), "up", None, "10.0.0.1").addBoth(
            outcome.append)
    assert isinstance(outcome[0].value, Refused)
    assert outcome[0].value.code == "storage_unavailable"
    assert any(event.get("log_failure") for event in events)
    without = Bot(FakeEngine())
    without.rate("line", Answered("x", "en", "y"), "up", None).addBoth(outcome.append)
    assert outcome[1].value.code == "storage_unavailable"


def test_feedback_and_admin_options(options: tap.Options, tmp_path: Path) -> None:
    options.parseOptions(["--rating-rate=3", "--rating-burst=30", "--rating-comment-max=50",
                          "--db-max-ratings=7", "--db-max-unanswered=8",
                          "--admin-fail-rate=0.5", "--admin-fail-burst=4",
                          f"--db={tmp_path / 'f.db'}"])
    limits = options.limits()
    assert (limits.rating_rate, limits.rating_burst, limits.rating_comment_chars) == (3, 30, 50)
    assert (limits.db_max_ratings, limits.db_max_unanswered) == (7, 8)
    assert (limits.admin_fail_rate, limits.admin_fail_burst) == (0.5, 4)
    service = tap.makeService(options)
    store = service.bot.feedback  # type: ignore[attr-defined]
    assert store._db.max_rows == {"ratings": 7, "unanswered": 8}
    assert store.comment_chars == 50
    store.close()


def test_admin_token_from_a_file(options: tap.Options, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FWBOT_ADMIN_TOKEN", "from-env")
    token = tmp_path / "token"
    token.write_text("  s3cret-from-file \nsecond line\n")
    options.parseOptions([f"--admin-token-file={token}"])
    assert tap.admin_token(options) == "s3cret-from-file"
    both = tap.Options()
    with pytest.raises(usage.UsageError, match="not both"):
        both.parseOptions(["--admin-token=x", f"--admin-token-file={token}"])


@pytest.mark.parametrize(("content", "why"), [(None, "No such file"),
                                              ("\n", "holds no token")])
def test_an_unusable_admin_token_file_stops_the_start_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None,
        why: str) -> None:
    token = tmp_path / "token"
    if content is not None:
        token.write_text(content)
    options = tap.Options()
    options.parseOptions([f"--admin-token-file={token}"])  # reads nothing
    err = refused_start(options, capsys)
    assert err.count("\n") == 1 and why in err and str(token) in err, err


def test_a_database_that_cannot_be_used_stops_the_start_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is no database" * 300)
    options = tap.Options()
    options.parseOptions([f"--db={garbage}"])  # opens nothing
    err = refused_start(options, capsys)
    assert err == f"fwbot: refusing to start, --db={garbage}: file is not a database\n"
