"""TLS on every door: ``ssl:`` endpoints whose certificate a HUP reloads.

Users write Twisted's own endpoint strings
(``--http=ssl:8443:privateKey=key.pem:certKey=cert.pem``), and Twisted parses
them and reads the files. Its endpoint keeps the certificate it read for as
long as it listens, so :func:`listening_endpoint` gives it a
:class:`ReloadableCertificate` instead: every new connection gets the
certificate loaded last, and :meth:`ReloadableCertificate.reload` has
Twisted parse the same string again -- a renewed certificate is served
without a restart, and one that does not load (a missing file, garbage, a
key that is not the certificate's) is refused with the reason in the log
while the previous one goes on serving. Open connections keep the
certificate they were made with.

It also owns ALPN. Twisted's context answers every client that offers ALPN
(curl, every browser) with an internal-error alert when the factory behind
the TLS layer lists no protocol, and the doors sit behind the connection
gate's factory. Here the door's factory lists what it speaks (the HTTP
door: ``http/1.1``, through :class:`fwbot.doors.gate.GatedFactory`), and
when nothing the client offers is on that list -- always, on the line door
-- no protocol is selected and the handshake goes on, as with a server that
never heard of ALPN.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from OpenSSL import SSL
from twisted.internet.endpoints import SSL4ServerEndpoint, serverFromString
from twisted.internet.interfaces import (
    IOpenSSLServerConnectionCreator,
    IProtocolNegotiationFactory,
    IStreamServerEndpoint,
)
from twisted.logger import Logger
from zope.interface import implementer

if TYPE_CHECKING:
    from OpenSSL.crypto import X509
    from twisted.internet.interfaces import IReactorCore
    from twisted.protocols.tls import TLSMemoryBIOProtocol

log = Logger(namespace="fwbot.tls")


def select_protocol(connection: SSL.Connection, offered: list[bytes]) -> Any:
    """ALPN: the first protocol the door lists that the client offered, else none.

    ``NO_OVERLAPPING_PROTOCOLS`` lets the handshake go on without one, where
    Twisted's own callback returns ``b""``, which ends it with alert 80.
    """
    tls = connection.get_app_data()  # the TLSMemoryBIOProtocol of this connection
    door = IProtocolNegotiationFactory(tls.factory.wrappedFactory, None)
    for protocol in door.acceptableProtocols() if door is not None else ():
        if protocol in offered:
            return protocol
    return SSL.NO_OVERLAPPING_PROTOCOLS


def _load(reactor: IReactorCore, description: str) -> tuple[SSL.Context, str]:
    """Parse ``description`` with Twisted and build its TLS context, plus a description
    of the certificate for the log. Raises whatever Twisted or OpenSSL raise."""
    endpoint = serverFromString(reactor, description)
    if not isinstance(endpoint, SSL4ServerEndpoint):
        raise ValueError(f"{description} is not an ssl: endpoint")
    options = endpoint._sslContextFactory  # Twisted's CertificateOptions for the string
    context = options.getContext()  # a new one: checks the key against the certificate
    context.set_alpn_select_callback(select_protocol)  # before any connection uses it
    return context, describe(options.certificate)


def describe(certificate: X509 | None) -> str:
    """``CN=..., valid until YYYY-MM-DD``: which certificate is served, for the log."""
    if certificate is None:
        return "no certificate"
    cert = certificate.to_cryptography()
    until: datetime = cert.not_valid_after_utc
    return f"{cert.subject.rfc4514_string()}, valid until {until:%Y-%m-%d %H:%M} UTC"


@implementer(IOpenSSLServerConnectionCreator)
class ReloadableCertificate:
    """The certificate and key of one ``ssl:`` door, loaded again on :meth:`reload`."""

    def __init__(self, reactor: IReactorCore, description: str, door: str) -> None:
        self._reactor = reactor
        self.description = description
        self.door = door
        self._context, self.served = _load(reactor, description)

    def serverConnectionForTLS(self, tlsProtocol: TLSMemoryBIOProtocol) -> SSL.Connection:
        """A new connection, with the certificate loaded last."""
        return SSL.Connection(self._context, None)

    def reload(self) -> bool:
        """Read the certificate and key again; keep serving the old ones if they fail.

        Runs on the reactor thread: two small files, and the swap must not
        race a connection being set up.
        """
        try:
            context, served = _load(self._reactor, self.description)
        except Exception as exc:  # OSError, OpenSSL's errors, VerifyError, ValueError
            log.error("{door} door: TLS certificate not reloaded, still serving {served}: "
                      "{why}", door=self.door, served=self.served,
                      why=f"{type(exc).__name__}: {exc}")
            return False
        self._context, self.served = context, served
        log.info("{door} door: TLS certificate reloaded, now serving {served}",
                 door=self.door, served=served)
        return True


def listening_endpoint(reactor: IReactorCore, description: str,
                       door: str) -> tuple[IStreamServerEndpoint, ReloadableCertificate | None]:
    """The endpoint for ``description``; for ``ssl:`` also its reloadable certificate."""
    endpoint = serverFromString(reactor, description)
    if not isinstance(endpoint, SSL4ServerEndpoint):
        return endpoint, None
    certificate = ReloadableCertificate(reactor, description, door)
    endpoint._sslContextFactory = certificate  # what listenSSL hands the TLS layer
    return endpoint, certificate
