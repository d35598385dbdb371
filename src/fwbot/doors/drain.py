"""``kill -TERM``: stop accepting, say goodbye, finish what is under way, exit.

``Drain`` is the last of the doors' services to finish on shutdown (only
the feedback store stops after it, to write what the drained connections
left queued). twistd waits for the Deferred its ``stopService`` returns
before stopping the reactor, so the goodbyes go out and in-flight HTTP requests (a body still
arriving, a rating being committed) get their answers -- for at most
``--shutdown-grace`` seconds, after which whatever is still open is
aborted. Listening ports stop at the same moment (their own services), and
the gate refuses anything that still slips in.
"""

from __future__ import annotations

from typing import Any

from twisted.application.service import Service
from twisted.internet.defer import Deferred
from twisted.internet.interfaces import IReactorTime
from twisted.internet.task import LoopingCall
from twisted.logger import Logger

from fwbot.doors.gate import ConnectionGate

log = Logger(namespace="fwbot.drain")


class Drain(Service):
    """Says goodbye to every open connection when the service tree stops."""

    name = "drain"

    def __init__(self, gate: ConnectionGate, clock: IReactorTime, grace_seconds: float,
                 poll_seconds: float = 0.05) -> None:
        self.gate = gate
        self.clock = clock
        self.grace_seconds = grace_seconds
        self.poll_seconds = poll_seconds

    def stopService(self) -> Deferred[None]:
        super().stopService()
        self.gate.closing = True
        open_now = len(self.gate)
        log.info("shutting down: {n} connections to close, {grace}s grace",
                 n=open_now, grace=self.grace_seconds)
        for connection in self.gate:
            protocol: Any = connection.wrappedProtocol
            shut_down = getattr(protocol, "shut_down", None)
            if shut_down is not None:
                shut_down()
            else:
                connection.loseConnection()
        deadline = self.clock.seconds() + self.grace_seconds
        done: Deferred[None] = Deferred()

        def check() -> None:
            if len(self.gate) and self.clock.seconds() < deadline:
                return
            for connection in self.gate:  # out of grace
                log.warn("aborting a connection still open after the grace period")
                connection.transport.abortConnection()
            poller.stop()

        poller = LoopingCall(check)
        poller.clock = self.clock
        poller.start(self.poll_seconds, now=True).addCallback(lambda _: done.callback(None))
        return done
