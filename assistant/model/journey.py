"""The journey map: the single source of truth for every front end, store and exporter.

Every item carries a stable `id` (references survive renames and reordering) and a
`provenance` (who contributed it and how), so a reader can tell what was said in the room
from what was suggested, templated, imported or inferred.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.model.text import Line, OptLine, OptPara, Para

SCHEMA_VERSION = 1

Language = Literal["en", "fr"]
LANGUAGES: tuple[Language, ...] = ("en", "fr")

MapType = Literal["current", "future", "blueprint"]
MAP_TYPES: tuple[MapType, ...] = ("current", "future", "blueprint")

Mode = Literal["solo", "facilitated"]

Channel = Literal[
    "web",
    "mobile_app",
    "branch_store",
    "phone",
    "email",
    "chat",
    "social",
    "in_person",
    "partner",
    "other",
]
CHANNELS: tuple[Channel, ...] = (
    "web",
    "mobile_app",
    "branch_store",
    "phone",
    "email",
    "chat",
    "social",
    "in_person",
    "partner",
    "other",
)

Archetype = Literal[
    "price_sensitive",
    "expert_researcher",
    "convenience_lover",
    "brand_loyalist",
    "social_validator",
    "custom",
]
ARCHETYPES: tuple[Archetype, ...] = (
    "price_sensitive",
    "expert_researcher",
    "convenience_lover",
    "brand_loyalist",
    "social_validator",
    "custom",
)

Origin = Literal["typed", "suggestion", "template", "imported", "inferred"]
"""How an item entered the map: typed in the room, an accepted suggestion, a template,
imported customer feedback, or inferred by the assistant (an emotion score from a word)."""

Score = Annotated[int, Field(ge=-2, le=2, description="-2 very negative .. +2 very positive")]
Severity = Annotated[int, Field(ge=1, le=3, description="1 minor, 2 serious, 3 severe")]
Rating = Annotated[int, Field(ge=1, le=5)]
ItemId = Annotated[str, Field(pattern=r"^[a-z]{1,6}-[0-9]{1,9}$", max_length=16)]

OpportunityStatus = Literal["idea", "planned", "in_progress", "delivered", "dropped"]
PainStatus = Literal["open", "resolved"]


class Model(BaseModel):
    """Base of every map model: unknown keys are errors, assignments are validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Provenance(Model):
    by: OptLine = Field(
        default=None, description="Participant id, or null for the solo user / facilitator"
    )
    how: Origin = "typed"


class Item(Model):
    id: ItemId
    provenance: Provenance = Field(default_factory=Provenance)


class TextItem(Item):
    text: Para


class Participant(Item):
    name: Line
    role: OptLine = None


class Workshop(Model):
    mode: Mode = "solo"
    facilitator: OptLine = None
    participants: list[Participant] = Field(default_factory=list)
    dates: list[dt.date] = Field(default_factory=list)


class Scope(Model):
    business_goal: OptPara = None
    scenario: OptPara = None
    product: OptLine = None
    expectations: OptPara = None


class Persona(Item):
    name: Line
    archetype: Archetype = "custom"
    description: OptPara = None
    goals: list[Line] = Field(default_factory=list)
    needs: list[Line] = Field(default_factory=list)
    pains: list[Line] = Field(default_factory=list)
    quote: OptPara = None


class Emotion(Model):
    score: Score
    word: OptLine = None
    note: OptPara = None
    provenance: Provenance = Field(default_factory=Provenance)


class Evidence(Item):
    quote: OptPara = None
    source: OptLine = None
    metric: OptLine = Field(default=None, description="e.g. CSAT, NPS, CES, or a survey question")
    score: float | None = Field(
        default=None, allow_inf_nan=False, description="The raw score in the metric's scale"
    )
    count: int | None = Field(
        default=None, ge=1, description="How many answers a summary stands for (imported)"
    )
    date: dt.date | None = None


class Touchpoint(Item):
    name: Line
    channel: Channel | None = None
    persona_ids: list[ItemId] = Field(default_factory=list)
    emotion: Emotion | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class PainPoint(Item):
    text: Para
    severity: Severity = 2
    touchpoint_ids: list[ItemId] = Field(default_factory=list)
    status: PainStatus = "open"


class Blueprint(Model):
    """The service-blueprint lanes below the customer's actions, for one stage."""

    frontstage: list[TextItem] = Field(default_factory=list)
    backstage: list[TextItem] = Field(default_factory=list)
    support: list[TextItem] = Field(default_factory=list)
    physical_evidence: list[TextItem] = Field(default_factory=list)


class Stage(Item):
    name: Line
    description: OptPara = None
    customer_goal: OptPara = None
    actions: list[TextItem] = Field(default_factory=list)
    thoughts: list[TextItem] = Field(default_factory=list)
    touchpoints: list[Touchpoint] = Field(default_factory=list)
    pain_points: list[PainPoint] = Field(default_factory=list)
    blueprint: Blueprint = Field(default_factory=Blueprint)
    evidence: list[Evidence] = Field(default_factory=list)


class Opportunity(Item):
    text: Para
    pain_point_ids: list[ItemId] = Field(default_factory=list)
    impact: Rating | None = None
    effort: Rating | None = None
    owner: OptLine = None
    votes: dict[ItemId, Annotated[int, Field(ge=0, le=99)]] = Field(
        default_factory=dict, description="Dot votes per participant id"
    )
    status: OpportunityStatus = "idea"

    @property
    def total_votes(self) -> int:
        return sum(self.votes.values())


