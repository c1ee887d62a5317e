"""The bucket side: a boto3 client, what the bucket holds, uploads and deletions.

Every failure becomes an ``UploadError`` of one line naming the address and the cause.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import boto3
import boto3.s3.transfer
import botocore.config
import botocore.exceptions

from podcast.config import Publish
from podcast.errors import UploadError

HASH_METADATA = "sha256"
"""The object metadata (``x-amz-meta-sha256``) holding the content hash of what was uploaded."""
DELETE_BATCH = 1000
CLIENT_CONFIG = botocore.config.Config(
    connect_timeout=10,
    read_timeout=60,
    retries={"max_attempts": 3, "mode": "standard"},
    s3={"addressing_style": "path"},
)
OTHER_SERVICES = botocore.config.Config(
    request_checksum_calculation="when_required", response_checksum_validation="when_required"
)
"""Services other than Amazon's: checksums only where S3 requires them, since several
S3-compatible services refuse the CRC headers boto3 sends by default since 1.36."""
TRANSFER_CONFIG = boto3.s3.transfer.TransferConfig(max_concurrency=4)
REFUSED_CREDENTIALS = {
    "InvalidAccessKeyId": "the access key is not known there",
    "SignatureDoesNotMatch": "the secret key does not match the access key",
    "InvalidToken": "the session token is not valid",
    "ExpiredToken": "the session token has expired",
}
CHECK_CREDENTIALS = (
    "check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the profile in ~/.aws/credentials"
)


@dataclass(frozen=True)
class Target:
    """A bucket and the key prefix the files of audio/ go under."""

    bucket: str
    prefix: str

    @classmethod
    def parse(cls, address: str) -> Target:
        """Split ``s3://bucket/prefix`` (the prefix may be empty)."""
        parts = urlsplit(address)
        prefix = parts.path.strip("/")
        return cls(parts.netloc, prefix + "/" if prefix else "")

    def key(self, name: str) -> str:
        """The object key of the file ``name`` of audio/."""
        return self.prefix + name

    def address(self, name: str = "") -> str:
        """``s3://bucket/prefix/name``, for messages."""
        return f"s3://{self.bucket}/{self.key(name)}"


@dataclass(frozen=True)
class Stored:
    """An object the bucket holds under the target's prefix."""

    name: str
    size: int
    etag: str


def open_bucket(settings: Publish) -> Any:
    """A boto3 S3 client for ``settings``, with credentials from the standard places."""
    try:
        session = boto3.Session(
            profile_name=settings.profile or None, region_name=settings.region or None
        )
        config = CLIENT_CONFIG.merge(OTHER_SERVICES) if settings.endpoint_url else CLIENT_CONFIG
        return session.client("s3", endpoint_url=settings.endpoint_url or None, config=config)
    except botocore.exceptions.ProfileNotFound:
        raise UploadError(
            f"profile {settings.profile!r} is not in the shared credentials or config file"
        ) from None


def stored_objects(client: Any, target: Target) -> dict[str, Stored]:
    """Every object under the target's prefix, by its name relative to the prefix."""
    found: dict[str, Stored] = {}
    with _explained(client, target.address(), "listing"):
        pages = client.get_paginator("list_objects_v2").paginate(
            Bucket=target.bucket, Prefix=target.prefix
        )
        for page in pages:
            for entry in page.get("Contents", ()):
                name = entry["Key"][len(target.prefix) :]
                found[name] = Stored(name, entry["Size"], entry["ETag"])
    return found


def stored_hash(client: Any, target: Target, name: str) -> str | None:
    """The content hash an object was uploaded with; None when it carries none."""
    with _explained(client, target.address(name), "reading"):
        try:
            head = client.head_object(Bucket=target.bucket, Key=target.key(name))
        except botocore.exceptions.ClientError as error:
            if error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404:
                return None  # deleted since it was listed
            raise
    value = head.get("Metadata", {}).get(HASH_METADATA)
    return str(value) if value else None


@contextmanager
def transfers(client: Any) -> Iterator[Any]:
    """One transfer manager (and its threads) for every upload of a publish."""
    with boto3.s3.transfer.create_transfer_manager(client, TRANSFER_CONFIG) as manager:
        yield manager


