"""podcast.toml: `podcast init` writes it; each bad value is refused naming file, key, cause."""

from __future__ import annotations

import io
from pathlib import Path

import podcastparser
import pytest
from click.testing import CliRunner
from PIL import Image

from podcast.cli import main
from podcast.config import Settings, Show, load_settings
from podcast.errors import ConfigError
from podcast.project import Project
from podcast.run import build
from podcast.serve.page import render_feed
from tests.support.project import NOW, make_project

CATEGORIES = (
    "Arts, Business, Comedy, Education, Fiction, Government, History, Health & Fitness, "
    "Kids & Family, Leisure, Music, News, Religion & Spirituality, Science, "
    "Society & Culture, Sports, Technology, True Crime, TV & Film"
)


def image(path: Path, size: tuple[int, int], mode: str = "RGB", kind: str = "JPEG") -> None:
    Image.new(mode, size, "white").save(path, kind)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    image(tmp_path / "art.png", (1400, 1200), kind="PNG")
    image(tmp_path / "small.jpg", (1000, 1000))
    image(tmp_path / "huge.jpg", (3200, 3200))
    image(tmp_path / "cmyk.jpg", (1400, 1400), mode="CMYK")
    image(tmp_path / "anim.gif", (1400, 1400), mode="P", kind="GIF")
    return tmp_path


BAD = [
    ("owner_email = 'kabar.example.com'", "[show] owner_email: 'kabar.example.com' is not an "
     "e-mail address like name@example.com"),
    ("category = 'Berita'", f"[show] category: 'Berita' is not an Apple Podcasts category; "
     f"one of: {CATEGORIES}"),
    ("subcategory = 'Islam'", "[show] subcategory: 'Islam' is not a subcategory of 'News'; one "
     "of: Business News, Daily News, Entertainment News, News Commentary, Politics, Sports News, "
     "Tech News"),
    ("category = 'Technology'", "[show] subcategory: 'Daily News' is not a subcategory of "
     "'Technology'; one of: none (leave it empty)"),
    ("image = 'art.png'", "[show] image: art.png is 1400x1200 px; the cover must be square"),
    ("image = 'small.jpg'", "[show] image: small.jpg is 1000x1000 px; the cover must be 1400 "
     "to 3000 px wide"),
    ("image = 'huge.jpg'", "[show] image: huge.jpg is 3200x3200 px; the cover must be 1400 "
     "to 3000 px wide"),
    ("image = 'cmyk.jpg'", "[show] image: cmyk.jpg has colour mode CMYK; the cover must be RGB"),
    ("image = 'anim.gif'", "[show] image: anim.gif is a GIF image; the cover must be a JPEG or "
     "PNG"),
    ("image = 'missing.jpg'", "[show] image: missing.jpg does not exist"),
    ("base_url = 'ftp://example.id/pod/'", "[show] base_url: 'ftp://example.id/pod/' is not an "
     "http:// or https:// URL"),
    ("link = 'example.id'", "[show] link: 'example.id' is not an http:// or https:// URL"),
    ("timezone = 'Asia/Bandung'", "[show] timezone: 'Asia/Bandung' is not a time zone name "
     "like Asia/Jakarta"),
    ("language = 'Bahasa Indonesia'", "[show] language: 'Bahasa Indonesia' is not a language "
     "code like id, en or en-US"),
    ("title = '  '", "[show] title: must not be empty"),
    ("explicit = 'no'", "[show] explicit must be true or false, not 'no'"),
    ("locked = 1", "[show] locked must be true or false, not 1"),
    ("title = 7", "[show] title must be a string, not 7"),
    ("colour = 'red'", "[show] has no setting 'colour'; known: title, description, author, "
     "owner_name, owner_email, language, category, subcategory, explicit, locked, base_url, "
     "link, copyright, image, timezone, keep_episodes, keep_editions, keep_days, feed_items, "
     "page_episodes"),
    ("keep_days = -1", "[show] keep_days: must be 0 or more, not -1"),
    ("feed_items = 0", "[show] feed_items: must be more than 0, not 0"),
    ("page_episodes = 2.5", "[show] page_episodes must be a whole number, not 2.5"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "message"), BAD, ids=[line for line, _ in BAD])
def test_bad_values_are_named_with_file_key_and_cause(
    folder: Path, line: str, message: str
) -> None:
    path = folder / "podcast.toml"
    path.write_text(f"[show]\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == f"{path}: {message}"


def test_unknown_section_and_bad_toml(tmp_path: Path) -> None:
    path = tmp_path / "podcast.toml"
    path.write_text("[shows]\ntitle = 'x'\n", encoding="utf-8")
    with pytest.raises(
        ConfigError,
        match=r"unknown section \[shows\]; known: show, speech, pacing, music, publish, edition, "
        r"fetch, audio, video, sources, feeds$",
    ):
        load_settings(path)
    path.write_text("[show\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(path)


def test_base_url_gets_its_trailing_slash(tmp_path: Path) -> None:
    path = tmp_path / "podcast.toml"
    path.write_text("[show]\nbase_url = 'https://pod.example.id/kabar'\n", encoding="utf-8")
    show = load_settings(path).show
    assert show.base_url == "https://pod.example.id/kabar/"
    assert show.url("feed.xml") == "https://pod.example.id/kabar/feed.xml"


def test_init_writes_the_defaults_with_comments_and_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner(mix_stderr=False)
    result = runner.invoke(main, ["init"])
    assert (result.exit_code, result.stdout) == (
        0,
        "wrote podcast.toml: edit the show's details, then run podcast build\n",
    )
    written = (tmp_path / "podcast.toml").read_text(encoding="utf-8")
    assert written.startswith("# The podcast's settings.")
    assert (
        '# One of Apple Podcasts\' categories (podcast/config/categories.py).\ncategory = "News"\n'
        in written
    )
    assert load_settings(tmp_path / "podcast.toml") == Settings()
    (tmp_path / "podcast.toml").write_text("[show]\ntitle = 'Mine'\n", encoding="utf-8")
    again = runner.invoke(main, ["init"])
    assert (again.exit_code, again.stderr) == (
        1,
        "Error: podcast.toml already exists; edit it, or remove it to start over\n",
    )
    assert (tmp_path / "podcast.toml").read_text(encoding="utf-8") == "[show]\ntitle = 'Mine'\n"


def test_configured_png_cover_is_published_and_referenced(tmp_path: Path) -> None:
    project: Project = make_project(tmp_path)
    image(tmp_path / "sampul.png", (1600, 1600), kind="PNG")
    project.config.write_text(
        "[show]\ntitle = 'Sampul'\nimage = 'sampul.png'\nlocked = true\n", encoding="utf-8"
    )
    build(project, engine_name="espeak", now=NOW)
    assert (project.audio / "cover.png").read_bytes() == (tmp_path / "sampul.png").read_bytes()
    assert not (project.audio / "cover.jpg").exists()
    xml = (project.audio / "feed.xml").read_bytes()
    parsed = podcastparser.parse("http://127.0.0.1:8000/feed.xml", io.BytesIO(xml))
    assert parsed["cover_url"] == "http://127.0.0.1:8000/cover.png"
    assert b'<podcast:locked owner="podcast@example.com">yes</podcast:locked>' in xml
    served = render_feed(project, "http://10.0.0.2:8000/", tmp_path / "served")
    assert served is not None
    parsed = podcastparser.parse("http://10.0.0.2:8000/feed.xml", io.BytesIO(served.read_bytes()))
    assert parsed["cover_url"] == "http://10.0.0.2:8000/cover.png"
    assert Show().image == ""
