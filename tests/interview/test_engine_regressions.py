"""Bugs found in the engine, each pinned by the test that failed before its fix."""

from __future__ import annotations

from pathlib import Path

from assistant.interview import Interview

SETUP_TWO_PERSONAS = [
    "/skip",  # business goal
    "/skip",  # scenario
    "none",  # template
    "1, 2",  # two archetypes
    *["Ann", "/skip", "/skip", "/skip", "/skip", "/skip"],
    *["Bob", "/skip", "/skip", "/skip", "/skip", "/skip"],
    "",  # no more personas
    "",  # default stages
    *["/skip", "/skip", "/skip"],  # goal, actions, thoughts
    "Web page (web)",
    "+1 happy",
]


def _at_stage_personas() -> Interview:
    interview = Interview.create(
        path=None, language="en", title="T", map_type="current", mode="solo"
    )
    interview.start()
    for answer in SETUP_TWO_PERSONAS:
        interview.answer(answer)
    assert interview.question is not None
    assert interview.question.key == "stage.personas"
    return interview


def test_enter_means_all_personas_at_stage_personas() -> None:
    """The question says "(Enter for all)"; an empty answer used to be refused."""
    interview = _at_stage_personas()
    reply = interview.answer("")
    assert reply.accepted, [m.text for m in reply.messages]
    tp = interview.journey.stages[0].touchpoints[0]
    assert tp.persona_ids == [p.id for p in interview.journey.personas]


def test_separators_alone_do_not_empty_the_stages() -> None:
    interview = Interview.create(
        path=None, language="en", title="T", map_type="current", mode="solo"
    )
    interview.start()
    setup = ["/skip", "/skip", "none", "Sam", *["/skip"] * 6, ""]
    for answer in setup:
        interview.answer(answer)
    assert interview.question is not None and interview.question.key == "stages.confirm"
    reply = interview.answer(",")
    assert not reply.accepted
    assert interview.question is not None and interview.question.key == "stages.confirm"
    assert interview.journey.stages == []


def test_an_over_long_answer_is_kept_in_the_transcript() -> None:
    interview = Interview.create(path=None, language="en")
    interview.start()
    before = len(interview.transcript)
    reply = interview.answer("x" * 5000)
    assert not reply.accepted
    assert len(interview.transcript) > before
    assert "limit" in interview.transcript[-1].text


def test_back_with_nowhere_to_go_changes_nothing() -> None:
    """/back /back at the first question emptied the history in memory only."""
    interview = Interview.create(path=None, language="en")
    interview.start()
    interview.answer("/back")
    before = interview.journey.model_dump()
    interview.answer("/back")
    assert interview.journey.model_dump() == before


def test_the_save_counter_never_goes_back(tmp_path: Path) -> None:
    """/undo restores an older map; its save counter must still grow, or an older map file
    would win over the newer write-ahead record after a crash (stress: answers lost)."""
    with Interview.create(path=tmp_path / "m.json", language="en") as interview:
        interview.start()
        seen = []
        for answer in ["Title", "current", "Goal", "/undo", "/undo", "/undo", "Goal 2", "x"]:
            interview.answer(answer)
            assert interview.journey.interview is not None
            seen.append(interview.journey.interview.saves)
        assert seen == sorted(seen), seen  # a refused answer ("x") saves nothing
        assert seen[-1] > seen[2], seen


def test_a_new_workshop_never_replaces_an_existing_map(tmp_path: Path) -> None:
    """`journey new --out EXISTING.json` used to start over on top of the map."""
    import pytest

    from assistant.interview import InterviewError

    path = tmp_path / "m.json"
    with Interview.create(path=path, language="en") as interview:
        interview.start()
        interview.answer("Precious workshop")
    before = path.read_bytes()
    with pytest.raises(InterviewError, match="resume"):
        Interview.create(path=path, language="en")
    assert path.read_bytes() == before