def upload(
    manager: Any,
    target: Target,
    name: str,
    file: BinaryIO,
    headers: dict[str, Any],
    sent: Callable[[int], None],
) -> None:
    """Store what ``file`` holds as ``name``, whole or not at all; ``sent`` gets byte counts.

    Files over 8 MB go up in parts, several at a time; the object appears only once all
    its parts are there.
    """
    with _explained(manager.client, target.address(name), "writing"):
        manager.upload(
            file,
            target.bucket,
            target.key(name),
            extra_args=headers,
            subscribers=[boto3.s3.transfer.ProgressCallbackInvoker(sent)],
        ).result()


def delete(client: Any, target: Target, names: list[str]) -> None:
    """Delete the objects ``names`` under the target's prefix."""
    for start in range(0, len(names), DELETE_BATCH):
        batch = names[start : start + DELETE_BATCH]
        with _explained(client, target.address(batch[0]), "deleting"):
            answer = client.delete_objects(
                Bucket=target.bucket,
                Delete={"Objects": [{"Key": target.key(name)} for name in batch], "Quiet": True},
            )
        for error in answer.get("Errors", ()):
            address = f"s3://{target.bucket}/{error['Key']}"
            if error.get("Code") == "AccessDenied":
                raise UploadError(
                    f"{address}: deleting was denied; these credentials may not do it there"
                )
            raise UploadError(f"{address}: deleting failed ({error.get('Code')})")


@contextmanager
def _explained(client: Any, address: str, doing: str) -> Iterator[None]:
    """Turn what boto3 raises while ``doing`` something at ``address`` into one line."""
    endpoint = client.meta.endpoint_url
    try:
        yield
    except botocore.exceptions.NoCredentialsError:
        raise UploadError(f"{address}: no credentials found; {CHECK_CREDENTIALS}") from None
    except (
        botocore.exceptions.EndpointConnectionError,
        botocore.exceptions.ConnectTimeoutError,
        botocore.exceptions.ReadTimeoutError,
        botocore.exceptions.ConnectionClosedError,
    ):
        raise UploadError(
            f"{address}: {endpoint} cannot be reached; check [publish] endpoint_url and the network"
        ) from None
    except botocore.exceptions.ClientError as error:
        raise UploadError(_refusal(address, endpoint, doing, error)) from None


def _refusal(
    address: str, endpoint: str, doing: str, error: botocore.exceptions.ClientError
) -> str:
    """One line for an error the service answered with."""
    code = str(error.response.get("Error", {}).get("Code", ""))
    status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    if code == "NoSuchBucket":
        bucket = urlsplit(address).netloc
        return f"{address}: there is no bucket {bucket!r} at {endpoint}; create it first"
    if code in REFUSED_CREDENTIALS:
        return (
            f"{address}: the credentials were refused ({REFUSED_CREDENTIALS[code]}); "
            + CHECK_CREDENTIALS
        )
    if code == "AccessDenied" or status == 403:
        return f"{address}: {doing} was denied; these credentials may not do it in this bucket"
    message = error.response.get("Error", {}).get("Message", "")
    return f"{address}: {doing} failed: {endpoint} answered {status} {code} {message}".rstrip()


def check_bucket(settings: Publish, write: bool = False) -> str:
    """Whether the target's bucket answers to these credentials: a HEAD, and a listing of at
    most one key when the HEAD is refused (its error says why). With ``write``, one small
    object is stored under the prefix and deleted again. Returns what was checked; raises
    ``UploadError`` naming the cause."""
    target = Target.parse(settings.target)
    client = open_bucket(settings)
    with _explained(client, target.address(), "reading"):
        try:
            client.head_bucket(Bucket=target.bucket)
        except botocore.exceptions.ClientError:
            client.list_objects_v2(Bucket=target.bucket, Prefix=target.prefix, MaxKeys=1)
    if not write:
        return "the bucket answers (HEAD); nothing was written"
    name = ".podcast-doctor"
    with _explained(client, target.address(name), "writing"):
        client.put_object(Bucket=target.bucket, Key=target.key(name), Body=b"podcast doctor\n")
    with _explained(client, target.address(name), "deleting"):
        client.delete_object(Bucket=target.bucket, Key=target.key(name))
    return f"the bucket answers; {target.address(name)} was written and deleted"
