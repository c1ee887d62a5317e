"""The pronunciation list: read, checked, applied after the spoken form, and rebuilt by change."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from mutagen.id3 import ID3
from mutagen.mp3 import MP3, BitrateMode

from podcast.catalog import episodes, open_catalog
from podcast.cli import main
from podcast.errors import PronunciationError
from podcast.run import build
from podcast.speech import ENGINES
from podcast.speech.google import Google
from podcast.text import Lexicon, project_pronunciations, pronounced, respell, speakable
from podcast.text.pronunciations import Entry, builtin_pronunciations, parse_pronunciations
from tests.servers import google as google_server
from tests.support import DATA
from tests.support.project import NOW, make_project
from tests.support.voices import FLOOD, google_project, google_voice

HELD_OUT = DATA / "pronunciations_heldout.tsv"
ENGINE_NAMES = tuple(ENGINES)
TECH = """Ponsel Baru Diluncurkan

Sebuah startup asal Bandung meluncurkan smartphone murah untuk pelajar.

Penjualan online dimulai pekan depan di beberapa toko.
"""
BALL = """Chelsea Menang Tipis

Chelsea mengalahkan tim tamu di kandang sendiri pada Sabtu malam.

Pelatih memuji para pemain muda yang tampil berani.
"""
OWN_LIST = "# the newsroom's list\nChelsea\tCelsi\nsmartphone\tponsel pintar\n"


def said(text: str, lexicon: Lexicon | None = None, engine: str | None = None) -> str:
    """``text`` as spoken with ``lexicon`` (default: the built-in list)."""
    return respell(speakable(text), lexicon or builtin_pronunciations(), engine)


def lexicon_of(text: str) -> Lexicon:
    return parse_pronunciations(text, "pronunciations.tsv", ENGINE_NAMES)


def test_the_built_in_list_has_its_entries() -> None:
    entries = builtin_pronunciations().entries
    assert len(entries) == 123
    assert all(entry.engines == () and not entry.pattern for entry in entries)
    assert len({entry.written for entry in entries}) == 123


@pytest.mark.parametrize("entry", builtin_pronunciations().entries, ids=lambda entry: entry.written)
def test_each_built_in_entry_is_said_as_listed(entry: Entry) -> None:
    assert said(f"Menurut laporan, {entry.written} kembali disebut.") == (
        f"Menurut laporan, {entry.said} kembali disebut."
    )
    if entry.written == entry.written.lower():
        opening = entry.said[:1].upper() + entry.said[1:]
        assert said(f"{entry.written.capitalize()} kembali disebut.") == (
            f"{opening} kembali disebut."
        )


def held_out() -> list[tuple[str, str]]:
    lines = HELD_OUT.read_text(encoding="utf-8").splitlines()
    return [(w, s) for w, s in (line.split("\t") for line in lines if not line.startswith("#"))]


@pytest.mark.parametrize(("written", "spoken"), held_out())
def test_held_out_sentences_are_said_as_expected(written: str, spoken: str) -> None:
    assert said(written) == spoken


def test_words_match_whole_and_by_case() -> None:
    lexicon = lexicon_of("online\tonlain\nApple\tEpel\nlive streaming\tlaif striming\n")
    assert respell("Toko online, Online, ONLINE dan onlineshop.", lexicon) == (
        "Toko onlain, Onlain, Onlain dan onlineshop."
    )
    assert respell("Apple dan apple.", lexicon) == "Epel dan apple."
    assert respell("Live Streaming dan live  streaming.", lexicon) == (
        "Laif Striming dan laif striming."
    )


def test_the_longest_written_form_wins_and_chains_end_in_their_last_form() -> None:
    lexicon = lexicon_of("Manchester\tMencester\nManchester United\tMU\nMU\tem yu\n")
    assert respell("Manchester United di Manchester.", lexicon) == "em yu di Mencester."


def test_patterns_match_whole_words_with_their_groups() -> None:
    lexicon = lexicon_of("/(?i)smart(phone|watch)s?/\tsmart-\\1\n/Rp(\\d+)/\t\\1 rupiah\n")
    assert respell("Smartphones, smartwatch, smartphonekit.", lexicon) == (
        "smart-phone, smart-watch, smartphonekit."
    )
    assert respell("Rp5 dan xRp5.", lexicon) == "5 rupiah dan xRp5."


def test_an_engine_s_own_entry_wins_for_that_engine_only() -> None:
    lexicon = lexicon_of("Kyiv\tKiyiv\nKyiv\tKiif\tespeak\ngadget\tgajet\tedge,gtts\n")
    assert respell("Kyiv dan gadget.", lexicon) == "Kiyiv dan gadget."
    assert respell("Kyiv dan gadget.", lexicon, "espeak") == "Kiif dan gadget."
    assert respell("Kyiv dan gadget.", lexicon, "gtts") == "Kiyiv dan gajet."
    every, voiced = pronounced(["Kyiv.", "Halo."], lexicon)
    assert every == ("Kiyiv.", "Halo.")
    assert voiced == (("espeak", ("Kiif.", "Halo.")),)


def test_the_project_list_overrides_and_switches_off_the_built_in_one(tmp_path: Path) -> None:
    (tmp_path / "pronunciations.tsv").write_text(
        "smartphone\tponsel pintar\nonline\tonline\n", encoding="utf-8"
    )
    both = project_pronunciations(tmp_path, "pronunciations.tsv", True, ENGINE_NAMES)
    assert respell("smartphone online startup", both) == "ponsel pintar online startap"
    own = project_pronunciations(tmp_path, "pronunciations.tsv", False, ENGINE_NAMES)
    assert respell("smartphone online startup", own) == "ponsel pintar online startup"
    none = project_pronunciations(tmp_path / "elsewhere", "pronunciations.tsv", False, ())
    assert none.entries == ()


BAD = [
    (
        "smartphone smartfon\n",
        "no tab between the written form and how to say it"
        " ('smartphone smartfon'); separate them with one tab",
    ),
    ("\tsmartfon\n", "the written side is empty (how to say it: 'smartfon')"),
    ("smartphone\t\n", "how to say 'smartphone' is empty"),
    (
        "/smart(phone/\tsmartfon\n",
        "the pattern /smart(phone/ does not compile:"
        " missing ), unterminated subpattern at position 5",
    ),
    ("/x*/\teks\n", "the pattern /x*/ matches empty text"),
    ("/smart(phone)/\t\\2\n", "'\\\\2' names group 2, which /smart(phone)/ lacks"),
    ("Kyiv\tKiyiv\tgoogle\n", "'google' is not an engine; each one of: espeak, gtts, edge, piper"),
    ("Kyiv\tKiyiv\tespeak\tx\n", "more than three columns: written form, how to say it, engines"),
]


@pytest.mark.parametrize(("line", "message"), BAD)
def test_a_bad_entry_is_named_by_file_and_line(line: str, message: str) -> None:
    with pytest.raises(PronunciationError) as raised:
        lexicon_of(f"# list\nonline\tonlain\n{line}")
    assert str(raised.value) == f"pronunciations.tsv:3: {message}"


def test_every_bad_entry_is_named_at_once() -> None:
    with pytest.raises(PronunciationError) as raised:
        lexicon_of("a b\nonline\tonlain\n\tx\nonline\tonlen\n")
    assert str(raised.value).splitlines() == [
        "pronunciations.tsv:1: no tab between the written form and how to say it ('a b');"
        " separate them with one tab",
        "pronunciations.tsv:3: the written side is empty (how to say it: 'x')",
        "pronunciations.tsv:4: 'online' is already on line 2",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Xi\tXi Jinping\n",
            "pronunciations.tsv:1: 'Xi' -> 'Xi Jinping' loops: its output is rewritten again"
            " without end ('Xi Jinping' -> 'Xi Jinping Jinping' ->"
            " 'Xi Jinping Jinping Jinping' -> ...)",
        ),
        (
            "hoax\thoks\nhoks\thoax\n",
            "pronunciations.tsv:1: 'hoax' -> 'hoks' loops with pronunciations.tsv:2: its output"
            " is rewritten again without end ('hoks' -> 'hoax' -> 'hoks' -> ...)",
        ),
    ],
)
def test_an_entry_that_rewrites_its_own_output_is_refused(text: str, message: str) -> None:
    from podcast.text.pronounce import check_settles

    with pytest.raises(PronunciationError) as raised:
        check_settles(lexicon_of(text))
    assert str(raised.value).splitlines()[0] == message


def test_a_bad_list_builds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path)
    (project.root / "pronunciations.tsv").write_text(
        "Zelensky\tZelenski\nPutin\tVladimir Putin\n", encoding="utf-8"
    )
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["build", "--engine", "espeak"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: pronunciations.tsv:2: 'Putin' -> 'Vladimir Putin' loops: its output is rewritten"
        " again without end ('Vladimir Putin' -> 'Vladimir Vladimir Putin' ->"
        " 'Vladimir Vladimir Vladimir Putin' -> ...)\n"
    )
    assert not project.audio.exists() and not project.state.exists()


def test_a_named_list_must_exist(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    project.config.write_text('[speech]\npronunciations = "lafal.tsv"\n', encoding="utf-8")
    with pytest.raises(PronunciationError) as raised:
        build(project, engine_name="espeak", now=NOW)
    assert (
        str(raised.value) == f"{project.config}: [speech] pronunciations 'lafal.tsv': no such file"
    )


def chunks(texts: list[str], lexicon: Lexicon) -> list[str]:
    return [chunk for text in texts for chunk in Google().split(said(text, lexicon))]


def test_an_edited_entry_rebuilds_only_what_it_changes(tmp_path: Path) -> None:
    articles = {"tekno.txt": TECH, "bola.txt": BALL, "banjir.txt": FLOOD}
    with google_server.serve(google_voice) as google:
        project = google_project(tmp_path, google.url, articles)
        listing = project.root / "pronunciations.tsv"
        listing.write_text(OWN_LIST, encoding="utf-8")
        first = build(project, engine_name="gtts", now=NOW)
        assert first.failures == () and len(first.built) == 3
        assert "Celsi mengalahkan tim tamu di kandang sendiri pada Sabtu malam." in google.requests
        assert "Chelsea" not in " ".join(google.requests)

        google.requests.clear()
        listing.write_text(OWN_LIST.replace("Celsi", "Celsea"), encoding="utf-8")
        second = build(project, engine_name="gtts", now=NOW)
        lexicon = project_pronunciations(project.root, "pronunciations.tsv", True, ENGINE_NAMES)
        changed = chunks(["Chelsea Menang Tipis", BALL.split("\n\n")[1]], lexicon)
        assert sorted(google.requests) == sorted(changed)
        assert len(google.requests) == 2
        assert [e.key for e in second.built] == ["bola.txt"]
        assert sorted(e.key for e in second.unchanged) == ["banjir.txt", "tekno.txt"]

        google.requests.clear()
        edited = OWN_LIST.replace("Celsi", "Celsea") + "smartphone\tsmartfon\tespeak\n"
        listing.write_text(edited, encoding="utf-8")
        third = build(project, engine_name="gtts", now=NOW)
        assert (google.requests, third.built, len(third.unchanged)) == ([], (), 3)


def test_only_the_voice_hears_the_list(tmp_path: Path) -> None:
    with google_server.serve(google_voice) as google:
        project = google_project(tmp_path, google.url, {"bola.txt": BALL})
        (project.root / "pronunciations.tsv").write_text(OWN_LIST, encoding="utf-8")
        (episode,) = build(project, engine_name="gtts", now=NOW).built
    assert "Celsi Menang Tipis" in google.requests
    assert episode.title == "Chelsea Menang Tipis"
    assert episode.parts[1] == "Chelsea mengalahkan tim tamu di kandang sendiri pada Sabtu malam."
    tags = ID3(project.audio / episode.file)
    assert str(tags["TIT2"]) == "Chelsea Menang Tipis"
    assert "Celsi" not in tags.getall("USLT")[0].text
    vtt = (project.audio / episode.file).with_suffix(".vtt").read_text(encoding="utf-8")
    assert "Chelsea mengalahkan" in vtt and "Celsi" not in vtt
    connection = open_catalog(project.catalog)
    assert [e.title for e in episodes(connection)] == ["Chelsea Menang Tipis"]
    connection.close()


def test_clean_spoken_shows_the_list_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path)
    (project.seeds / "bola.txt").write_text(BALL, encoding="utf-8")
    (project.root / "pronunciations.tsv").write_text(
        OWN_LIST + "Chelsea\tCelsea\tespeak\n", encoding="utf-8"
    )
    monkeypatch.chdir(project.root)
    runner = CliRunner()
    result = runner.invoke(main, ["clean", "--spoken", "seeds/bola.txt"])
    assert result.output == (
        "Celsi Menang Tipis\n\n"
        "Celsi mengalahkan tim tamu di kandang sendiri pada Sabtu malam.\n\n"
        "Pelatih memuji para pemain muda yang tampil berani.\n"
    )
    espeak = runner.invoke(main, ["clean", "--spoken", "--engine", "espeak", "seeds/bola.txt"])
    assert espeak.output.splitlines()[0] == "Celsea Menang Tipis"


def test_say_speaks_one_line_with_the_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path)
    (project.root / "pronunciations.tsv").write_text(OWN_LIST, encoding="utf-8")
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(
        main, ["say", "Chelsea membeli smartphone online.", "--engine", "espeak", "-o", "coba.mp3"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == [
        "engine: espeak (chosen with --engine)",
        "said: Celsi membeli ponsel pintar onlain.",
    ]
    audio = MP3(project.root / "coba.mp3")
    info = audio.info
    assert (info.channels, info.sample_rate, round(info.bitrate, -3), info.bitrate_mode) == (
        1,
        44100,
        64000,  # the speech preset
        BitrateMode.CBR,
    )
    assert lines[2] == f"wrote coba.mp3 ({audio.info.length:.1f} s)"
    assert 1.5 < audio.info.length < 4.0
    assert len(list((project.state / "clips").rglob("*.wav"))) == 1


def test_an_engine_s_own_entry_rebuilds_only_with_that_voice(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project.seeds / "000_f270e526a9c4b75d.txt").unlink()
    (project.seeds / "tekno.txt").write_text(TECH, encoding="utf-8")
    (project.seeds / "bola.txt").write_text(BALL, encoding="utf-8")
    first = build(project, engine_name="espeak", now=NOW)
    clips = set((project.state / "clips").rglob("*.wav"))
    assert len(first.built) == 2 and len(clips) == 2 + 2 * 3  # bookends shared, 3 parts each
    (project.root / "pronunciations.tsv").write_text(
        "smartphone\tsmart fon\tespeak\n", encoding="utf-8"
    )
    again = build(project, engine_name="espeak", now=NOW)
    assert [e.key for e in again.built] == ["tekno.txt"]
    assert [e.key for e in again.unchanged] == ["bola.txt"]
    assert len(set((project.state / "clips").rglob("*.wav")) - clips) == 1


LISTED = st.sampled_from(
    [entry.written for entry in builtin_pronunciations().entries]
    + [entry.said for entry in builtin_pronunciations().entries]
    + [
        "Presiden",
        "bertemu",
        "di",
        "Jakarta",
        ",",
        ".",
        "(",
        ")",
        "“kata”",
        "-",
        "-nya",
        "ONLINE",
        "Online",
        "Manchester",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LISTED, max_size=20).map(" ".join))
def test_the_built_in_list_settles_at_once_on_news_like_text(text: str) -> None:
    once = said(text)
    assert respell(once, builtin_pronunciations()) == once
    assert "  " not in once


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_the_built_in_list_never_raises(text: str) -> None:
    assert isinstance(said(text), str)


def test_a_pattern_that_rewrites_its_own_output_fails_the_text_it_meets() -> None:
    lexicon = lexicon_of("/(\\w+)ku/\t\\1kuku\n")
    assert respell("Itu rumah.", lexicon) == "Itu rumah."
    with pytest.raises(PronunciationError) as raised:
        respell("Itu bukuku.", lexicon)
    assert str(raised.value) == (
        "pronunciations.tsv:1: '/(\\\\w+)ku/' -> '\\\\1kuku' loops: its output is rewritten"
        " again without end ('Itu bukuku.' -> 'Itu bukukuku.' -> 'Itu bukukukuku.' -> ...)"
    )


@pytest.mark.parametrize("text", ["", "  ", "@jokowi"])
def test_say_refuses_a_line_without_words(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["say", text, "--engine", "espeak"])
    assert (result.exit_code, result.output) == (
        1,
        f"Error: nothing to say: {text!r} holds no words a voice says\n",
    )
    assert not (tmp_path / "say.mp3").exists()


def test_a_list_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    (tmp_path / "pronunciations.tsv").write_bytes(
        "online\tonlain\ncaf\xe9\tkafe\n".encode("latin-1")
    )
    with pytest.raises(PronunciationError) as raised:
        project_pronunciations(tmp_path, "pronunciations.tsv", True, ENGINE_NAMES)
    assert str(raised.value) == (
        "pronunciations.tsv:2: not UTF-8 text (invalid continuation byte at byte 17);"
        " save the list as UTF-8"
    )
