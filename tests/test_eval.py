"""The evaluation set: the engine must understand how people really ask."""

from __future__ import annotations

from collections import Counter

from fwbot.engine import Engine
from fwbot.eval import accuracy, default_dir, report, run, run_holdout


def test_accuracy_thresholds() -> None:
    outcomes = run(Engine.load(), default_dir())
    singles = sum(1 for o in outcomes if o.where.startswith("single"))
    langs = Counter(o.expected["lang"] for o in outcomes if o.where.startswith("single"))
    dialogues = {o.where.rsplit(" turn ", 1)[0] for o in outcomes
                 if not o.where.startswith("single")}
    assert singles >= 250 and langs["uk"] * 2 >= singles and len(dialogues) >= 25
    overall = sum(o.ok for o in outcomes) / len(outcomes)
    per_intent = accuracy(outcomes, "intent")
    summary = report(outcomes)
    assert overall >= 0.95, summary
    for intent, (ok, total) in per_intent.items():
        assert ok / total >= 0.90, f"{intent}: {ok}/{total}\n{summary}"


def test_held_out_set_generalises() -> None:
    """Messages nobody tuned the vocabulary to: a looser bar, but a real one."""
    outcomes = run_holdout(Engine.load(), default_dir())
    assert len(outcomes) >= 100
    assert sum(o.ok for o in outcomes) / len(outcomes) >= 0.90, report(outcomes)


def test_user_set_checks_what_the_answer_says() -> None:
    """A user-set case fails on a wrong opening, first framework, banned name or text."""
    from fwbot.eval import Check
    from fwbot.reply import Reply

    got = Reply("Так, у Django є вбудована ORM.", "attribute", "uk", frameworks=["django"])
    good = {"lang": "uk", "answer": "yes", "first": "django", "says": [["ORM", "ОРМ"]],
            "not": ["flask"], "says_not": ["немає"]}
    assert Check("c", "чи є в джанго orm", good, got).ok
    for wrong, problem in (({"answer": "no"}, "does not open with no"),
                           ({"first": "flask"}, "first framework"),
                           ({"not": ["django"]}, "must not"),
                           ({"says": [["міграц"]]}, "does not say"),
                           ({"says_not": ["вбудована"]}, "says 'вбудована'"),
                           ({"lang": "en"}, "lang uk != en"),
                           ({"exact_none": True}, "expected none")):
        problems = Check("c", "x", {**good, **wrong}, got).problems()
        assert len(problems) == 1 and problem in problems[0], problems


# the user sets one may read and tune on
TUNED = ("users_dev.yaml", "dev_dec.yaml", "dev_forum.yaml", "dev_chat.yaml", "dev_feb.yaml",
         "dev_mar.yaml", "dev_may.yaml", "dev_jun_b.yaml", "dev_jun_a.yaml",
         "dev_jul.yaml", "dev_aug.yaml", "dev_sep.yaml", "dev_oct.yaml",
         "dev_myths.yaml", "dev_nov.yaml", "dev_dec7.yaml", "dev_dec8.yaml", "dev_dec9.yaml",
         "dev_dec10.yaml", "dev_dec11.yaml", "dev_dec12.yaml", "dev_dec13.yaml",
         "dev_dec14.yaml", "dev_dec15.yaml", "dev_dec16.yaml", "dev_dec17.yaml",
         "dev_dec18.yaml", "dev_dec19.yaml", "dev_dec20.yaml")


