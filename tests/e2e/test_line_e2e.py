"""The line door of a real twistd, through the real ``telnet`` and ``nc`` binaries."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import time

import pexpect
import pytest
from fwbot_process import Server, read_until

PROMPT = "fwbot> "

# Skip on a developer's machine without the tool; under CI (.ci/run installs both) a
# missing tool must fail the run, not turn it green untested.
needs_telnet = pytest.mark.skipif(shutil.which("telnet") is None and not os.environ.get("CI"),
                                  reason="telnet not installed")
needs_nc = pytest.mark.skipif(shutil.which("nc") is None and not os.environ.get("CI"),
                              reason="nc not installed")


def nc(server: Server, data: bytes, flag: str = "-N") -> bytes:
    """``printf ... | nc -N 127.0.0.1 PORT``: send, half-close, print all the server says.

    ``-N`` exits as soon as the server closes; ``-q1`` (the README's one-liner)
    always waits a second, so only the test of that exact command uses it.
    """
    result = subprocess.run(["nc", flag, "127.0.0.1", str(server.telnet_port)],
                            input=data, capture_output=True, timeout=20, check=False)
    return result.stdout


# Every letter of the Ukrainian alphabet, capitals and lowercase, and the three
# apostrophes people type (U+02BC, U+0027, U+2019). Among them у я К М Н х, whose
# second UTF-8 byte a 7-bit telnet client takes for one of its control keys.
ALPHABET = ("АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ абвгґдеєжзиіїйклмнопрстуфхцчшщьюя "
            "пʼять п'ять п’ять")


def spawn_telnet(server: Server, *flags: str, iutf8: bool = False) -> pexpect.spawn:
    """The real ``telnet`` binary in a pseudo-terminal, past the greeting and prompt.

    ``iutf8`` sets the terminal's IUTF8 flag, as UTF-8 terminal emulators and
    ssh do: in line mode the terminal, not the server, erases on backspace.
    """
    command = " ".join(["exec telnet", *flags, "127.0.0.1", str(server.telnet_port)])
    if iutf8:
        command = "stty iutf8 && " + command
    child = pexpect.spawn("sh", ["-c", command], encoding="utf-8", timeout=10,
                          dimensions=(50, 400))
    child.expect_exact("Hi! I am fwbot")
    child.expect_exact(PROMPT)
    return child


@pytest.fixture(params=[(), ("-8",)], ids=["telnet", "telnet-8"])
def telnet(server: Server, request: pytest.FixtureRequest) -> pexpect.spawn:
    child = spawn_telnet(server, *request.param)
    yield child
    child.close(force=True)


def last_comment(server: Server) -> str:
    """The comment of the latest rating, as stored in the server's database."""
    with sqlite3.connect(server.log_path.parent / "fwbot.sqlite3") as db:
        return db.execute("SELECT comment FROM ratings ORDER BY id DESC LIMIT 1").fetchone()[0]


def answer(child: pexpect.spawn, line: str) -> str:
    child.sendline(line)
    child.expect_exact(PROMPT)
    return child.before


@needs_telnet
def test_telnet_conversation(telnet: pexpect.spawn) -> None:
    assert "Django" in answer(telnet, "What is Django?")
    assert "Flask" in answer(telnet, "Що таке фласк?")
    assert "/quit" in answer(telnet, "/help")
    assert "україн" in answer(telnet, "/lang uk").lower()
    assert "Django" in answer(telnet, "What is Django?")
    answer(telnet, "/reset")
    answer(telnet, "/lang en")


@needs_telnet
def test_telnet_carries_the_whole_ukrainian_alphabet(telnet: pexpect.spawn,
                                                     server: Server) -> None:
    """Typed into the real client, every letter reaches the server as typed.

    The observable is a rating's comment, stored in the database: the door
    acknowledges it only after the commit.
    """
    assert "Django" in answer(telnet, "Що таке Django?")
    reply = answer(telnet, "/rate up " + ALPHABET)
    assert "Дякую" in reply or "Thanks" in reply, reply
    assert last_comment(server) == ALPHABET
    lower = answer(telnet, ALPHABET.lower())  # an unknown question, answered in Ukrainian
    assert "Не знаю" in lower and "UTF-8" not in lower and "telnet>" not in lower


@needs_telnet
@pytest.mark.parametrize(("question", "expected"), [
    ("Коли створили Python?", ["1991"]),
    ("Наведи приклад фреймворку", ["Django", "Flask", "FastAPI"]),  # any one will do
    ("яка ліцензія у фласка", ["BSD"]),
    ("Що таке Django?", ["Django"]),
])
def test_telnet_ukrainian_questions_are_answered_in_ukrainian(
        telnet: pexpect.spawn, question: str, expected: list[str]) -> None:
    """The README's questions, which hold the letters a 7-bit client mangles."""
    reply = answer(telnet, question).split(question, 1)[-1]  # past the terminal's echo
    assert any(word in reply for word in expected), reply
    assert sum("а" <= c <= "я" or c in "іїєґ" for c in reply) > 10, reply  # in Ukrainian
    assert "UTF-8" not in reply and "telnet>" not in reply


@needs_telnet
def test_telnet_backspace_erases_a_cyrillic_letter(server: Server) -> None:
    """In line mode the client's terminal edits the line; with IUTF8 (a UTF-8
    terminal) a backspace over a Cyrillic letter takes the whole letter."""
    child = spawn_telnet(server, iutf8=True)
    try:
        answer(child, "What is Flask?")
        child.send("/rate down дякуюжж")
        child.send("\x7f\x7f")  # the terminal's erase key, twice
        reply = answer(child, "!")
        assert "Дякую" in reply or "Thanks" in reply, reply
        assert last_comment(server) == "дякую!"
    finally:
        child.close(force=True)


@needs_telnet
def test_telnet_ctrl_c_abandons_the_line(telnet: pexpect.spawn) -> None:
    telnet.send("What is Bottle")
    telnet.sendcontrol("c")
    telnet.expect_exact(PROMPT)  # shown after our WONT TIMING-MARK, so not hidden
    reply = answer(telnet, "What is Kivy?")
    assert "Kivy" in reply and "Bottle" not in reply


@needs_telnet
def test_telnet_quit(telnet: pexpect.spawn) -> None:
    telnet.sendline("/quit")
    telnet.expect_exact("Connection closed by foreign host")
    telnet.expect(pexpect.EOF)


@needs_telnet
def test_telnet_ctrl_d_on_an_empty_line_ends_politely(telnet: pexpect.spawn) -> None:
    telnet.sendcontrol("d")
    telnet.expect_exact("Connection closed by foreign host")


@needs_nc
def test_nc_one_shot_prints_the_answer(server: Server) -> None:
    out = nc(server, b"What is Django?\n", "-q1")
    text = out.decode("utf-8")
    assert text.startswith("Привіт")
    assert "Django is" in text and text.rstrip().endswith("fwbot>")
    assert b"\xff" not in out
    assert b"\r\n" in out


@needs_nc
def test_nc_one_shot_without_final_newline(server: Server) -> None:
    assert b"Django is" in nc(server, b"What is Django?")


@needs_nc
@pytest.mark.parametrize("ending", [b"\r\n", b"\r", b"\n"])
def test_nc_line_endings(server: Server, ending: bytes) -> None:
    out = nc(server, b"What is Flask?" + ending + b"What is Bottle?" + ending)
    assert out.count(PROMPT.encode()) == 3  # greeting, and one per question
    assert b"Flask is" in out and b"Bottle is" in out


@needs_nc
def test_nc_never_sees_negotiation_bytes(server: Server) -> None:
    out = nc(server, "What is Twisted?\nщо таке джанго?\n/help\n".encode())
    assert b"\xff" not in out
    assert "Django" in out.decode("utf-8")


@needs_nc
def test_nc_backspace_and_del_erase_one_character(server: Server) -> None:
    """A terminal in raw mode sends BS or DEL; each erases a character, not a byte."""
    out = nc(server, "Що таке фласкжж\x08\x7f?\n".encode()).decode("utf-8")
    assert "Flask" in out and "UTF-8" not in out


def test_a_silent_client_is_offered_binary_before_its_first_prompt(server: Server) -> None:
    """A client that says nothing gets IAC DO BINARY, then CR and the prompt; one
    that never answers the offer goes on as before."""
    with socket.create_connection(("127.0.0.1", server.telnet_port), timeout=10) as sock:
        greeting = read_until(sock, PROMPT.encode())
        assert greeting.endswith(b"\r\n\xff\xfd\x00\rfwbot> ")
        sock.sendall("що таке фласк?\n".encode())
        assert b"Flask" in read_until(sock, PROMPT.encode())


@needs_nc
def test_nc_errors_keep_the_session(server: Server) -> None:
    out = nc(server, b"caf\xe9\n" + b"x" * 5000 + b"\nWhat is Pyramid?\n")
    text = out.decode("utf-8")
    assert "UTF-8" in text and "too long" in text and "Pyramid" in text


@needs_nc
def test_nc_raw_ctrl_c_and_ctrl_d(server: Server) -> None:
    out = nc(server, b"What is Bottle\x03What is Kivy?\n\x04")
    text = out.decode("utf-8")
    assert "Kivy" in text and "Bottle" not in text
    assert text.rstrip().endswith(("!", ".", "код."))  # goodbye, no prompt after it


def test_unbounded_line_without_newline_is_dropped_as_it_arrives(server: Server) -> None:
    """Megabytes with no newline: the server reads and drops them, then answers the error."""
    with socket.create_connection(("127.0.0.1", server.telnet_port), timeout=10) as s:
        chunk = b"y" * 65536
        for _ in range(64):  # 4 MiB
            s.sendall(chunk)
        s.sendall(b"\nWhat is Flask?\n")
        s.shutdown(socket.SHUT_WR)
        data = b""
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            part = s.recv(65536)
            if not part:
                break
            data += part
    assert b"too long" in data and b"Flask is" in data


@needs_nc
def test_a_telnet_command_stream_is_told_why_and_closed(server: Server) -> None:
    """Past --line-telnet-budget (1000) in one read the server hangs up, in the
    user's language; the next connection from the same address is served."""
    with socket.create_connection(("127.0.0.1", server.telnet_port), timeout=10) as sock:
        sock.sendall(b"What is Flask?\n")
        read_until(sock, b"Flask is")
        sock.sendall(b"\xff\xfd\x01\xff\xfe\x01" * 1000)  # IAC DO ECHO IAC DONT ECHO
        rest = read_until(sock, b"never shown")
    assert b"Too many telnet commands" in rest
    # WONT ECHO at most once a read (the stream may come in a few), not once per request.
    assert rest.count(b"\xff\xfc\x01") < 10
    assert b"Flask" in nc(server, b"What is Flask?\n")
