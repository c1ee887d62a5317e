"""Projects and speech aimed at the loopback Google server."""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

from podcast.pcm import FFMPEG
from podcast.project import Project
from podcast.speech.espeak import Espeak
from tests.servers import google as google_server
from tests.support.project import SEED, make_project


@functools.cache
def google_voice(text: str) -> bytes:
    """MP3 like Google's (24 kHz mono, 32 kbps) for ``text``, spoken by eSpeak NG.

    Remembered per text: like Google, the same text always gets the same bytes.
    """
    wav = Espeak().speak(text).data
    result = subprocess.run(
        [
            FFMPEG,
            "-v",
            "error",
            "-f",
            "wav",
            "-i",
            "pipe:0",
            "-ar",
            "24000",
            "-ac",
            "1",
            "-b:a",
            "32k",
            "-f",
            "mp3",
            "-",
        ],
        input=wav,
        capture_output=True,
        check=True,
    )
    return result.stdout


FIRE = """Kebakaran Pasar Senen Dipadamkan

Api yang melalap sebagian los pedagang di Pasar Senen berhasil dipadamkan setelah tiga jam.

Tidak ada korban jiwa, tetapi ratusan pedagang kehilangan barang dagangan mereka.
"""


FLOOD = """Banjir Melanda Jakarta Utara

Hujan deras sejak Jumat malam membuat sejumlah kawasan di Jakarta Utara tergenang hingga \
setinggi lutut orang dewasa.

Petugas pemadam kebakaran dan relawan membantu warga mengungsi ke masjid dan sekolah terdekat.
"""


def attempts(faults: google_server.Faults, text: str) -> int:
    """How many requests the server needs to get before it answers ``text`` well."""
    tries = 1
    while faults.pick(text, tries - 1) != "ok":
        tries += 1
    return tries


def google_project(
    folder: Path, url: str, articles: dict[str, str] | None = None, speech: str = ""
) -> Project:
    """A project whose podcast.toml sends Google's requests to ``url``, retrying quickly.

    ``speech`` holds more lines for ``[speech]``.
    """
    project = make_project(folder)
    if articles is not None:
        (project.seeds / SEED.name).unlink()
        for name, text in articles.items():
            (project.seeds / name).write_text(text, encoding="utf-8")
    project.config.write_text(
        f'[speech]\ngoogle_url = "{url}"\ntimeout_s = 2.0\nbackoff_s = 0.01\n{speech}',
        encoding="utf-8",
    )
    return project
