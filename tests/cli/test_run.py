"""`journey run --answers FILE --out DIR`: the scripted workshop writes the map and the report."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli.main import main
from assistant.store import load_map

REPO = Path(__file__).resolve().parents[2]
SARAH = REPO / "tests" / "data" / "answers" / "sarah-crm.en.yaml"
JOURNEY = Path(sys.executable).with_name("journey")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, text: str, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_run_writes_the_map_and_the_report_and_prints_both_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "run", "--answers", str(SARAH), "--out", str(out_dir))
    assert (code, err) == (0, "")
    map_path = out_dir / "sarah-chooses-a-crm.json"
    report_path = out_dir / "sarah-chooses-a-crm.md"
    assert out.splitlines() == [str(map_path), str(report_path)]
    journey = load_map(map_path)
    assert journey.title == "Sarah chooses a CRM"
    assert len(journey.stages) == 5 and len(journey.opportunities) == 5
    assert journey.interview is not None and journey.interview.cursor is None  # finished
    report = report_path.read_text(encoding="utf-8")
    assert "Sarah chooses a CRM" in report and "```mermaid" in report


def test_no_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "run", "--answers", str(SARAH), "--out", str(tmp_path), "--no-report"
    )
    assert code == 0
    assert out.splitlines() == [str(tmp_path / "sarah-chooses-a-crm.json")]
    assert not (tmp_path / "sarah-chooses-a-crm.md").exists()


def test_an_unfinished_script_says_where_it_stopped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write(tmp_path, "language: en\nanswers:\n  - Short map\n  - current\n")
    code, out, _ = run(capsys, "run", "--answers", str(answers), "--out", str(tmp_path / "o"))
    assert code == 0
    assert out.splitlines()[0] == str(tmp_path / "o" / "short-map.json")
    assert "not finished" in out and "business goal" in out


def test_a_plain_list_and_lang_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = write(tmp_path, "- Ouvrir un compte\n- actuel\n")
    code, out, _ = run(
        capsys,
        "run",
        "--answers",
        str(answers),
        "--out",
        str(tmp_path),
        "--lang",
        "fr",
        "--no-report",
    )
    assert code == 0
    assert load_map(Path(out.splitlines()[0])).language == "fr"


@pytest.mark.parametrize(
    ("answers", "number"),
    [
        ("- Title\n- not a map type at all\n", 2),  # refused by the choice question
        ("- Title\n- current\n- goal\n- scenario\n- solo\n- none\n- '99'\n", 7),  # no persona 99
        ("- ''\n", 1),  # the title cannot be empty
        ("- Title\n- /frobnicate\n", 2),  # an unknown command
    ],
)
def test_a_refused_answer_is_exit_1_with_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], answers: str, number: int
) -> None:
    path = write(
        tmp_path,
        "language: en\nanswers:\n" + "".join(f"  {line}\n" for line in answers.splitlines()),
    )
    code, out, err = run(capsys, "run", "--answers", str(path), "--out", str(tmp_path / "o"))
    assert code == 1
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert err.startswith("journey: error: ")
    assert f"answer {number} " in err
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("answers: [unclosed\n", "line"),  # not YAML
        ("just some text\n", "list"),  # YAML, but not a list
        ("42\n", "list"),
        ("", "list"),  # empty
        ("answers: {a: 1}\n", "list"),
        ("- Title\n- {key: value}\n", "answer 2"),  # an item that is a mapping
        ("- Title\n- [a, b]\n", "answer 2"),
        ("- true\n", "answer 1"),
        ("language: de\nanswers: [x]\n", "language"),
        ("template: no-such-template\nanswers: [x]\n", "no-such-template"),
    ],
)
def test_a_malformed_answers_file_is_exit_1_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    path = write(tmp_path, content)
    code, out, err = run(capsys, "run", "--answers", str(path), "--out", str(tmp_path / "o"))
    assert code == 1
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert expected in err


def test_a_missing_or_binary_answers_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "run", "--answers", str(tmp_path / "nope.yaml"))
    assert code == 1 and "no such file" in err and len(err.splitlines()) == 1
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"- \xff\xfe\n")
    code, _, err = run(capsys, "run", "--answers", str(binary))
    assert code == 1 and "UTF-8" in err and len(err.splitlines()) == 1


def test_answers_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "run")
    assert code == 2 and "--answers" in err


def test_the_installed_command(tmp_path: Path) -> None:
    assert JOURNEY.exists(), JOURNEY
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    done = subprocess.run(
        [str(JOURNEY), "run", "--answers", str(SARAH), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    map_path, report_path = (Path(line) for line in done.stdout.splitlines())
    assert map_path == tmp_path / "sarah-chooses-a-crm.json"
    assert report_path == tmp_path / "sarah-chooses-a-crm.md"
    journey = load_map(map_path)
    assert str(journey.created) == "2026-01-01"
    assert report_path.stat().st_size > 1000
