"""`journey validate MAP.json`: 0 and one line on stdout, or 1 and one line on stderr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli.main import main

DATA = Path(__file__).resolve().parents[1] / "data"
BROKEN = sorted((DATA / "broken").glob("*.json"))
VALID = [DATA / "schema" / "v1.json", *sorted((DATA / "fixtures").glob("*.json"))]

# What the error line must name for the fixtures the issue lists by name.
NAMED_FIELD = {
    "truncated.json": "line 208, column",
    "wrong-type.json": "stages[0].touchpoints[0].emotion.score",
    "dangling-reference.json": "opportunities[1] links to pain point 'pp-9'",
    "control-characters.json": "stages[1].name",
    "nul-character.json": "personas[0].quote",
}


def validate(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str, str]:
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_a_valid_map_is_accepted(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    before = path.read_bytes()
    code, out, err = validate(capsys, path)
    assert (code, err) == (0, "")
    assert out.startswith(f"{path}: valid journey map (")
    assert out.count("\n") == 1
    assert path.read_bytes() == before


def test_the_broken_fixtures_cover_the_issue() -> None:
    assert set(NAMED_FIELD) <= {p.name for p in BROKEN}


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_a_broken_map_is_rejected_with_one_line(
    capsys: pytest.CaptureFixture[str], path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    code, out, err = validate(capsys, copy)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n")
    assert err.startswith(f"journey: error: {copy}: ")
    if path.name in NAMED_FIELD:
        assert NAMED_FIELD[path.name] in err
    assert copy.read_bytes() == path.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # nothing written beside it


def test_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = validate(capsys, tmp_path / "nope.json")
    assert (code, out) == (1, "")
    assert err == f"journey: error: {tmp_path / 'nope.json'}: no such file\n"


@pytest.mark.e2e
@pytest.mark.parametrize(
    "name", ["truncated.json", "wrong-type.json", "dangling-reference.json", "not-utf8.json"]
)
def test_the_real_command_prints_exactly_one_line(name: str) -> None:
    """In a real process: no warning, traceback or colour codes besides the one line."""
    path = DATA / "broken" / name
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"journey: error: {path}: ")
