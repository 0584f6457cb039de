"""The order of the interview: which question comes after which.

`steps()` walks the whole interview for the map as it is now; a step whose `needed` test
fails (a touchpoint that already has a channel) is passed over when moving forward.
The order is logic, so it lives here; every word of it lives in prompts/.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from assistant.model import Cursor, JourneyMap, PainPoint, Stage, Touchpoint

NEGATIVE = -1  # an emotion at or below this asks what went wrong


@dataclass(frozen=True)
class Step:
    key: str
    item_id: str | None = None
    needed: Callable[[], bool] | None = None

    @property
    def cursor(self) -> Cursor:
        return Cursor(key=self.key, item_id=self.item_id)

    def same(self, cursor: Cursor) -> bool:
        return self.key == cursor.key and self.item_id == cursor.item_id

    def is_needed(self, given: list[str] | None = None) -> bool:
        if given and self.key in given:
            return False
        return self.needed is None or self.needed()


SETUP = ("setup.title", "setup.map_type", "setup.business_goal", "setup.scenario", "setup.mode")
PERSONA = (
    "persona.name",
    "persona.description",
    "persona.goals",
    "persona.needs",
    "persona.pains",
    "persona.quote",
)
LANES = ("stage.frontstage", "stage.backstage", "stage.support", "stage.physical_evidence")


def steps(journey: JourneyMap, from_stage: int = 0) -> Iterator[Step]:
    state = journey.interview
    if from_stage == 0:
        if state is not None and state.ask_language:
            yield Step("setup.language")
        yield from (Step(key) for key in SETUP)
        facilitated = journey.workshop.mode == "facilitated"
        yield Step("setup.facilitator", needed=lambda: facilitated)
        yield Step("setup.participants", needed=lambda: facilitated)
        yield Step("setup.template")
        yield Step("personas.pick", needed=lambda: not journey.personas)
        for persona in journey.personas:
            yield from (Step(key, persona.id) for key in PERSONA)
        yield Step("personas.more")
        yield Step("stages.confirm")
    for stage in journey.stages[from_stage:]:
        yield from stage_steps(journey, stage)
    yield from opportunity_steps(journey)
    yield Step("review")


def stage_steps(journey: JourneyMap, stage: Stage) -> Iterator[Step]:
    sid = stage.id
    yield Step("stage.goal", sid)
    yield Step("stage.actions", sid)
    yield Step("stage.thoughts", sid)
    yield Step("stage.touchpoints", sid)
    for tp in stage.touchpoints:
        yield Step("touchpoint.channel", tp.id, needed=partial(_no_channel, tp))
        yield Step("touchpoint.emotion", tp.id)
        yield Step(
            "emotion.confirm",
            tp.id,
            needed=partial(_inferred, tp),
        )
    yield Step(
        "stage.personas",
        sid,
        needed=lambda: len(journey.personas) > 1 and bool(stage.touchpoints),
    )
    yield Step("stage.pains", sid)
    for pain in stage.pain_points:
        yield Step("pain.severity", pain.id)
        yield Step(
            "pain.touchpoints",
            pain.id,
            needed=partial(_unlinked, stage, pain),
        )
    for tp in stage.touchpoints:
        yield Step("stage.negative_followup", tp.id, needed=partial(unexplained, stage, tp.id))
    if journey.map_type == "blueprint":
        yield from (Step(key, sid) for key in LANES)
    yield Step("stage.recap", sid)


def _no_channel(tp: Touchpoint) -> bool:
    return tp.channel is None


def _inferred(tp: Touchpoint) -> bool:
    return tp.emotion is not None and tp.emotion.provenance.how == "inferred"


def _unlinked(stage: Stage, pain: PainPoint) -> bool:
    return bool(stage.touchpoints) and not pain.touchpoint_ids


def unexplained(stage: Stage, touchpoint_id: str) -> bool:
    """A negative emotion that no pain point of its stage explains."""
    tp = next((t for t in stage.touchpoints if t.id == touchpoint_id), None)
    if tp is None or tp.emotion is None or tp.emotion.score > NEGATIVE:
        return False
    return not any(touchpoint_id in pain.touchpoint_ids for pain in stage.pain_points)


def pains_worst_first(journey: JourneyMap) -> list[str]:
    ordered = sorted(
        (pain for _, pain in journey.iter_pain_points()), key=lambda p: -p.severity
    )  # sorted() is stable: map order within a severity
    return [pain.id for pain in ordered]


def opportunity_steps(journey: JourneyMap) -> Iterator[Step]:
    for pain_id in pains_worst_first(journey):
        yield Step("opp.ideas", pain_id)
        for opp in journey.opportunities:
            if opp.pain_point_ids[:1] == [pain_id]:
                yield Step("opp.impact", opp.id)
                yield Step("opp.effort", opp.id)
                yield Step("opp.owner", opp.id)
    if journey.workshop.mode == "facilitated" and journey.opportunities:
        for participant in journey.workshop.participants:
            yield Step("votes.participant", participant.id)


class _Where:
    """Which stage holds an item: a dict rebuilt only when a lookup finds it stale, so
    finding a touchpoint costs a look at one stage, not at the whole map."""

    def __init__(self) -> None:
        self.journey: JourneyMap | None = None
        self.stages: dict[str, int] = {}

    def rebuild(self, journey: JourneyMap) -> None:
        self.journey = journey
        self.stages = {}
        for index, stage in enumerate(journey.stages):
            self.stages[stage.id] = index
            for tp in stage.touchpoints:
                self.stages[tp.id] = index
            for pain in stage.pain_points:
                self.stages[pain.id] = index

    def find(self, journey: JourneyMap, item_id: str) -> int | None:
        if self.journey is not journey:
            self.rebuild(journey)
        index = self.stages.get(item_id)
        if (
            index is not None
            and index < len(journey.stages)
            and _holds(journey.stages[index], item_id)
        ):
            return index
        self.rebuild(journey)
        return self.stages.get(item_id)


def _holds(stage: Stage, item_id: str) -> bool:
    return (
        stage.id == item_id
        or any(tp.id == item_id for tp in stage.touchpoints)
        or any(pain.id == item_id for pain in stage.pain_points)
    )


_WHERE = _Where()


def stage_of_item(journey: JourneyMap, item_id: str | None) -> Stage | None:
    index = _WHERE.find(journey, item_id) if item_id else None
    return journey.stages[index] if index is not None else None


def stage_index_of(journey: JourneyMap, cursor: Cursor) -> int:
    """The stage a cursor is in, so the walk can start there instead of at the top."""
    if cursor.item_id is None or not cursor.key.startswith(
        ("stage.", "touchpoint.", "emotion.", "pain.")
    ):
        return 0
    index = _WHERE.find(journey, cursor.item_id)
    return index or 0


def next_step(journey: JourneyMap, cursor: Cursor | None) -> Step | None:
    """The first needed step after `cursor` (or from the start when None)."""
    walk = steps(journey, stage_index_of(journey, cursor) if cursor else 0)
    if cursor is not None:
        for step in walk:
            if step.same(cursor):
                break
        else:
            # The step vanished (its item was removed by an edit): the review shows what
            # is left to do, rather than restarting the whole interview.
            return Step("review")
    given = journey.interview.given if journey.interview else None
    for step in walk:
        if step.is_needed(given):
            return step
    return None


def find_step(journey: JourneyMap, cursor: Cursor) -> Step | None:
    for step in steps(journey, stage_index_of(journey, cursor)):
        if step.same(cursor):
            return step
    return None
