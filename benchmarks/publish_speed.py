"""Publish a 3-episode project to a real S3 server (SeaweedFS on 127.0.0.1) and time it.

Prints the first publish (objects, bytes, seconds), a second publish with nothing changed,
the headers the S3 endpoint serves for the feed and an MP3, and, as the baseline measured
in the same run, the same files uploaded with plain boto3 put_object calls (no hashing,
no comparison, no order).

    PYTHONPATH=. python benchmarks/publish_speed.py   (it reuses the test server and articles)
"""

from __future__ import annotations

import http.client
import os
import shutil
import tempfile
import time
from pathlib import Path

import boto3

from podcast.publish import LocalFile, public_files, publish
from podcast.run import build
from tests.publish.test_publish import ARTICLES
from tests.servers.s3 import S3Server, credentials_file, run_s3_server
from tests.support.bucket import BUCKET, PREFIX, settings_toml
from tests.support.project import NOW, make_project


def head(url: str) -> list[str]:
    """The status line and headers the endpoint answers a HEAD of ``url`` with."""
    host, _, path = url.removeprefix("http://").partition("/")
    connection = http.client.HTTPConnection(host, timeout=10)
    connection.request("HEAD", "/" + path)
    response = connection.getresponse()
    return [f"HTTP/1.1 {response.status} {response.reason}"] + [
        f"{name}: {value}" for name, value in response.getheaders()
    ]


def plain_upload(server: S3Server, files: list[LocalFile], prefix: str) -> float:
    """Seconds to make a client and put every file under ``prefix``, nothing more."""
    started = time.monotonic()
    client = boto3.client("s3", endpoint_url=server.endpoint)
    for file in files:
        client.put_object(Bucket=BUCKET, Key=f"{prefix}/{file.name}", Body=file.path.read_bytes())
    return time.monotonic() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        started = time.monotonic()
        with run_s3_server(root / "s3") as server:
            print(f"SeaweedFS S3 ready in {time.monotonic() - started:.1f} s")
            os.environ.update(credentials_file(root))
            articles = root / "articles"
            articles.mkdir()
            for name, text in ARTICLES.items():
                (articles / name).write_text(text, encoding="utf-8")
            project = make_project(root / "project", *sorted(articles.iterdir()))
            project.config.write_text(settings_toml(server), encoding="utf-8")
            build(project, engine_name="espeak", now=NOW)
            server.client().create_bucket(Bucket=BUCKET)

            files = public_files(project.audio)
            cold = plain_upload(server, files, "plain-cold")
            first = publish(project)
            warm = plain_upload(server, files, "plain-warm")
            plan = first.plan
            print(
                f"first publish: {len(plan.uploads)} objects, {plan.upload_bytes:,} bytes, "
                f"{first.seconds:.2f} s"
            )
            print(
                f"baseline, a new boto3 client and one put_object per file: {cold:.2f} s "
                f"before, {warm:.2f} s after; publish/baseline "
                f"{first.seconds / max(cold, warm):.2f}"
            )
            second = publish(project)
            print(
                f"second publish: {len(second.plan.uploads)} uploaded, "
                f"{len(second.plan.unchanged)} unchanged, {second.seconds:.2f} s"
            )
            base = f"{server.endpoint}/{BUCKET}/{PREFIX}/"
            mp3 = next(file.name for file in files if file.name.endswith(".mp3"))
            for name in ("feed.xml", mp3):
                print(f"\n$ curl -I {base}{name}")
                print("\n".join(head(base + name)))
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
