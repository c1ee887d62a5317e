"""[[sources]] in and out as OPML: a round trip, and files as podcast apps and readers write them.

listparser, a reader of subscription lists, reads what the export writes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import listparser
import pytest
from click.testing import CliRunner, Result

from podcast.cli import main
from podcast.config import Source, load_settings

SOURCES = (
    Source("https://news.example.com/rss", 5),
    Source("https://sains.example.com/atom.xml?lang=id&x=1", 2, ("gempa", "banjir"), ("video",)),
    Source("http://daerah.example.id/feed/", 10, (), ("iklan", "foto & video")),
)
TOML = """# Kabar Indonesia, followed outlets
[show]
title = "Kabar Indonesia"  # the show's name
"""
ANTENNAPOD = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<opml version="2.0">
  <head>
    <title>AntennaPod Subscriptions</title>
    <dateCreated>06 Dec 26 09:12:44 +0700</dateCreated>
  </head>
  <body>
    <outline text="Berita Pagi" title="Berita Pagi" type="rss"
      xmlUrl="https://radio.example.id/pagi.xml" htmlUrl="https://radio.example.id/" />
    <outline text="Sains &amp; Teknologi" title="Sains &amp; Teknologi" type="rss"
      xmlUrl="https://sains.example.com/atom.xml?lang=id&amp;x=1"
      htmlUrl="https://sains.example.com" />
  </body>
</opml>
"""
READER = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Langganan</title></head>
  <body>
    <outline text="Nasional" title="Nasional">
      <outline type="rss" text="Kompas" title="Kompas"
        xmlUrl="https://kompas.example.com/rss" htmlUrl="https://kompas.example.com"/>
      <outline text="Daerah">
        <outline type="rss" text="Daerah" xmlUrl="http://daerah.example.id/feed/"/>
      </outline>
    </outline>
    <outline text="Catatan tanpa feed"/>
  </body>
</opml>
"""


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(cwd)


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments))


def toml_of(sources: tuple[Source, ...]) -> str:
    from podcast.sources.opml import _table

    return TOML + "".join(_table(source) for source in sources)


def test_export_then_import_gives_the_same_sources_and_keeps_the_file(folder: Path) -> None:
    (folder / "one").mkdir()
    (folder / "one" / "podcast.toml").write_text(toml_of(SOURCES), encoding="utf-8")
    os.chdir(folder / "one")
    result = run("sources", "export", "../subs.opml")
    assert (result.exit_code, result.output) == (0, "wrote ../subs.opml: 3 feeds\n")
    read = listparser.parse((folder / "subs.opml").read_bytes())
    assert not read.bozo
    assert read.meta["title"] == "Kabar Indonesia: sources"
    assert [(feed["url"], feed["title"]) for feed in read.feeds] == [
        ("https://news.example.com/rss", "news.example.com/rss"),
        ("https://sains.example.com/atom.xml?lang=id&x=1", "sains.example.com/atom.xml"),
        ("http://daerah.example.id/feed/", "daerah.example.id/feed/"),
    ]
    (folder / "two").mkdir()
    os.chdir(folder / "two")
    (folder / "two" / "podcast.toml").write_text(TOML, encoding="utf-8")
    result = run("sources", "import", "../subs.opml")
    assert (result.exit_code, result.output) == (
        0,
        "added https://news.example.com/rss\n"
        "added https://sains.example.com/atom.xml?lang=id&x=1\n"
        "added http://daerah.example.id/feed/\n"
        "podcast.toml: 3 feeds added, 0 already followed\n",
    )
    assert load_settings(Path("podcast.toml")).sources == SOURCES
    text = Path("podcast.toml").read_text(encoding="utf-8")
    assert text.startswith(TOML)
    result = run("sources", "import", "../subs.opml")
    assert result.output.endswith("podcast.toml: 0 feeds added, 3 already followed\n")
    assert Path("podcast.toml").read_text(encoding="utf-8") == text
    assert run("sources", "export").output == run("sources", "export").output


@pytest.mark.parametrize(
    ("opml", "expected"),
    [
        (
            ANTENNAPOD,
            (
                Source("https://radio.example.id/pagi.xml"),
                Source("https://sains.example.com/atom.xml?lang=id&x=1"),
            ),
        ),
        (
            READER,
            (Source("https://kompas.example.com/rss"), Source("http://daerah.example.id/feed/")),
        ),
    ],
    ids=["antennapod", "reader-with-folders"],
)
def test_imports_what_apps_and_readers_export(
    folder: Path, opml: str, expected: tuple[Source, ...]
) -> None:
    (folder / "podcast.toml").write_text(toml_of(SOURCES[1:2]), encoding="utf-8")
    (folder / "in.opml").write_text(opml, encoding="utf-8")
    result = run("sources", "import", "in.opml")
    assert result.exit_code == 0, result.output
    settings = load_settings(folder / "podcast.toml")
    assert settings.sources == (SOURCES[1], *(s for s in expected if s.url != SOURCES[1].url))
    assert [feed["url"] for feed in listparser.parse(opml).feeds] == [s.url for s in expected]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n", "in.opml: not an OPML file: not well-formed XML"),
        (b"<rss version='2.0'><channel/></rss>",
         "in.opml: not an OPML file: its root is <rss>, not <opml>"),
        (b"<opml version='2.0'><body><outline text='x'/></body></opml>",
         "in.opml: the OPML file lists no feed (no outline with an xmlUrl)"),
        (b"<opml version='2.0'><body><outline xmlUrl='feed://x.example/rss'/></body></opml>",
         "in.opml: 'feed://x.example/rss' is not the http:// or https:// URL of a feed"),
    ],
    ids=["binary", "a-feed", "no-feeds", "not-http"],
)  # fmt: skip
def test_a_file_that_is_not_a_list_of_feeds_is_refused_and_nothing_changes(
    folder: Path, content: bytes, message: str
) -> None:
    (folder / "podcast.toml").write_text(TOML, encoding="utf-8")
    (folder / "in.opml").write_bytes(content)
    result = run("sources", "import", "in.opml")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {message}")
    assert (folder / "podcast.toml").read_text(encoding="utf-8") == TOML
