"""The command line by its exact output and exit codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from podcast.cli import main
from tests.support import ROOT
from tests.support.project import SEED, make_project, terminal_output


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / SEED.name).write_bytes(SEED.read_bytes())
    return CliRunner(mix_stderr=False)


def test_build_reports_engine_episode_and_feed(runner: CliRunner) -> None:
    result = runner.invoke(main, ["build", "--engine", "espeak"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "engine: espeak (chosen with --engine)"
    assert re.fullmatch(
        r"built audio/\d{4}-\d\d-\d\d-berita-as-dan-rusia-bertemu-di-miami-bahas-akhiri-perang"
        r"\.mp3 \(3:\d\d, 1\.\d MB\)",
        lines[1],
    )
    assert lines[2] == "feed: audio/feed.xml (1 episodes)"
    assert result.stderr == ""


def test_quiet_build_prints_nothing(runner: CliRunner) -> None:
    result = runner.invoke(main, ["build", "-q", "--engine", "espeak"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_bad_inputs_are_named_and_the_rest_still_builds(runner: CliRunner) -> None:
    Path("seeds/empty.txt").write_bytes(b"")
    Path("seeds/binary.txt").write_bytes(b"\xff\xfe\x00\x81" * 10)
    result = runner.invoke(main, ["build", "--engine", "espeak", "seeds", "missing.txt"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "3 article(s) failed; the others were built."
    errors = result.stderr.splitlines()[:-1]
    assert errors[0] == "error: missing.txt: no such file or folder"
    assert errors[1].startswith("error: seeds/binary.txt: ")
    assert errors[2].startswith("error: seeds/empty.txt: ")
    assert "built audio/" in result.stdout
    assert "feed: audio/feed.xml (1 episodes)" in result.stdout


def test_clean_prints_title_then_paragraphs(runner: CliRunner) -> None:
    result = runner.invoke(main, ["clean", f"seeds/{SEED.name}"])
    assert result.exit_code == 0
    blocks = result.stdout.split("\n\n")
    assert blocks[0] == "Berita AS dan Rusia Bertemu di Miami Bahas Akhiri Perang Ukraina"
    assert len(blocks) == 15
    assert blocks[-1] == (
        "“Jika pertemuan itu bisa diadakan sekarang untuk memungkinkan pertukaran tahanan, "
        "atau jika pertemuan para penasihat keamanan bisa membuka jalan bagi pertemuan para "
        "pemimpin… Saya tidak bisa mengatakan tidak. Kami akan mendukung usulan AS. Mari kita "
        "lihat bagaimana perkembangannya,” kata Zelensky.\n"
    )


def test_clean_of_a_missing_file_is_one_line_and_exit_1(runner: CliRunner) -> None:
    result = runner.invoke(main, ["clean", "nowhere.txt"])
    assert (result.exit_code, result.stderr) == (1, "Error: nowhere.txt: no such file\n")


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    runner = CliRunner()
    for name in main.commands:
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert "Example: podcast " in result.output, name
        assert f"podcast {name}" in readme, name


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.+?)\n```", readme)
    assert len(commands) == 3
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert commands[1] in ci  # the tests
    assert commands[2] in ci  # the browser suite


def test_progress_is_drawn_on_a_terminal_and_quiet_silences_it(tmp_path: Path) -> None:
    make_project(tmp_path)
    shown = terminal_output(tmp_path, "build", "--engine", "espeak")
    updates = shown.replace("\r\n", "\n").split("\r")
    assert updates[1] == f"  seeds/{SEED.name}: 1/17 parts spoken"
    assert updates[-1] == f"  seeds/{SEED.name}: 17/17 parts spoken\n"
    (tmp_path / "seeds" / SEED.name).write_text(SEED.read_text() + "\nSatu paragraf lagi.\n")
    assert terminal_output(tmp_path, "build", "-q", "--engine", "espeak") == ""
