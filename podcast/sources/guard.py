"""Fetch only public addresses: what a server asked by strangers may reach on the web.

A page submitted to ``podcast serve``'s editor page is fetched by the server, from inside
its network; without a guard a URL naming ``127.0.0.1``, ``169.254.169.254`` (a cloud's
metadata service) or a router would make the server fetch it for the sender. The check
is made when the connection is opened, on the very address connected to (so a name that
resolves to a public address once and a private one later gains nothing), and so again
after every redirect, since each hop opens its own connection.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

KINDS = (
    ("is_loopback", "a loopback address"),
    ("is_link_local", "a link-local address"),
    ("is_multicast", "a multicast address"),
    ("is_reserved", "a reserved address"),
    ("is_unspecified", "a reserved address"),
    ("is_private", "a private address"),
)
"""What makes an address not public, in the order the reason names it (169.254.0.0/16 is
both private and link-local, 240.0.0.0/4 both private and reserved: the narrower says more)."""


class Refused(Exception):
    """The address a URL's host resolves to is not public."""


def refusal(address: str) -> str | None:
    """Why ``address`` is not public, or None when it is.

    >>> [refusal(a) for a in ("127.0.0.1", "::1", "169.254.169.254", "10.1.2.3", "93.184.215.14")]
    ['a loopback address', 'a loopback address', 'a link-local address', 'a private address', None]
    >>> refusal("::ffff:127.0.0.1"), refusal("224.0.0.1"), refusal("0.0.0.0")
    ('a loopback address', 'a multicast address', 'a reserved address')
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return next((kind for test, kind in KINDS if getattr(ip, test)), None)


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def public_address(host: str, port: int, allowed: tuple[Network, ...] = ()) -> str:
    """The first address of ``host``, when every address it resolves to is public (or in
    one of the ``allowed`` networks)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise Refused(f"{host} does not resolve ({error.strerror})") from None
    addresses = [str(info[4][0]) for info in found]
    for address in addresses:
        kind = refusal(address)
        if kind is not None and not any(_within(address, net) for net in allowed):
            said = f"{host} is" if host == address else f"{host} resolves to {address},"
            raise Refused(f"{said} {kind}")
    return addresses[0]


def _within(address: str, network: Network) -> bool:
    return ipaddress.ip_address(address.split("%", 1)[0]) in network


class _Guarded:
    """Connects to the checked address of the host; TLS still checks the host's name."""

    _dns_host: str
    port: int
    allowed: tuple[Network, ...] = ()

    def _new_conn(self) -> socket.socket:
        host = self._dns_host
        self._dns_host = public_address(host.strip("[]"), self.port, self.allowed)
        try:
            sock: socket.socket = super()._new_conn()  # type: ignore[misc]
            return sock
        finally:
            self._dns_host = host


class GuardedHTTPConnection(_Guarded, HTTPConnection):
    pass


class GuardedHTTPSConnection(_Guarded, HTTPSConnection):
    pass


def public_pool(allowed: tuple[str, ...] = (), **options: Any) -> urllib3.PoolManager:
    """A pool manager whose every connection goes to a public address only, or to one in
    the ``allowed`` networks (``"127.0.0.1/32"``; ``"0.0.0.0/0", "::/0"`` allow all)."""
    networks = tuple(ipaddress.ip_network(network) for network in allowed)
    http = type("Http", (GuardedHTTPConnection,), {"allowed": networks})
    https = type("Https", (GuardedHTTPSConnection,), {"allowed": networks})
    pool = urllib3.PoolManager(**options)
    pool.pool_classes_by_scheme = {
        "http": type("HttpPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
        "https": type("HttpsPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
    }
    return pool
