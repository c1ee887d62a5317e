"""The checks of podcast doctor, as one table run top to bottom."""

from __future__ import annotations

import ipaddress
import subprocess
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from podcast.config import config_problems, image_problem
from podcast.doctor.finding import Case, Finding
from podcast.doctor.services import bucket, edge, google
from podcast.doctor.state import check_catalog, check_clip_cache, check_disk, check_sources
from podcast.errors import PodcastError
from podcast.pcm import FFMPEG
from podcast.project import Project
from podcast.speech import make_espeak

LEVELS = ("ok", "warn", "fail")
"""From best to worst; the exit code is the worst level's index."""


Check = Callable[[Case], list[Finding]]


def examine(project: Project, *, write: bool = False) -> list[Finding]:
    """Run every check on ``project``; ``write`` also stores and deletes one object in the
    bucket."""
    settings, problems = config_problems(project.config)
    case = Case(project, settings, tuple(problems), write)
    return [finding for check in CHECKS for finding in check(case)]


def worst(findings: list[Finding]) -> int:
    """The exit code: 0 when every line is ok, 1 at worst a warning, 2 for a failure."""
    return max((LEVELS.index(finding.level) for finding in findings), default=0)


def check_config(case: Case) -> list[Finding]:
    if not case.project.config.exists():
        return [Finding("ok", "config", "no podcast.toml: every default (podcast init writes one)")]
    if not case.problems:
        return [Finding("ok", "config", f"{case.project.config.name}: every key is valid")]
    return [Finding("fail", "config", problem) for problem in case.problems]


def check_cover(case: Case) -> list[Finding]:
    image = case.settings.show.image
    raw = _raw_image(case)
    if raw and not image:
        problem = image_problem(case.project.root / raw)
        return [
            Finding(
                "fail",
                "cover",
                f"[show] image {raw} {problem}; give a square JPEG or "
                "PNG of 1400 to 3000 px, or leave image empty to draw one",
            )
        ]
    if not image:
        return [Finding("ok", "cover", "none set: one is drawn from the title")]
    return [Finding("ok", "cover", f"{image}: a cover podcast apps accept")]


def _raw_image(case: Case) -> str:
    """The image named in podcast.toml, even when it was refused."""
    for problem in case.problems:
        if "[show] image:" in problem:
            return problem.split("[show] image: ", 1)[1].split(" ", 1)[0]
    return ""


def check_base_url(case: Case) -> list[Finding]:
    base_url, target = case.settings.show.base_url, case.settings.publish.target
    host = urlsplit(base_url).hostname or ""
    if target and host in ("127.0.0.1", "localhost"):
        return [
            Finding(
                "fail",
                "base_url",
                f"{base_url} is this computer, but podcast publish "
                f"uploads to {target}: set [show] base_url to the bucket's public address",
            )
        ]
    if _local(host):
        return [
            Finding(
                "ok",
                "base_url",
                f"{base_url}: on this computer or its network, for podcast serve (which gives "
                "apps its own address); set a public one before publishing",
            )
        ]
    if not base_url.startswith("https://"):
        return [
            Finding(
                "warn",
                "base_url",
                f"{base_url} is plain http; Apple Podcasts wants https:// addresses",
            )
        ]
    return [Finding("ok", "base_url", f"{base_url}: a public https:// address")]


def _local(host: str) -> bool:
    """Whether ``host`` is a loopback, private or link-local address (or localhost)."""
    if host == "localhost" or host.endswith((".local", ".lan", ".home")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local


def check_ffmpeg(case: Case) -> list[Finding]:
    try:
        result = subprocess.run([FFMPEG, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return [
            Finding(
                "fail",
                "ffmpeg",
                f"{FFMPEG} does not run ({error}); reinstall "
                "imageio-ffmpeg: pip install --force-reinstall imageio-ffmpeg",
            )
        ]
    version = " ".join(result.stdout.split()[:3])
    return [Finding("ok", "ffmpeg", f"{version} (from the imageio-ffmpeg wheel)")]


def check_espeak(case: Case) -> list[Finding]:
    started = time.monotonic()
    try:
        clip = make_espeak(case.settings.speech).speak("Halo.")
    except (PodcastError, OSError) as error:
        return [
            Finding(
                "fail",
                "espeak",
                f"eSpeak NG does not speak ({error}); reinstall "
                "espeakng-loader: pip install --force-reinstall espeakng-loader",
            )
        ]
    seconds = time.monotonic() - started
    return [
        Finding(
            "ok",
            "espeak",
            f"eSpeak NG spoke a test word in {seconds * 1000:.0f} ms "
            f"({len(clip.data):,} bytes of audio)",
        )
    ]


CHECKS: tuple[Check, ...] = (
    check_config,
    check_cover,
    check_base_url,
    check_ffmpeg,
    check_espeak,
    lambda case: google(case.settings.speech),
    lambda case: edge(case.settings.speech),
    lambda case: bucket(case.settings, case.write),
    check_disk,
    check_clip_cache,
    check_catalog,
    check_sources,
)
"""Every check, in the order of the flow."""
