"""Nasty answers through the interview and the plain chat: no crash, stored verbatim (minus
control characters), and the Markdown, HTML and Mermaid exports stay valid.

The GFM-table and Mermaid checkers come from tests/export/export_checks.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "export"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "faults"))

from export_checks import mermaid_blocks, mermaid_problems, table_problems
from kill_harness import EPOCH, plain_lines, scripted_answers

from assistant.export import render
from assistant.interview import Interview
from assistant.model import JourneyMap
from assistant.model.text import strip_control_chars
from assistant.store import load_map

ANSWERS = scripted_answers()
JOURNEY = Path(sys.executable).with_name("journey")

NASTY = {
    "jinja-expression": "{{ 7*7 }}",
    "jinja-include": "{% include '/etc/passwd' %}",
    "script": "<script>alert('x')</script>",
    "html-entity": "&lt;b&gt; &amp; <b>bold</b>",
    "markdown-table": "| a | b |\n|---|---|\n| 1 | 2 |",
    "markdown-fence": "```mermaid\njourney\n```",
    "mermaid-section": "section Evil: 5: Me",
    "mermaid-title": "title Hijack; score: 1",
    "colon-semicolon": "a: b; c:: d;; #35;",
    "emoji-combining": "👩‍👩‍👧 cafe\u0301 Z\u0351\u0352\u0353algo",
    "right-to-left": "مرحبا بالعالم \u202eevil\u202c שלום",
    "control": "bell\x07 esc\x1b[31m red\x7f del \x85 nel",
    "nul": "nul\x00byte",
    "pipes-backslashes": "a | b \\| c \\\\ d",
}

# The answers (by index in the Sarah script) that are free text stored as they are typed.
SLOTS = {0: "title", 2: "business goal", 3: "scenario", 7: "persona name", 12: "quote",
         15: "stage goal"}  # fmt: skip


def stored(value: str, *, multiline: bool) -> str:
    """What the interview keeps of a typed answer: control characters removed, lines
    joined for one-line questions."""
    clean = strip_control_chars(value, multiline=True).strip()
    if not multiline and "\n" in clean:
        clean = " ".join(clean.split())
    return clean


def run_with(value: str, tmp_path: Path) -> tuple[Interview, JourneyMap]:
    answers = list(ANSWERS)
    for index in SLOTS:
        answers[index] = value
    path = tmp_path / "map.json"
    with Interview.create(path=path, language="en") as interview:
        interview.start()
        for text in answers:
            reply = interview.answer(text)
            assert all(isinstance(m.text, str) for m in reply.messages)
        assert interview.finished, interview.question
    return interview, load_map(path)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


def check_exports(journey: JourneyMap) -> None:
    md = render(journey, "md")
    assert table_problems(md) == []
    for block in mermaid_blocks(md):
        assert mermaid_problems(block) == [], block
    assert mermaid_problems(render(journey, "mermaid")) == []
    assert re.search(r"<(?!br>)[A-Za-z/!?]", md) is None  # no raw HTML from user text
    assert "root:x:" not in md and "\n49\n" not in md
    page = render(journey, "html")
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "<script" not in page.lower()


@pytest.mark.parametrize("name", list(NASTY))
def test_a_nasty_answer_is_stored_verbatim_and_exports_stay_valid(
    name: str, tmp_path: Path
) -> None:
    value = NASTY[name]
    _, journey = run_with(value, tmp_path)
    line = stored(value, multiline=False)
    assert journey.title == line
    assert journey.personas[0].name == line
    assert journey.stages[0].customer_goal == line
    assert journey.scope.business_goal in (line, stored(value, multiline=True))
    assert "\x00" not in journey.model_dump_json() and "\x1b" not in journey.title
    check_exports(journey)
    if name == "jinja-expression":
        assert "{{ 7\\*7 }}" in render(journey, "md") or "{{ 7*7 }}" in render(journey, "md")


@pytest.mark.parametrize(
    ("value", "problem"),
    [("", "error_empty"), ("   \t  ", "error_empty"), ("x" * 1_000_000, "too long")],
)
def test_empty_blank_and_1_mb_answers_are_refused_politely(value: str, problem: str) -> None:
    interview = Interview.create(path=None, language="en")
    interview.start()
    reply = interview.answer(value)
    assert not reply.accepted and reply.question is not None
    assert reply.question.key == "setup.title"
    assert reply.messages and all(len(m.text) < 2000 for m in reply.messages)
    assert interview.answer("Still works").accepted


def test_raw_bytes_piped_into_the_plain_chat(tmp_path: Path) -> None:
    """Invalid UTF-8, NUL, ESC and BEL on stdin of the real command, NO_COLOR and TERM=dumb:
    no crash, nothing but text on stdout (no escape code, not even echoed back), and the map
    holds the answers minus the control characters."""
    lines = plain_lines(ANSWERS).encode("utf-8").split(b"\n")
    lines[0] = b"Caf\xc3\xa9 \xff\xfe bad \x00 nul \x1b[31mred\x07 \xe2\x80"  # the title
    lines[7] = "👩‍👩‍👧 e\u0301 מרים".encode()  # the persona name
    path = tmp_path / "workshop.json"
    done = subprocess.run(
        [str(JOURNEY), "chat", "--plain", str(path), "--lang", "en"],
        input=b"\n".join(lines),
        capture_output=True,
        timeout=180,
        env={**os.environ, "NO_COLOR": "1", "TERM": "dumb", "SOURCE_DATE_EPOCH": EPOCH},
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    assert done.stderr == b""
    out = done.stdout.decode("utf-8")  # valid UTF-8 even though the input was not
    bad = sorted({f"U+{ord(c):04X}" for c in out if ord(c) < 32 and c not in "\n\t"})
    # Bug: the echo `> ANSWER` printed the typed bytes back raw (ESC, NUL, BEL, invalid UTF-8).
    assert bad == [], f"control characters on stdout: {bad}"
    journey = load_map(path)
    assert journey.title == "Café  bad  nul [31mred"
    assert journey.personas[0].name == "👩‍👩‍👧 e\u0301 מרים"
    assert journey.interview is not None and journey.interview.cursor is None


@pytest.mark.parametrize(
    "env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {"NO_COLOR": "1", "TERM": "dumb"}]
)
def test_plain_chat_prints_no_escape_codes(env: dict[str, str], tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "FORCE_COLOR")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant",
            "chat",
            "--plain",
            str(tmp_path / "m.json"),
            "--lang",
            "en",
        ],
        input=plain_lines(ANSWERS[:16]),
        capture_output=True,
        text=True,
        timeout=180,
        env={**base, **env, "COLUMNS": "80"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "\x1b" not in done.stdout and "\x1b" not in done.stderr
    assert "Which kind of map" in done.stdout or "map" in done.stdout
    assert load_map(tmp_path / "m.json").title == "Sarah chooses a CRM"
