"""Articles from the web: podcast add, podcast clean URL and podcast fetch against a real site."""

from __future__ import annotations

import asyncio
import itertools
import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner, Result
from mutagen.id3 import ID3

from podcast import __version__
from podcast.cli import main
from podcast.cli.web import FIRST_RUN
from podcast.config import load_settings
from podcast.errors import ConfigError, PodcastError
from podcast.project import Project
from podcast.sources import follow_sources
from podcast.text import SavedPage, format_saved, parse_saved, read_article
from tests.servers.news_site import ARTICLES, Item, NewsSite, expected_text, news_site

KOMPAS = "/kompas/read/2026/11/30/07150051/banjir-rendam-40-rt-di-jakarta-timur"
TRIBUN_AMP = "/tribun/amp/2026/11/28/harga-kopi-arabika-gayo-tembus-rp-180-ribu"
LIPUTAN6 = "/liputan6/bisnis/read/6100200/kereta-cepat-tambah-perjalanan"
KOMPAS_SEED = "banjir-rendam-40-rt-di-jakarta-timur-warga-mengungsi-ke.html"


@pytest.fixture
def site() -> Iterator[NewsSite]:
    with news_site(slow_s=3.0, trickle_s=4.0, huge_bytes=25_000_000) as running:
        yield running


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    configure(tmp_path)
    return CliRunner(mix_stderr=False)


def configure(folder: Path, sources: str = "", delay_s: float = 0.0) -> None:
    (folder / "podcast.toml").write_text(
        f"[fetch]\ndelay_s = {delay_s}\ntimeout_s = 1.0\ndeadline_s = 2.0\n{sources}",
        encoding="utf-8",
    )


def invoke(runner: CliRunner, *arguments: str) -> Result:
    return runner.invoke(main, list(arguments), catch_exceptions=False)