def test_user_sets_hold_their_level() -> None:
    """The blind user sets (users_dev, dev_dec, dev_forum and dev_chat tuned on;
    holdout_users, holdout_fresh, holdout_dec and holdout_jan never, the last three
    written on 2026-12-02 by helpers who saw neither the engine nor the other sets):
    floors a little under today's scores, so a change that loses ground fails.
    Issue 11's target is 90% on a held-out set; these floors rise as it does.
    (dev_forum, dev_chat and holdout_jan scored 66.8 %, 73.7 % and 67.4 % when
    they were added, at the start of issue 11's fourth round; dev_feb 66.5 % in
    the fifth; holdout_mar, written blind on 2026-12-03, 79.2 % in the sixth, held out
    then and tuned on since as dev_mar; holdout_apr, written blind on 2026-12-03,
    79.9 % in the seventh before any change, held out; dev_may, written blind the same
    day, 87.7 % late in the seventh round before any change made for it, tuned on since;
    dev_jun_b, written blind the same day, 88.6 % in the eighth before any change made
    for it, tuned on since; dev_jun_a, written blind the same day, 90.7 % in the eighth
    before any change made for it, tuned on since; holdout_jul and dev_jul, written
    blind on 2026-12-06, 84.6 % and 76.5 % at the ninth round's start, the first held
    out, the second tuned on since; dev_aug, written blind the same day, 70.0 % on
    7fc65f5 and 72.2 % on 35d260f before any change made for it, tuned on since;
    holdout_sep, written blind on 2026-12-07, 93.0 % at the tenth round's start (91.1 %
    on 7fc65f5), held out; dev_sep, written blind the same day, 87.3 % at the round's start
    (84.5 % on 7fc65f5), tuned on since; holdout_oct and dev_oct, written blind the same
    day, 90.3 % and 89.1 % at the round's start (86.0 % and 86.2 % on 7fc65f5), the first
    held out, the second tuned on since; dev_myths, 130 claims and myths written blind the
    same day, 65.4 % at the round's start, tuned on since; holdout_nov and dev_nov,
    written blind the same day (the second: claims and push-back), 89.1 % and 83.7 % at
    the eleventh round's start, the first held out, the second tuned on since; dev_dec7,
    270 messages and 34 dialogues from people scoping projects, written blind on
    2026-12-07, 86.5 % at the twelfth round's start and 86.7 % before any change made
    for it, tuned on since; holdout_dec7, 299 messages and 31 dialogues from learners and
    experienced developers, written blind the same day, 85.8 % at the twelfth round's
    start and 86.1 % on 5dc3255, held out; holdout_dec8, 306 messages and 33 dialogues
    from a Ukrainian Python chat's week (students, juniors before interviews, founders),
    written blind on 2026-12-07, 84.6 % at the twelfth round's start and 86.4 % at the
    thirteenth's, held out; dev_dec8, 273 messages and 33 dialogues from hobbyists,
    sysadmins and analysts switching frameworks, written blind on 2026-12-07, 85.6 % at
    the fourteenth round's start and 86.1 % before any change made for it, tuned on
    since; holdout_dec9, 271 messages and 32 dialogues from students, juniors and
    people coming from other languages' frameworks, written blind on 2026-12-07,
    88.5 % at the fifteenth round's start, held out; dev_dec9, 270 messages and 32
    dialogues from non-programmers, small businesses, freelancers and founders, written
    blind the same day, 87.0 % at the round's start and before any change made for it,
    tuned on since; dev_dec10, 273 messages and 32 dialogues from developers with a
    problem in an existing project, teachers and home-automation hobbyists, written blind
    the same day, 76.4 % at the round's start and 77.7 % before any change made for it,
    tuned on since; holdout_dec10, 270 messages and 32 dialogues from a week of mixed
    visitors (beginners, a product manager, a data scientist, DevOps, a recruiter), written
    blind the same day, 91.7 % at the round's start and 92.7 % when it arrived, held out;
    holdout_dec11, 280 messages and 32 dialogues from freelancers and small agencies,
    QA engineers, hackathon teams and people unhappy with the framework they tried,
    written blind at the sixteenth round's start, 93.9 % at that start and 94.2 % when it
    arrived, held out; dev_dec11, 275 messages and 32 dialogues of terse phone questions,
    desktop, mobile and dashboard apps and deployment, written blind the same day, 87.9 %
    at the round's start and before any change made for it, tuned on since; holdout_dec12,
    274 messages and 32 dialogues from people outside IT (accountants, lab scientists,
    shop owners, parents, career switchers) and non-native English speakers, written blind
    the same day, 95.1 % at the round's start and when it arrived, held out; dev_dec12,
    273 messages and 32 dialogues from people who change their mind mid-conversation,
    compare after a recommendation and repeat myths, written blind the same day, 91.2 % at
    the round's start and before any change made for it, tuned on since; holdout_dec14,
    270 messages and 33 dialogues from students preparing for exams and interviews and
    juniors in their first job, written blind at the seventeenth round's start, 83.1 % at
    that start and when it arrived, held out; dev_dec13, 272 messages and 32 dialogues
    of people describing concrete products (shops, CRMs, bots, booking sites, games) and
    what they do not want, written blind the same day, 85.9 % at the round's start and
    before any change made for it, tuned on since; holdout_dec13, 276 messages and 32
    dialogues from system administrators, DevOps and data engineers, long messages about
    servers, containers, queues and internal tools, written blind the same day, 76.9 % at
    the round's start and when it arrived, held out; dev_dec14, 250 messages and 37
    dialogues leaning on context (pronouns, ordinals, "which of them", corrections, "why
    not X?", "is X good for Y" of the framework at work), written blind the same day,
    82.6 % at the round's start and before any change made for it, tuned on since;
    holdout_dec16, 276 messages and 32 dialogues from teachers, students and course
    chats (claims to check, transliteration, surzhyk), written blind at the eighteenth
    round's start, 87.6 % at that start and 88.1 % when it arrived, held out;
    holdout_dec15, 275 messages and 32 dialogues from small-business owners and
    non-programmers describing what they want, written blind the same day, 80.7 % at the
    round's start and 80.5 % when it arrived, held out; dev_dec15, 273 messages and 32
    dialogues from developers coming from other stacks (Express, Laravel, Spring, Rails),
    written blind the same day, 83.3 % at the round's start and before any change made for
    it, tuned on since; dev_dec16, 240 messages and 40 dialogues of short phone messages
    and conversations that change their mind, written blind the same day, 81.7 % at the
    round's start and 82.4 % before any change made for it, tuned on since; holdout_dec18,
    272 messages and 33 dialogues settling arguments and checking what people heard
    (claims, myths, "what's the difference", which framework to learn), written blind at the
    nineteenth round's start, 85.2 % at that start and when it arrived, held out; dev_dec18,
    275 messages and 33 dialogues of long messages (a whole story, several questions in
    one, constraints added turn by turn), written blind the same day, 75.3 % at the round's
    start and before any change made for it, tuned on since; holdout_dec17, 284 messages
    and 32 dialogues from data scientists, analysts, researchers and Raspberry Pi
    hobbyists, written blind the same day, 84.3 % at the round's start and 84.6 % when it
    arrived, held out; dev_dec17, 276 messages and 33 dialogues from people building
    things other than websites (desktop, mobile, terminal tools, games, bots, daemons),
    written blind the same day, 82.9 % at the round's start and before any change made for
    it, tuned on since; holdout_dec20, 271 messages and 32 dialogues from people building
    realtime and networked things (chats, WebSockets, game servers, IoT gateways, protocol
    servers), written blind at the twentieth round's start, 74.4 % at that start and 74.1 %
    when it arrived, held out; holdout_dec19, 270 messages and 32 dialogues from people who
    maintain or inherit projects (legacy code, migrations, a feature added to an app they
    have), written blind the same day, 69.8 % at the round's start and when it arrived, held
    out; dev_dec19, 276 messages and 32 dialogues from people bound by how they host and
    what they may use (a small VPS, serverless, offline, licences, one junior, a deadline),
    written blind the same day, 68.2 % at the round's start and 68.7 % before any change
    made for it, tuned on since; dev_dec20, 229 messages and 45 dialogues of deep dives (one
    framework asked about turn after turn, with pronouns, ordinals and changes of topic),
    written blind the same day, 86.7 % at the round's start and 86.9 % before any change
    made for it, tuned on since.)"""
    from fwbot.eval import run_users, user_report

    engine = Engine.load()
    for name, floor, size in (("users_dev.yaml", 0.98, 440), ("dev_dec.yaml", 0.98, 350),
                              ("dev_forum.yaml", 0.95, 290), ("dev_chat.yaml", 0.95, 300),
                              ("dev_feb.yaml", 0.95, 350), ("dev_mar.yaml", 0.97, 460),
                              ("holdout_users.yaml", 0.94, 440),
                              ("holdout_fresh.yaml", 0.86, 440),
                              ("holdout_dec.yaml", 0.84, 440),
                              ("holdout_jan.yaml", 0.87, 460),
                              ("holdout_apr.yaml", 0.85, 470),
                              ("dev_may.yaml", 0.96, 220),
                              ("dev_jun_b.yaml", 0.95, 230),
                              ("dev_jun_a.yaml", 0.95, 240),
                              ("holdout_jul.yaml", 0.88, 340),
                              ("dev_jul.yaml", 0.93, 320),
                              ("dev_aug.yaml", 0.93, 320),
                              ("holdout_sep.yaml", 0.92, 310),
                              ("dev_sep.yaml", 0.93, 310),
                              ("holdout_oct.yaml", 0.89, 320),
                              ("dev_oct.yaml", 0.95, 300),
                              ("dev_myths.yaml", 0.81, 130),
                              ("holdout_nov.yaml", 0.88, 330),
                              ("dev_nov.yaml", 0.82, 300),
                              ("dev_dec7.yaml", 0.85, 400),
                              ("holdout_dec7.yaml", 0.84, 400),
                              ("holdout_dec8.yaml", 0.85, 430),
                              ("dev_dec8.yaml", 0.90, 400),
                              ("holdout_dec9.yaml", 0.86, 390),
                              ("dev_dec9.yaml", 0.90, 405),
                              ("dev_dec10.yaml", 0.82, 390),
                              ("holdout_dec10.yaml", 0.89, 390),
                              ("holdout_dec11.yaml", 0.91, 400),
                              ("dev_dec11.yaml", 0.86, 400),
                              ("holdout_dec12.yaml", 0.93, 395),
                              ("dev_dec12.yaml", 0.89, 390),
                              ("holdout_dec14.yaml", 0.80, 370),
                              ("dev_dec13.yaml", 0.83, 385),
                              ("holdout_dec13.yaml", 0.74, 380),
                              ("dev_dec14.yaml", 0.80, 380),
                              ("holdout_dec16.yaml", 0.86, 390),
                              ("holdout_dec15.yaml", 0.79, 395),
                              ("dev_dec15.yaml", 0.90, 380),
                              ("dev_dec16.yaml", 0.89, 385),
                              ("holdout_dec18.yaml", 0.83, 375),
                              ("dev_dec18.yaml", 0.74, 385),
                              ("holdout_dec17.yaml", 0.82, 390),
                              ("dev_dec17.yaml", 0.81, 380),
                              ("holdout_dec20.yaml", 0.73, 370),
                              ("holdout_dec19.yaml", 0.68, 370),
                              ("dev_dec19.yaml", 0.80, 380),
                              ("dev_dec20.yaml", 0.87, 440)):
        checks = run_users(engine, default_dir() / name)
        assert len(checks) >= size
        score = sum(c.ok for c in checks) / len(checks)
        # A held-out set's failure shows its accuracy, never its messages.
        report_text = user_report(checks, misses=name in TUNED)
        assert score >= floor, f"{name}: {score:.3f} < {floor}\n" + report_text[:2000]


def test_one_set_can_be_scored_without_reading_it(capsys: object) -> None:
    """--set runs one set; --summary prints its accuracy lines and no message."""
    from fwbot.eval import main

    main(["--set", "holdout_users", "--summary"])
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "--- holdout_users.yaml ---" in out and "overall:" in out and "by class:" in out
    assert "misses" not in out and "users_dev" not in out and "single.yaml" not in out
    assert "'" not in out  # no quoted message text at all


def test_held_out_sets_never_print_their_misses(capsys: object) -> None:
    """Even without --summary: held-out sets give accuracy only, tuning sets their misses."""
    from fwbot.eval import main

    main(["--set", "holdout", "--set", "holdout_jan", "--set", "dev_forum"])
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    sections = dict(part.split(" ---\n", 1) for part in out.split("\n--- ")[1:])
    assert set(sections) == {"held-out set (never tuned on)", "holdout_jan.yaml", "dev_forum.yaml"}
    for name, text in sections.items():
        assert "overall:" in text
        if name == "dev_forum.yaml":
            assert ("misses:" in text) == ("= 100.0%" not in text)
        else:
            assert "misses" not in text and "'" not in text, name
