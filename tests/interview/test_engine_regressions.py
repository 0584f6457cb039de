"""Bugs found in the engine, each pinned by the test that failed before its fix."""

from __future__ import annotations

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
