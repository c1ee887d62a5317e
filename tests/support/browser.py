"""A headless Chromium from the system's packages, driven by Selenium through chromedriver."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMEDRIVER = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--autoplay-policy=no-user-gesture-required",
    "--mute-audio",
)
PHONE = (390, 844)
DESKTOP = (1280, 900)
SHOTS_ENV = "PODCAST_SCREENSHOTS"


def _first(paths: tuple[str, ...]) -> str:
    found = next((path for path in paths if Path(path).is_file()), None)
    if found is None:
        raise RuntimeError(
            f"none of {', '.join(paths)} exists: install Debian's chromium and chromium-driver"
        )
    return found


@contextmanager
def chromium(width: int = DESKTOP[0], height: int = DESKTOP[1]) -> Iterator[webdriver.Chrome]:
    """A headless Chromium with a fresh profile, collecting the page's console messages."""
    profile = tempfile.mkdtemp(prefix="podcast-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = _first(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=_first(CHROMEDRIVER))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def screenshot_folder() -> Path:
    """Where screenshots go: $PODCAST_SCREENSHOTS, else a folder under the temporary dir."""
    folder = Path(os.environ.get(SHOTS_ENV) or Path(tempfile.gettempdir()) / "podcast-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def full_page_screenshot(driver: webdriver.Chrome, path: Path, width: int) -> Path:
    """Save the whole page at ``width`` CSS pixels, however long it is."""
    for _ in range(2):  # the height the page takes at this width
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": int(height), "deviceScaleFactor": 1, "mobile": width < 600},
        )
    driver.save_screenshot(str(path))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return path
