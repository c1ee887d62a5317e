"""A project published to the loopback S3 server, and the bucket read back."""

from __future__ import annotations

import http.client
import io
import os
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import podcastparser
import pytest
from lxml import etree

from podcast.project import Project
from podcast.publish import public_files
from tests.servers.s3 import (
    S3Server,
)

BUCKET = "shows"
PREFIX = "kabar"


@dataclass(frozen=True)
class Published:
    """A built project whose [publish] target is s3://shows/kabar on the test server."""

    project: Project
    server: S3Server

    @property
    def base_url(self) -> str:
        return f"{self.server.endpoint}/{BUCKET}/{PREFIX}/"


def bucket_contents(server: S3Server, prefix: str = PREFIX + "/") -> dict[str, bytes]:
    """Every object under ``prefix``, by name below it, with its bytes."""
    client = server.client()
    found = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix):
        for entry in page.get("Contents", ()):
            body = client.get_object(Bucket=BUCKET, Key=entry["Key"])["Body"].read()
            found[entry["Key"][len(prefix) :]] = body
    return found


def check_feed_as_an_app_would(published: Published) -> list[dict[str, Any]]:
    """Read the bucket's feed over HTTP; every enclosure downloads by ranges, byte for byte."""
    with urllib.request.urlopen(published.base_url + "feed.xml", timeout=10) as response:
        body = response.read()
    parsed = podcastparser.parse(published.base_url + "feed.xml", io.BytesIO(body))
    local = published.project.audio
    for episode in parsed["episodes"]:
        (enclosure,) = episode["enclosures"]
        assert enclosure["url"].startswith(published.base_url)
        name = enclosure["url"][len(published.base_url) :]
        expected = (local / name).read_bytes()
        assert enclosure["file_size"] == len(expected)
        assert enclosure["mime_type"] == "audio/mpeg"
        half = len(expected) // 2
        first = fetch(enclosure["url"], Range=f"bytes=0-{half - 1}")
        rest = fetch(enclosure["url"], Range=f"bytes={half}-")
        assert (first[0], rest[0]) == (206, 206)
        assert first[1]["Content-Range"] == f"bytes 0-{half - 1}/{len(expected)}"
        assert first[2] + rest[2] == expected
    for url in urls_in(body, published.base_url):  # transcripts, chapters, cover
        assert fetch(url)[2] == (local / url[len(published.base_url) :]).read_bytes()
    return parsed["episodes"]  # type: ignore[no-any-return]


def empty_bucket(server: S3Server) -> None:
    client = server.client()
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for entry in page.get("Contents", ()):
            client.delete_object(Bucket=BUCKET, Key=entry["Key"])


def local_contents(project: Project) -> dict[str, bytes]:
    return {file.name: file.path.read_bytes() for file in public_files(project.audio)}


@pytest.fixture(autouse=True)
def no_machine_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Only the credentials a test gives count: none from this machine's AWS settings."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


def settings_toml(server: S3Server, **publish: str) -> str:
    """podcast.toml publishing to the test server (``publish`` overrides [publish] keys)."""
    values = {
        "target": f"s3://{BUCKET}/{PREFIX}",
        "endpoint_url": server.endpoint,
        "region": "us-east-1",
        **publish,
    }
    lines = "".join(f"{key} = {value!r}\n" for key, value in values.items())
    return (
        f"[show]\nbase_url = '{server.endpoint}/{BUCKET}/{PREFIX}/'\n"
        f"link = 'https://kabar.example.id/'\n\n[publish]\n{lines}"
    )


def fetch(url: str, method: str = "GET", **headers: str) -> tuple[int, Message, bytes]:
    """One plain HTTP request, as a podcast app makes it (no signature)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=10)
    try:
        connection.request(method, parts.path, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def urls_in(feed: bytes, base_url: str) -> set[str]:
    """Every URL under ``base_url`` that the feed names, in attributes or text."""
    found = set()
    for element in etree.fromstring(feed).iter():
        for value in [element.text or "", *element.attrib.values()]:
            if value.startswith(base_url):
                found.add(value)
    assert len(found) >= 2
    return found
