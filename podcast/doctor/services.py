"""The doctor's checks of the services a build and a publish reach: Google, Edge, the bucket."""

from __future__ import annotations

import time
from dataclasses import replace

from podcast.config import Settings, Speech
from podcast.doctor.finding import Finding
from podcast.errors import PodcastError
from podcast.speech import ENGINES, PROBE_TEXT, PROBE_TIMEOUT_S, SERVICES, GaveUp


def google(speech: Speech) -> list[Finding]:
    """Whether Google's voice answers a test word within the probe timeout, and how fast."""
    return [_probe("gtts", speech)]


def edge(speech: Speech) -> list[Finding]:
    """Whether Edge's voice answers a test word within the probe timeout, and how fast."""
    return [_probe("edge", speech)]


def _probe(name: str, speech: Speech) -> Finding:
    probe = replace(speech, timeout_s=PROBE_TIMEOUT_S, concurrency=1, tries=1)
    service = SERVICES[name]
    started = time.monotonic()
    try:
        ENGINES[name](probe).speak(PROBE_TEXT)
    except GaveUp as error:
        seconds = time.monotonic() - started
        needed = name in speech.order[:1]
        fallback = (
            "builds use the next voice of [speech] order"
            if needed
            else ("auto builds use eSpeak NG" if name == "gtts" else "only --engine edge needs it")
        )
        return Finding(
            "warn",
            name,
            f"{error.cause} (after {seconds:.1f} s); {fallback}; check the network or try later",
        )
    seconds = time.monotonic() - started
    return Finding("ok", name, f"{service} answered a test word in {seconds * 1000:.0f} ms")


def bucket(settings: Settings, write: bool) -> list[Finding]:
    """Whether [publish] target's bucket answers to the credentials found (a HEAD)."""
    target = settings.publish.target
    if not target:
        return [Finding("ok", "publish", "no [publish] target: podcast publish is not set up")]
    from podcast.publish import check_bucket  # here: only this check needs the S3 client

    try:
        done = check_bucket(settings.publish, write)
    except PodcastError as error:
        return [Finding("fail", "publish", str(error))]
    return [Finding("ok", "publish", f"{target}: {done}")]
