"""An episode's video in a real browser: Debian's headless Chromium plays the MP4.

Run with ``python -m pytest -m browser`` (Debian's chromium and chromium-driver installed).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image
from selenium.webdriver.support.ui import WebDriverWait

from podcast.project import Project
from podcast.run import build
from podcast.video import make_videos
from tests.support import DATA
from tests.support.browser import DESKTOP, chromium
from tests.support.project import NOW, make_project
from tests.support.web import serving

pytestmark = pytest.mark.browser

SHORT = DATA / "short_article.txt"
STEM = "2025-12-21-hujan-deras-guyur-jakarta-sore-ini"
PLAY = """
const done = arguments[arguments.length - 1];
const video = document.createElement("video");
video.muted = true;
video.src = arguments[0];
document.body.append(video);
video.addEventListener("error", () => done({error: video.error && video.error.code}));
video.play().then(() => {
  const check = () => {
    if (video.currentTime < 1.5) return setTimeout(check, 50);
    video.pause();
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [video.videoWidth, video.videoHeight];
    const context = canvas.getContext("2d");
    context.drawImage(video, 0, 0);
    const [x, y] = arguments[1];
    done({
      size: [video.videoWidth, video.videoHeight],
      duration: video.duration,
      decoded: video.getVideoPlaybackQuality().totalVideoFrames,
      pixel: Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3)),
      supports: video.canPlayType('video/mp4; codecs="avc1.640020, mp4a.40.2"'),
    });
  };
  check();
}, (error) => done({error: String(error)}));
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, str]]:
    project = make_project(tmp_path_factory.mktemp("video-browser"), SHORT)
    assert not build(project, engine_name="espeak", now=NOW).failures
    assert not make_videos(project)[1]
    for url in serving(project):
        yield project, url


def test_chromium_plays_the_video_and_shows_its_picture(served: tuple[Project, str]) -> None:
    project, page = served
    in_cover = (64 + 36, 64 + 36)  # the cover, where it is one colour
    with chromium(*DESKTOP) as driver:
        driver.get(page)
        WebDriverWait(driver, 15).until(
            lambda d: d.execute_script("return document.readyState") == "complete"
        )
        result: dict[str, Any] = driver.execute_async_script(PLAY, f"{STEM}.mp4", in_cover)
    assert "error" not in result, result
    assert result["supports"] == "probably"
    assert result["size"] == [1280, 720]
    assert result["decoded"] >= 2
    with Image.open(project.audio / "cover.jpg") as cover:
        expected = cover.convert("RGB").resize((340, 340)).getpixel((36, 36))
    assert all(abs(a - b) <= 4 for a, b in zip(result["pixel"], expected, strict=True)), (
        result["pixel"],
        expected,
    )
