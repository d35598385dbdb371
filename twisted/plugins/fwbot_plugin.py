"""twistd plugin: `twistd fwbot` builds fwbot's service; nothing is imported until it runs."""

from twisted.application.service import ServiceMaker

fwbot = ServiceMaker(
    "fwbot",
    "fwbot.tap",
    "Bilingual Python-framework advisor: telnet, HTTP and WebSocket doors.",
    "fwbot",
)