class MapLink(Model):
    """Where a map came from: a future state points back at its current state."""

    map_id: Line
    title: Line
    path: OptLine = None


class Cursor(Model):
    """Where the interview stands: a question key and the item it is about."""

    key: Annotated[str, Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$", max_length=60)]
    item_id: ItemId | None = None


class InterviewState(Model):
    """The interview's place in the map, saved with every answer so `resume` continues at
    the exact question. The transcript lives beside the map (NAME.transcript.jsonl)."""

    cursor: Cursor | None = None  # None once the interview is over
    back: list[Cursor] = Field(default_factory=list, max_length=500)
    return_to: Cursor | None = None  # after fixing a gap from the review, go back there
    given: list[Annotated[str, Field(max_length=60)]] = Field(
        default_factory=list, description="Setup questions answered before the interview"
    )
    speaker: ItemId | None = None  # participant id set with /as
    ask_language: bool = False
    template: OptLine = None
    answers: int = Field(default=0, ge=0)
    saves: int = Field(default=0, ge=0, description="Grows with every save: newest copy wins")


class JourneyMap(Model):
    schema_version: int = SCHEMA_VERSION
    id: Line
    title: Line
    language: Language = "en"
    map_type: MapType = "current"
    created: dt.date | None = None
    updated: dt.date | None = None
    scope: Scope = Field(default_factory=Scope)
    workshop: Workshop = Field(default_factory=Workshop)
    personas: list[Persona] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=list)
    opportunities: list[Opportunity] = Field(default_factory=list)
    parking_lot: list[TextItem] = Field(default_factory=list)
    notes: list[TextItem] = Field(default_factory=list)
    derived_from: MapLink | None = None
    interview: InterviewState | None = None

    @model_validator(mode="after")
    def _check_references(self) -> JourneyMap:
        problems = reference_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # -- navigation helpers (no I/O, no mutation) ---------------------------------------

    def iter_touchpoints(self) -> Iterator[tuple[Stage, Touchpoint]]:
        for stage in self.stages:
            for tp in stage.touchpoints:
                yield stage, tp

    def iter_pain_points(self) -> Iterator[tuple[Stage, PainPoint]]:
        for stage in self.stages:
            for pp in stage.pain_points:
                yield stage, pp

    def find(self, item_id: str) -> Item | None:
        for item in iter_items(self):
            if item.id == item_id:
                return item
        return None

    def participant_name(self, participant_id: str | None) -> str | None:
        for participant in self.workshop.participants:
            if participant.id == participant_id:
                return participant.name
        return None


def iter_items(journey: JourneyMap) -> Iterator[Item]:
    """Every item that carries an id, in document order."""
    yield from journey.workshop.participants
    yield from journey.personas
    for stage in journey.stages:
        yield stage
        yield from stage.actions
        yield from stage.thoughts
        for tp in stage.touchpoints:
            yield tp
            yield from tp.evidence
        yield from stage.pain_points
        yield from stage.blueprint.frontstage
        yield from stage.blueprint.backstage
        yield from stage.blueprint.support
        yield from stage.blueprint.physical_evidence
        yield from stage.evidence
    yield from journey.opportunities
    yield from journey.parking_lot
    yield from journey.notes


def reference_problems(journey: JourneyMap) -> list[str]:
    """Dangling or duplicated ids, in words a person can act on."""
    problems: list[str] = []
    seen: set[str] = set()
    for item in iter_items(journey):
        if item.id in seen:
            problems.append(f"id {item.id!r} is used by more than one item")
        seen.add(item.id)

    personas = {p.id for p in journey.personas}
    participants = {p.id for p in journey.workshop.participants}
    touchpoints = {tp.id for _, tp in journey.iter_touchpoints()}
    pain_points = {pp.id for _, pp in journey.iter_pain_points()}

    for si, stage in enumerate(journey.stages):
        for ti, tp in enumerate(stage.touchpoints):
            for ref in tp.persona_ids:
                if ref not in personas:
                    problems.append(
                        f"stages[{si}].touchpoints[{ti}] ({tp.name!r}) names persona {ref!r}, "
                        "which does not exist"
                    )
        for pi, pp in enumerate(stage.pain_points):
            for ref in pp.touchpoint_ids:
                if ref not in touchpoints:
                    problems.append(
                        f"stages[{si}].pain_points[{pi}] links to touchpoint {ref!r}, "
                        "which does not exist"
                    )
    for oi, opp in enumerate(journey.opportunities):
        for ref in opp.pain_point_ids:
            if ref not in pain_points:
                problems.append(
                    f"opportunities[{oi}] links to pain point {ref!r}, which does not exist"
                )
        for voter in opp.votes:
            if voter not in participants:
                problems.append(
                    f"opportunities[{oi}] has votes from {voter!r}, who is not a participant"
                )
    for item_id, participant_ref in _provenance_refs(journey):
        if participant_ref not in participants:
            problems.append(
                f"{item_id} is credited to {participant_ref!r}, who is not a participant"
            )
            break
    return problems


def _provenance_refs(journey: JourneyMap) -> Iterator[tuple[str, str]]:
    """(item id, participant id) for every credited item and touchpoint emotion."""
    for item in iter_items(journey):
        if item.provenance.by is not None:
            yield item.id, item.provenance.by
        if isinstance(item, Touchpoint) and item.emotion and item.emotion.provenance.by:
            yield item.id, item.emotion.provenance.by
