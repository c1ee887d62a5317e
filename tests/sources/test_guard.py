"""What the server fetches for a stranger: public addresses only, checked as it connects."""

from __future__ import annotations

import pytest

from podcast.config import Fetch
from podcast.errors import WebError
from podcast.sources import client_for
from podcast.sources.guard import public_pool
from podcast.sources.http import Client
from tests.servers.news_site import news_site

FAST = Fetch(timeout_s=2, deadline_s=5, delay_s=0)
BANJIR = "/kompas/read/2026/11/30/07150051/banjir-rendam-40-rt-di-jakarta-timur"
ONLY = "; only public addresses are fetched"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:{port}/x", "127.0.0.1 is a loopback address"),
        ("http://[::1]:{port}/x", "::1 is a loopback address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://localhost:{port}/x", "localhost resolves to {local}, a loopback address"),
        ("http://10.0.0.1:{port}/x", "10.0.0.1 is a private address"),
        ("http://[fe80::1]:{port}/x", "fe80::1 is a link-local address"),
        ("http://224.0.0.1:{port}/x", "224.0.0.1 is a multicast address"),
        ("http://240.0.0.1:{port}/x", "240.0.0.1 is a reserved address"),
    ],
)
def test_a_private_address_is_refused_with_its_reason_before_any_byte_is_sent(
    url: str, reason: str
) -> None:
    with news_site() as site:
        port = site.base.rsplit(":", 1)[1].rstrip("/")
        url = url.format(port=port)
        local = "127.0.0.1"
        with pytest.raises(WebError) as raised:
            Client(FAST, pool=public_pool()).get(url)
        if "localhost" in url and str(raised.value).count("::1"):
            local = "::1"
        assert str(raised.value) == f"{url}: refused: {reason.format(local=local)}{ONLY}"
        assert site.log == []  # not even robots.txt was asked for


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/ke/metadata", "169.254.169.254 is a link-local address"),
        ("/ke/router", "192.168.1.1 is a private address"),
    ],
)
def test_a_redirect_to_a_private_address_is_refused_after_the_redirect(
    path: str, reason: str
) -> None:
    with news_site() as site:
        # The site itself is on loopback: allowed here, as a public site would be.
        client = Client(FAST, pool=public_pool(("127.0.0.1/32",)))
        with pytest.raises(WebError) as raised:
            client.get(site.url(path))
        assert str(raised.value) == f"{site.url(path)}: refused: {reason}{ONLY}"
        assert [request.path for request in site.log] == ["/robots.txt", path]


def test_allowed_networks_and_the_command_line_fetch_as_before() -> None:
    with news_site() as site:
        url = site.url(BANJIR)
        assert Client(FAST, pool=public_pool(("127.0.0.1/32",))).get(url).status == 200
        loose = Fetch(delay_s=0, private_addresses=True)
        assert client_for(loose, public_only=True).get(url).status == 200
        assert client_for(Fetch(delay_s=0)).get(url).status == 200  # podcast add trusts its user
        with pytest.raises(WebError, match=r"refused: 127\.0\.0\.1 is a loopback address"):
            client_for(Fetch(delay_s=0), public_only=True).get(url)
