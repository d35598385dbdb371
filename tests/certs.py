"""A throwaway certificate authority for the TLS tests, made with ``cryptography``.

``TestCA().issue(directory)`` writes ``cert.pem`` and ``key.pem`` for
``localhost`` and ``127.0.0.1`` signed by the CA, and the (root) CA's own
``ca.pem`` that clients are told to trust (curl ``--cacert``, ``openssl
s_client -CAfile``, Python's ``ssl``); Chromium trusts it by the hash of
its public key (``spki_hash``). Keys are EC P-256: fast to make.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


@dataclass
class Issued:
    """One server certificate on disk."""

    cert: Path
    key: Path
    ca: Path  # the root clients trust
    serial: int
    chain: Path | None = None  # intermediate certificates, when an intermediate signed it

    def endpoint(self, port: int | str, interface: str = "127.0.0.1") -> str:
        """A Twisted ``ssl:`` endpoint string serving this certificate (and its chain)."""
        chain = f":extraCertChain={self.chain}" if self.chain else ""
        return (f"ssl:{port}:interface={interface}:privateKey={self.key}:certKey={self.cert}"
                f"{chain}")


class TestCA:
    """A CA that signs server certificates for the loopback names; with ``parent``,
    an intermediate CA that ``parent`` signed (clients trust only the root)."""

    __test__ = False  # not a pytest test class

    def __init__(self, name: str = "fwbot test CA", parent: TestCA | None = None) -> None:
        self.parent = parent
        self.root: TestCA = parent.root if parent else self
        self.key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.UTC)
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(_name(name))
            .issuer_name(parent.cert.subject if parent else _name(name))
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None if parent is None
                                                 else 0), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, crl_sign=True,
                content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()),
                           critical=False)
            .sign(parent.key if parent else self.key, hashes.SHA256()))

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def spki_hash(self) -> str:
        """base64(SHA-256(SubjectPublicKeyInfo)): what Chromium's
        ``--ignore-certificate-errors-spki-list`` takes to trust this CA."""
        spki = self.cert.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        return base64.b64encode(hashlib.sha256(spki).digest()).decode()

    def issue(self, directory: Path, names: tuple[str, ...] = ("localhost", "127.0.0.1"),
              days: int = 7, common_name: str = "localhost") -> Issued:
        """A fresh key and certificate for ``names``, written to ``directory``."""
        directory.mkdir(parents=True, exist_ok=True)
        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.UTC)
        alt: list[x509.GeneralName] = []
        for name in names:
            try:
                alt.append(x509.IPAddress(ipaddress.ip_address(name)))
            except ValueError:
                alt.append(x509.DNSName(name))
        serial = x509.random_serial_number()
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name)).issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(serial)
            .not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=days))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                self.key.public_key()), critical=False)
            .sign(self.key, hashes.SHA256()))
        issued = Issued(directory / "cert.pem", directory / "key.pem", directory / "ca.pem",
                        serial, directory / "chain.pem" if self.parent else None)
        issued.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        issued.key.write_bytes(_pem(key))
        issued.ca.write_bytes(self.root.pem)
        if issued.chain is not None:  # what the server must send: up to the root, excluded
            ca: TestCA | None = self
            issued.chain.write_bytes(b"")
            while ca is not None and ca.parent is not None:
                with issued.chain.open("ab") as chain:
                    chain.write(ca.pem)
                ca = ca.parent
        return issued
