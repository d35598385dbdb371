"""Client text in log events is escaped before any log file sees it."""

from __future__ import annotations

from typing import Any

from twisted.logger import Logger, LogPublisher, formatEvent

from fwbot.logsafe import escape_event, install, printable


def test_printable_escapes_controls_but_keeps_newlines_tabs_and_ukrainian() -> None:
    assert printable("1\x1b[31m3\r\x00\x7f\x85") == "1\\x1b[31m3\\x0d\\x00\\x7f\\x85"
    assert printable("a\u202eb\u2066c\u2028d") == "a\\u202eb\\u2066c\\u2028d"
    assert printable("Що таке фласк?\n\tʼ'") == "Що таке фласк?\n\tʼ'"


def test_an_observer_after_the_escaper_sees_no_control_character() -> None:
    publisher = LogPublisher()
    install(publisher)
    install(publisher)  # once is enough
    seen: list[dict[str, Any]] = []
    publisher.addObserver(seen.append)
    log = Logger(namespace="test", observer=publisher)
    log.info("failing handshake ('{reason}') from {peer} at {n}", reason='"1\x1b[31m3"',
             peer="tcp4:127.0.0.1", n=3)
    (event,) = seen
    text = formatEvent(event)
    assert "\x1b" not in text and '"1\\x1b[31m3"' in text and "at 3" in text
    assert event["n"] == 3  # other values as they were


def test_legacy_messages_are_escaped_too() -> None:
    event: dict[str, Any] = {"message": ("bad\x1b[2J", 7), "log_text": "x\ry"}
    escape_event(event)
    assert event == {"message": ("bad\\x1b[2J", 7), "log_text": "x\\x0dy"}
