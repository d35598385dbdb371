"""The line door of a real twistd, through the real ``telnet`` and ``nc`` binaries."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

import pexpect
import pytest
from fwbot_process import Server

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


@pytest.fixture
def telnet(server: Server) -> pexpect.spawn:
    child = pexpect.spawn("telnet", ["127.0.0.1", str(server.telnet_port)],
                          encoding="utf-8", timeout=10, dimensions=(50, 200))
    child.expect_exact("Hi! I am fwbot")
    child.expect_exact(PROMPT)
    yield child
    child.close(force=True)


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
