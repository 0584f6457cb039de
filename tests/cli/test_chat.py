"""`journey chat --plain MAP < answers`: the interview line by line, from a pipe."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from assistant.interview import Interview
from assistant.interview.transcript import load_transcript, transcript_path
from assistant.plain import run_plain
from assistant.store import load_map

REPO = Path(__file__).resolve().parents[2]
SARAH: list[str] = yaml.safe_load(
    (REPO / "tests" / "data" / "answers" / "sarah-crm.en.yaml").read_text(encoding="utf-8")
)["answers"]
JOURNEY = Path(sys.executable).with_name("journey")

# Setup and the persona, typed as a person would at a terminal: one line per answer, and the
# persona's pains as bullet lines ended by an empty line.
FIRST_PART = [
    *SARAH[:11],
    "- Sales pressure before she is ready",
    "- Hidden costs: onboarding fees, API limits",
    "",
    SARAH[12],  # quote
    "",  # no other persona
    "",  # keep the proposed stages
    SARAH[15],  # stage goal
]


def chat(map_path: Path, lines: list[str], *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
    return subprocess.run(
        [str(JOURNEY), "chat", "--plain", *extra, str(map_path)],
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


@pytest.fixture(scope="module")
def first_session(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    map_path = tmp_path_factory.mktemp("chat") / "sarah.json"
    done = chat(map_path, FIRST_PART, "--lang", "en")
    assert (done.returncode, done.stderr) == (0, "")
    return map_path, done.stdout


def test_a_pipe_answers_the_questions(first_session: tuple[Path, str]) -> None:
    map_path, out = first_session
    journey = load_map(map_path)
    assert journey.title == "Sarah chooses a CRM"
    assert journey.personas[0].name == "Sarah"
    assert journey.stages[0].customer_goal == SARAH[15]
    assert "What is the title of this journey map?" in out
    assert "> Sarah chooses a CRM" in out  # answers are echoed when not at a terminal


def test_bullet_lines_are_one_list_answer(first_session: tuple[Path, str]) -> None:
    map_path, _ = first_session
    persona = load_map(map_path).personas[0]
    assert persona.pains == [
        "Sales pressure before she is ready",
        "Hidden costs: onboarding fees, API limits",
    ]
    assert persona.quote == SARAH[12]


def test_end_of_input_saves_and_says_how_to_resume(first_session: tuple[Path, str]) -> None:
    map_path, out = first_session
    assert out.rstrip().splitlines()[-1].startswith("Everything is saved in")
    assert str(map_path) in out.rstrip().splitlines()[-1]
    journey = load_map(map_path)
    assert journey.interview is not None and journey.interview.cursor is not None
    assert journey.interview.cursor.key == "stage.actions"
    assert load_transcript(transcript_path(map_path))
    Interview.open(map_path).close()  # the lock was released at the end of input


def test_resume_continues_where_it_stopped(first_session: tuple[Path, str], tmp_path: Path) -> None:
    source, _ = first_session
    map_path = tmp_path / "sarah.json"
    map_path.write_bytes(source.read_bytes())
    transcript_path(map_path).write_bytes(transcript_path(source).read_bytes())
    done = chat(map_path, [SARAH[16], "/skip", "Google search (web)"])
    assert (done.returncode, done.stderr) == (0, "")
    assert "Welcome back" in done.stdout
    assert done.stdout.index("Welcome back") < done.stdout.index("What does Sarah do during")
    stage = load_map(map_path).stages[0]
    assert [a.text for a in stage.actions] == [
        "Notices two leads fell through the cracks",
        "Searches 'best CRM for agencies'",
    ]
    assert [(tp.name, tp.channel) for tp in stage.touchpoints] == [("Google search", "web")]
    transcript = load_transcript(transcript_path(map_path))
    said = [m.text for m in transcript if m.role == "user"]
    assert said[0] == "Sarah chooses a CRM" and said[-1] == "Google search (web)"


def test_a_finished_chat_writes_the_report(tmp_path: Path) -> None:
    """In process (fast): the whole scripted workshop through the plain front end."""
    map_path = tmp_path / "sarah.json"
    lines = []
    for answer in SARAH:
        if "\n" in answer:  # a multi-line answer becomes bullet lines and an empty line
            lines += [f"- {item.removeprefix('- ')}" for item in answer.strip().splitlines()] + [""]
        else:
            lines.append(answer)
    out = io.StringIO()
    with Interview.create(path=map_path, language="en") as interview:
        code = run_plain(interview, stdin=io.StringIO("\n".join(lines) + "\n"), out=out)
        assert code == 0
        assert interview.finished
    assert "report:" in out.getvalue()
    assert map_path.with_suffix(".md").exists()
    journey = load_map(map_path)
    assert len(journey.opportunities) == 5
    assert journey.stages[1].pain_points[0].text.startswith("Per-seat price hides")


def test_quit_stops_and_keeps_everything(tmp_path: Path) -> None:
    map_path = tmp_path / "q.json"
    out = io.StringIO()
    with Interview.create(path=map_path, language="en") as interview:
        code = run_plain(interview, stdin=io.StringIO("My map\n/quit\nnot read\n"), out=out)
        assert code == 0
    assert load_map(map_path).title == "My map"
    assert "not read" not in out.getvalue()


def test_control_characters_in_the_pipe_do_not_reach_the_output(tmp_path: Path) -> None:
    map_path = tmp_path / "c.json"
    out = io.StringIO()
    with Interview.create(path=map_path, language="en") as interview:
        run_plain(interview, stdin=io.StringIO("Evil \x1b[2J title\x07\n"), out=out)
    assert "\x1b[2J" not in out.getvalue() and "\x07" not in out.getvalue()
    assert load_map(map_path).title == "Evil [2J title"