@pytest.mark.parametrize(
    ("path", "name"), [*ARTICLES.items(), (TRIBUN_AMP, "tribun_kopi")], ids=lambda v: v[-20:]
)
def test_clean_url_prints_the_article_as_expected(
    runner: CliRunner, site: NewsSite, path: str, name: str
) -> None:
    expected = expected_text(name)
    result = invoke(runner, "clean", site.url(path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")
    assert not Path("seeds").exists() and not Path(".podcast").exists()


def test_clean_url_spoken(runner: CliRunner, site: NewsSite) -> None:
    result = invoke(runner, "clean", "--spoken", site.url(ARTICLES_BY_NAME["kumparan_vaksin"]))
    assert (
        result.stdout.splitlines()[0]
        == "Vaksin Dengue Gratis untuk Anak es de di Bali Mulai Januari"
    )
    assert "mulai Januari dua ribu dua puluh tujuh." in result.stdout


ARTICLES_BY_NAME = {name: path for path, name in ARTICLES.items()}


def test_add_from_a_link_to_an_episode_reproducible_offline(
    runner: CliRunner, site: NewsSite, tmp_path: Path
) -> None:
    short = site.url("/s/banjir")
    result = invoke(runner, "add", "--engine", "espeak", short)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"saved seeds/{KOMPAS_SEED} from {short}"
    assert lines[1] == "engine: espeak (chosen with --engine)"
    assert lines[2].startswith("built audio/2026-11-30-banjir-rendam-40-rt-di-jakarta-timur-warga")
    assert lines[3] == "feed: audio/feed.xml (1 episodes)"
    raw = (tmp_path / "seeds" / KOMPAS_SEED).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf<!-- podcast saved page\nsource: ")
    saved = parse_saved(raw.decode("utf-8-sig"))
    assert saved is not None
    assert (saved.source, saved.final) == (short, site.url(KOMPAS))
    assert abs((datetime.now(UTC) - saved.fetched).total_seconds()) < 60
    assert [url for url, _ in saved.pages] == [site.url(KOMPAS)]
    mp3 = next((tmp_path / "audio").glob("*.mp3"))
    assert [frame.url for frame in ID3(mp3).getall("WOAS")] == [short]
    entry = feedparser.parse(str(tmp_path / "audio" / "feed.xml")).entries[0]
    assert entry.content[0].value.endswith(
        f'<p>Baca artikel aslinya: <a href="{short}">Kompas.com</a></p>'
    )
    # Offline: the seed alone gives the same article.
    article = read_article(tmp_path / "seeds" / KOMPAS_SEED)
    assert "\n\n".join((article.title, *article.paragraphs)) + "\n" == expected_text(
        "kompas_banjir"
    )
    assert article.url == short


def test_the_same_article_twice_is_one_seed(runner: CliRunner, site: NewsSite) -> None:
    first = invoke(runner, "add", "--no-build", site.url(KOMPAS))
    assert first.stdout == f"saved seeds/{KOMPAS_SEED} from {site.url(KOMPAS)}\n"
    again = invoke(
        runner, "add", "--no-build", site.url(KOMPAS), site.url("/s/banjir"), site.url(KOMPAS)
    )
    assert again.exit_code == 0
    assert again.stdout.splitlines() == [
        f"already added: {site.url(KOMPAS)} is seeds/{KOMPAS_SEED}",
        f"already added: {site.url('/s/banjir')} is seeds/{KOMPAS_SEED}",
        f"already added: {site.url(KOMPAS)} is seeds/{KOMPAS_SEED}",
    ]
    assert [path.name for path in Path("seeds").iterdir()] == [KOMPAS_SEED]
    # A known URL is not fetched again; the short link was fetched once, then remembered.
    assert len(site.requests_to(KOMPAS)) == 2
    invoke(runner, "add", "--no-build", site.url("/s/banjir"))
    assert len(site.requests_to("/s/banjir")) == 1
    # Same canonical URL from another address (the AMP page of the same article).
    tribun = invoke(runner, "add", "--no-build", site.url(ARTICLES_BY_NAME["tribun_kopi"]))
    amp = invoke(runner, "add", "--no-build", site.url(TRIBUN_AMP))
    seed = tribun.stdout.split()[1]
    assert amp.stdout == f"already added: {site.url(TRIBUN_AMP)} is {seed}\n"


def test_pages_of_one_article_are_joined_in_order(runner: CliRunner, site: NewsSite) -> None:
    result = invoke(runner, "add", "--no-build", site.url(LIPUTAN6))
    seed = Path("seeds/kereta-cepat-whoosh-tambah-10-perjalanan-selama-libur-akhir.html")
    assert result.stdout == f"saved {seed} from {site.url(LIPUTAN6)}, 3 pages\n"
    saved = parse_saved(seed.read_text(encoding="utf-8-sig"))
    assert saved is not None
    assert [url for url, _ in saved.pages] == [site.url(LIPUTAN6 + n) for n in ("", "/2", "/3")]
    assert [len(site.requests_to(LIPUTAN6 + n)) for n in ("", "/2", "/3")] == [1, 1, 1]


def test_an_article_of_endless_pages_stops_at_ten(runner: CliRunner, site: NewsSite) -> None:
    result = invoke(runner, "add", "--no-build", site.url("/endless"))
    assert (
        result.stdout
        == f"saved seeds/berita-bersambung.html from {site.url('/endless')}, 10 pages\n"
    )
    assert [len(site.requests_to(f"/endless/{n}")) for n in (10, 11)] == [1, 0]
    article = read_article(Path("seeds/berita-bersambung.html"))
    assert [p.split()[4] for p in article.paragraphs] == [str(n) for n in range(1, 11)]


FAILURES = {
    "/missing": "not found (404)",
    "/error": "server error (500)",
    "/slow": "no answer within 1 s (timed out)",
    "/trickle": "not downloaded within 2 s (timed out)",
    "/loop/a": "redirect loop (/loop/a -> /loop/b -> /loop/a)",
    "/far/1": "more than 5 redirects",
    "/huge": "larger than 20 MB, too large for a page",
    "/bomb": "larger than 20 MB, too large for a page",
    "/doc.pdf": "not a web page but a PDF document (application/pdf)",
    "/foto.jpg": "not a web page but an image (image/jpeg)",
    "/kompas/megapolitan": (
        "no article in the page (0 words of prose: a front page or a list of links?)"
    ),
    "/app/berita/5512": "no article in the page: it needs JavaScript to show its text",
    "/cut": "the connection was cut mid-page after 1,864 of 5,592 bytes",
    "/private/laporan-internal": "{host}/robots.txt does not allow fetching it",
    "/rss.xml": (
        "not a web page but a feed (application/rss+xml): add it to [[sources]] in podcast.toml"
    ),
}


def test_every_failure_is_one_line_and_the_other_urls_go_through(
    runner: CliRunner, site: NewsSite
) -> None:
    host = site.base.removeprefix("http://")
    urls = [site.url(path) for path in FAILURES]
    result = invoke(runner, "add", "--no-build", *urls[:7], site.url(KOMPAS), *urls[7:])
    assert result.exit_code == 1
    assert result.stdout == f"saved seeds/{KOMPAS_SEED} from {site.url(KOMPAS)}\n"
    assert result.stderr.splitlines() == [
        *(
            f"error: {site.url(path)}: {cause.format(host=host)}"
            for path, cause in FAILURES.items()
        ),
        f"{len(FAILURES)} URL(s) failed; the others went through.",
    ]
    assert [path.name for path in Path("seeds").iterdir()] == [KOMPAS_SEED]


def test_a_refused_connection_and_a_bad_address(runner: CliRunner) -> None:
    result = invoke(runner, "add", "http://127.0.0.1:1/berita", "ftp://example.com/berita")
    assert result.stderr.splitlines() == [
        "error: http://127.0.0.1:1/berita: cannot connect ([Errno 111] Connection refused)",
        "error: ftp://example.com/berita: not a web address (http:// or https://)",
        "2 URL(s) failed; the others went through.",
    ]
    assert (result.exit_code, Path("seeds").exists()) == (1, False)


@pytest.mark.parametrize("seed", range(6))
def test_random_faults_fail_only_their_own_pages(
    runner: CliRunner, site: NewsSite, seed: int
) -> None:
    draw = random.Random(seed)
    site.faults.update(
        {
            path: draw.choice(("404", "500", "cut"))
            for path in ARTICLES
            if draw.random() < 0.25 and path != LIPUTAN6
        }
    )
    if draw.random() < 0.5:
        site.faults[LIPUTAN6 + "/2"] = "500"
    result = invoke(runner, "add", "--no-build", *(site.url(path) for path in ARTICLES))
    failed = {line.split(": ")[1] for line in result.stderr.splitlines()[:-1]}
    broken = {site.url(p) for p in site.faults if p in ARTICLES}
    if LIPUTAN6 + "/2" in site.faults:
        broken.add(site.url(LIPUTAN6))
    assert failed == broken
    assert len(list(Path("seeds").glob("*.html"))) == len(ARTICLES) - len(broken)
    assert result.exit_code == (1 if broken else 0)
    for line in result.stderr.splitlines()[:-1]:
        assert line.endswith(("not found (404)", "server error (500)", " bytes")), line


def test_a_polite_client(runner: CliRunner, site: NewsSite, tmp_path: Path) -> None:
    configure(tmp_path, delay_s=0.3)
    invoke(runner, "add", "--no-build", site.url(LIPUTAN6), site.url(KOMPAS))
    log = site.log
    assert [request.path for request in log][:2] == ["/robots.txt", LIPUTAN6]
    assert len(site.requests_to("/robots.txt")) == 1
    agent = f"podcast/{__version__} (article-to-podcast tool)"
    assert {request.headers["User-Agent"] for request in log} == {agent}
    assert all("gzip" in request.headers["Accept-Encoding"] for request in log)
    gaps = [later.at - earlier.at for earlier, later in itertools.pairwise(log)]
    assert min(gaps) >= 0.27  # 0.3 s apart as sent; the log adds its own jitter


def test_fetch_twice_asks_conditionally_and_adds_nothing_twice(
    runner: CliRunner, site: NewsSite, tmp_path: Path
) -> None:
    sources = (
        f'[[sources]]\nurl = "{site.url("/rss.xml")}"\nlimit = 2\n'
        f'[[sources]]\nurl = "{site.url("/atom.xml")}"\nexclude = ["gempa"]\n'
    )
    configure(tmp_path, sources)
    first = invoke(runner, "fetch", "--no-build")
    assert first.exit_code == 0, first.stderr
    assert first.stdout.splitlines()[:2] == [
        f"feed: {site.url('/rss.xml')}: 3 items, 3 new, 2 taken, 1 left out by limit or words",
        f"feed: {site.url('/atom.xml')}: 2 items, 2 new, 1 taken, 1 left out by limit or words",
    ]
    seeds = sorted(path.name for path in Path("seeds").iterdir())
    assert seeds == [
        KOMPAS_SEED,
        "kemendikdasmen-uji-coba-sekolah-lima-hari-di-300-sd.html",
        "vaksin-dengue-gratis-untuk-anak-sd-di-bali-mulai-januari.html",
    ]
    second = invoke(runner, "fetch", "--no-build")
    assert second.stdout.splitlines() == [
        f"feed: {site.url('/rss.xml')}: unchanged (304)",
        f"feed: {site.url('/atom.xml')}: unchanged (304)",
    ]
    rss = site.requests_to("/rss.xml")
    assert [request.status for request in rss] == [200, 304]
    assert "If-None-Match" not in rss[0].headers
    assert rss[1].headers["If-None-Match"].startswith('"')
    assert rss[1].headers["If-Modified-Since"] == "Mon, 30 Nov 2026 06:00:00 GMT"
    # A new item: the feed answers in full again and only the new article is added.
    site.add_rss_item(
        Item(LIPUTAN6, "Kereta Cepat", "liputan6-6100200", datetime(2026, 11, 30, 7, tzinfo=UTC))
    )
    third = invoke(runner, "fetch", "--no-build")
    assert third.stdout.splitlines()[0] == (
        f"feed: {site.url('/rss.xml')}: 4 items, 1 new, 1 taken"
    )
    assert len(list(Path("seeds").iterdir())) == 4
    assert [len(site.requests_to(path)) for path in (KOMPAS, LIPUTAN6)] == [1, 1]


def test_fetch_of_a_feed_that_is_not_a_feed(
    runner: CliRunner, site: NewsSite, tmp_path: Path
) -> None:
    configure(tmp_path, f'[[sources]]\nurl = "{site.url("/notafeed.xml")}"\n')
    result = invoke(runner, "fetch")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"error: {site.url('/notafeed.xml')}: not an RSS or Atom feed but an HTML page (text/html)"
    )


def test_first_run_says_how_to_get_articles_in(runner: CliRunner) -> None:
    result = invoke(runner, "build")
    assert (result.exit_code, result.stdout) == (0, FIRST_RUN + "\n")
    assert "podcast add URL" in FIRST_RUN and "[[sources]]" in FIRST_RUN


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[sources]]\nurl = "feed.xml"\n', "url must be the http:// or https:// URL of a feed"),
        ('[[sources]]\nurl = "http://a/f"\nlimit = 0\n', "limit must be a whole number of 1"),
        ('[[sources]]\nurl = "http://a/f"\ninclude = "x"\n', "include must be a list of words"),
        ('[[sources]]\nurl = "http://a/f"\nlimt = 2\n', "has no setting 'limt'"),
    ],
)
def test_bad_sources_are_named(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "podcast.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"^{path}: \[\[sources\]\] 1:? .*{message}"):
        load_settings(path)


def test_sources_are_read(tmp_path: Path) -> None:
    path = tmp_path / "podcast.toml"
    path.write_text(
        '[[sources]]\nurl = "https://a.example/rss"\n'
        '[[sources]]\nurl = "https://b.example/atom"\nlimit = 3\ninclude = ["banjir"]\n',
        encoding="utf-8",
    )
    sources = load_settings(path).sources
    assert [(s.url, s.limit, s.include, s.exclude) for s in sources] == [
        ("https://a.example/rss", 5, (), ()),
        ("https://b.example/atom", 3, ("banjir",), ()),
    ]


def test_saved_pages_round_trip() -> None:
    saved = SavedPage(
        "https://x.example/a--b?x=1",
        "https://x.example/final",
        datetime(2026, 11, 30, 1, 2, 3, tzinfo=UTC),
        (("https://x.example/final", "<html>1</html>"), ("https://x.example/final/2", "<p>2</p>")),
    )
    text = format_saved(saved)
    assert "a--b" not in text
    parsed = parse_saved(text)
    assert parsed is not None
    assert parsed == saved
    assert parse_saved("<html>not saved</html>") is None


def test_following_fetches_every_interval_until_stopped(site: NewsSite, tmp_path: Path) -> None:
    configure(tmp_path, f'[[sources]]\nurl = "{site.url("/atom.xml")}"\nlimit = 1\n')
    text = (tmp_path / "podcast.toml").read_text(encoding="utf-8")
    (tmp_path / "podcast.toml").write_text(
        text.replace("[fetch]\n", "[fetch]\ninterval_min = 0.005\n"), encoding="utf-8"
    )
    heard: list[object] = []

    async def follow_a_while() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(follow_sources(Project(tmp_path), stop, heard.append))
        for _ in range(100):
            if len(site.requests_to("/atom.xml")) >= 3:
                break
            await asyncio.sleep(0.05)
        stop.set()
        await asyncio.wait_for(task, 5)

    asyncio.run(follow_a_while())
    atom = site.requests_to("/atom.xml")
    assert [request.status for request in atom[:3]] == [200, 304, 304]
    assert [path.name for path in (tmp_path / "seeds").iterdir()] == [
        "gempa-m-5-6-guncang-garut-warga-berhamburan-keluar-rumah.html"
    ]
    assert [event for event in heard if isinstance(event, PodcastError)] == []


def test_fetch_without_sources_says_what_to_add(runner: CliRunner) -> None:
    result = invoke(runner, "fetch")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: podcast.toml: no [[sources]] to fetch; "
        "add one with the url of an RSS or Atom feed\n",
    )
