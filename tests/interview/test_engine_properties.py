"""Whatever people type, the interview never crashes and the saved map always loads.

Hypothesis drives the engine with sequences mixing answers that look real, numbers, emotion
strings, random text (unicode, control characters, lone surrogates) and commands. After
every step the map on disk must load with `assistant.store.load_map` and validate.
The number of examples comes from the profiles in tests/conftest.py (60 by default,
10,000 with `make stress`).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.interview import Interview, Reply
from assistant.model import reference_problems
from assistant.store import load_map

REAL_ANSWERS = [
    "",
    "Sarah chooses a CRM",
    "current",
    "blueprint",
    "facilitated",
    "solo",
    "none",
    "no",
    "yes",
    "expert researcher",
    "1, 3",
    "1-3",
    "2 and 4",
    "Claire, Mehdi (branch Lyon), Inès",
    "Google search (web), Review site (G2), Sales call (phone)",
    "- Reads reviews\n- Compares prices, fees\n- Calls the bank",
    "Reads G2 reviews, Compares pricing pages and Starts two free trials",
    "@Mehdi the form is too long",
    "@Claire 😡",
    "Per-seat price hides a mandatory onboarding fee (€499)",
    "Show the full price\nNo-card trial",
    "1x2, 4",
    "severe",
    "web",
    "mobile app",
    "Marketing",
    "3/5",
    "8/10",
]
EMOTIONS = [
    "-2",
    "+2",
    "−1",
    "4/5",
    "😡",
    "🙁",
    "😐",
    "🙂",
    "😀",
    "frustrated",
    "a bit anxious",
    "delighted",
    "frustrée",
    "inquiet",
    "ravi",
    "-1 worried",
    "worried (-1)",
    ":D",
    "7",
]
COMMANDS = [
    "/back",
    "/back",
    "/undo",
    "/skip",
    "/skip",
    "/help",
    "/summary",
    "/suggest",
    "/park an idea for later",
    "/note a note",
    "/edit st-1 = Renamed stage",
    "/edit tp-1 = Renamed touchpoint",
    "/edit x = y",
    "/edit Sarah",
    "/edit pp-1 =",
    "/as Mehdi",
    "/as",
    "/as Nobody",
    "/export",
    "/nope",
    "/",
    "//not a command",
]

random_text = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()),  # every code point, surrogates too
    max_size=60,
)
numbers = st.integers(min_value=-12, max_value=120).map(str)
item_ids = st.builds(
    "{}-{}".format,
    st.sampled_from(["pt", "per", "st", "act", "th", "tp", "pp", "opp", "idea", "note", "x"]),
    st.integers(min_value=1, max_value=4),
)
edits = st.one_of(
    st.builds(
        "/edit {} = {}".format, item_ids, st.one_of(st.sampled_from(REAL_ANSWERS), random_text)
    ),
    item_ids.map("/edit {}".format),
)
emotion_phrases = st.builds(
    "{} {}".format, st.sampled_from(EMOTIONS), st.sampled_from([*EMOTIONS, "", "a bit", "very"])
)
answers = st.one_of(
    st.sampled_from(REAL_ANSWERS),
    st.sampled_from(EMOTIONS),
    st.sampled_from(COMMANDS),
    edits,
    emotion_phrases,
    numbers,
    random_text,
    st.lists(st.sampled_from(REAL_ANSWERS + EMOTIONS), min_size=2, max_size=3).map(", ".join),
    st.lists(random_text, min_size=2, max_size=3).map("\n".join),
)


SARAH = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "data" / "answers" / "sarah-crm.en.yaml").read_text(
        encoding="utf-8"
    )
)["answers"]
FACILITATED_SETUP = ["Workshop", "current", "goal", "scenario", "facilitated", "Claire"]
FACILITATED_SETUP += ["Mehdi (branch Lyon), Inès", *SARAH[5:]]


def _check_reply(reply: Reply) -> None:
    assert isinstance(reply, Reply)
    assert all(isinstance(m.text, str) for m in reply.messages)


def _check_saved(path: Path, interview: Interview) -> None:
    # The file is written off the answer's path; flush() waits for it, as exports do.
    assert interview.flush() is None
    saved = load_map(path)  # validates, references included
    assert reference_problems(saved) == []
    if interview.last_save_error is None:
        assert saved.model_dump(exclude={"updated"}) == interview.journey.model_dump(
            exclude={"updated"}
        )


def _play(folder: Path, prefix: list[str], script: list[str], **create: Any) -> None:
    """Real answers up to some point of the interview, then anything at all."""
    path = folder / "map.json"
    with Interview.create(path=None, **create) as interview:
        _check_reply(interview.start())
        for text in prefix:  # in memory (fast), then saved to a file like `/save PATH`
            interview.answer(text)
        assert interview.save(path).saved
        for text in script:
            _check_reply(interview.answer(text))
            question = interview.question
            if question is not None:
                assert question.text.strip()
            _check_saved(path, interview)
        cursor = interview.state.cursor
    with Interview.open(path) as again:  # and it opens again where it stopped
        _check_reply(again.start())
        assert again.state.cursor == cursor


@settings()  # max_examples from the profile: default 60, `make stress` 10,000
@given(
    start=st.integers(min_value=0, max_value=len(SARAH)),
    script=st.lists(st.one_of(answers, st.sampled_from(SARAH)), min_size=1, max_size=15),
    language=st.sampled_from(["en", "fr"]),
    template=st.sampled_from([None, "banking-account-opening", "saas-crm"]),
)
def test_any_answers_and_commands_never_crash_and_the_map_always_loads(
    tmp_path_factory: pytest.TempPathFactory,
    start: int,
    script: list[str],
    language: str,
    template: str | None,
) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path_factory.getbasetemp()) as folder:
        _play(Path(folder), SARAH[:start], script, language=language, template=template)


@settings()
@given(
    start=st.integers(min_value=0, max_value=len(FACILITATED_SETUP)),
    script=st.lists(answers, min_size=1, max_size=15),
)
def test_a_facilitated_workshop_survives_any_input(
    tmp_path_factory: pytest.TempPathFactory, start: int, script: list[str]
) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path_factory.getbasetemp()) as folder:
        _play(Path(folder), FACILITATED_SETUP[:start], script, language="en")
