"""A short Markdown summary of the map for `/summary` (the full report is an export)."""

from __future__ import annotations

from assistant.interview.prompts import PromptBook
from assistant.interview.steps_stage import EMOJI
from assistant.model import JourneyMap


def summary(journey: JourneyMap, book: PromptBook) -> str:
    lines = [
        book.say(
            "summary_head",
            title=journey.title,
            personas=", ".join(p.name for p in journey.personas) or "—",
        )
    ]
    for index, stage in enumerate(journey.stages, start=1):
        curve = " ".join(EMOJI[tp.emotion.score] for tp in stage.touchpoints if tp.emotion)
        lines.append(
            book.say(
                "summary_stage",
                n=index,
                stage=stage.name,
                actions=len(stage.actions),
                touchpoints=len(stage.touchpoints),
                pains=len(stage.pain_points),
                curve=curve or "·",
            )
        )
    lines.append(
        book.say(
            "summary_tail",
            opportunities=len(journey.opportunities),
            parked=len(journey.parking_lot),
            notes=len(journey.notes),
        )
    )
    return "\n".join(lines)
