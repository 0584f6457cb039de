"""The view model: what the report templates show, prepared from a map. No layout here.

Templates receive plain, read-only data (dataclasses of str/int/list) and never the pydantic
model, so a user template reaches nothing but the map's content. Text stays raw here; the
templates escape it for their output language with the filters in `assistant.export.escape`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final

from assistant.analysis.priority import quadrant, rank
from assistant.model import (
    Evidence,
    JourneyMap,
    Opportunity,
    Persona,
    Provenance,
    Stage,
    TextItem,
    Touchpoint,
)

MARKS: Final[dict[str, str]] = {
    "suggestion": "†",
    "template": "‡",
    "imported": "§",
    "inferred": "≈",
}
EMOJI: Final[dict[int, str]] = {-2: "😣", -1: "🙁", 0: "😐", 1: "🙂", 2: "😄"}
SPARK: Final[dict[int, str]] = {-2: "▁", -1: "▃", 0: "▄", 1: "▆", 2: "█"}
# Ratings 1..5 on the impact/effort chart; 3 and above is "high" (priority.HIGH), so the
# midline falls between 2 and 3.
AXIS: Final[dict[int, float]] = {1: 0.1, 2: 0.3, 3: 0.6, 4: 0.75, 5: 0.9}
TOP_N: Final = 3


def signed(score: int) -> str:
    """-2 -> "−2", 1 -> "+1", 0 -> "0" (a true minus sign: never read as a list bullet)."""
    if score > 0:
        return f"+{score}"
    if score < 0:
        return f"−{-score}"
    return "0"


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True, slots=True)
class TextView:
    text: str
    mark: str = ""
    by: str | None = None


@dataclass(frozen=True, slots=True)
class EmotionView:
    score: int
    label: str
    signed: str
    emoji: str
    mermaid: int
    spark: str
    word: str | None
    note: str | None
    mark: str


@dataclass(frozen=True, slots=True)
class EvidenceView:
    quote: str | None
    source: str | None
    metric: str | None
    score: str | None
    date: str | None
    mark: str


@dataclass(frozen=True, slots=True)
class TouchpointView:
    id: str
    number: int
    stage_number: int
    stage_name: str
    name: str
    mark: str
    by: str | None
    channel: str | None
    personas: list[str]
    actors: list[str]
    emotion: EmotionView | None
    evidence: list[EvidenceView]


@dataclass(slots=True)
class PainView:
    id: str
    label: str
    stage_number: int
    stage_name: str
    text: str
    mark: str
    by: str | None
    severity: int
    severity_label: str
    occurrences: int
    resolved: bool
    status_label: str
    touchpoints: list[str]
    opportunities: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class OpportunityView:
    id: str
    label: str
    rank: int
    text: str
    mark: str
    by: str | None
    impact: int | None
    effort: int | None
    votes: int
    voters: list[str]
    owner: str | None
    status: str
    status_label: str
    quadrant: str | None
    quadrant_label: str | None
    pains: list[str]
    stage_numbers: list[int]
    x: str | None
    y: str | None


@dataclass(frozen=True, slots=True)
class PersonaView:
    id: str
    name: str
    mark: str
    archetype: str
    archetype_label: str
    description: str | None
    goals: list[str]
    needs: list[str]
    pains: list[str]
    quote: str | None


@dataclass(frozen=True, slots=True)
class StageView:
    id: str
    number: int
    name: str
    mark: str
    description: str | None
    customer_goal: str | None
    actions: list[TextView]
    thoughts: list[TextView]
    touchpoints: list[TouchpointView]
    pain_points: list[PainView]
    opportunities: list[OpportunityView]
    evidence: list[EvidenceView]
    physical_evidence: list[TextView]
    frontstage: list[TextView]
    backstage: list[TextView]
    support: list[TextView]
    spark: str


@dataclass(frozen=True, slots=True)
class DiagramTask:
    name: str
    score: int
    actors: list[str]


@dataclass(frozen=True, slots=True)
class DiagramSection:
    name: str
    tasks: list[DiagramTask]


@dataclass(frozen=True, slots=True)
class ParticipantView:
    name: str
    role: str | None


@dataclass(frozen=True, slots=True)
class LegendEntry:
    mark: str
    text: str


@dataclass(frozen=True, slots=True)
class CurvePoint:
    x: int
    y: int
    score: int
    label: str


@dataclass(slots=True)
class Report:
    lang: str
    flavor: str
    mermaid: bool
    labels: Mapping[str, Any]
    title: str
    map_type: str
    map_type_label: str
    show_blueprint: bool
    mode: str
    dates: list[str]
    facilitator: str | None
    participants: list[ParticipantView]
    business_goal: str | None
    scenario: str | None
    product: str | None
    expectations: str | None
    derived_from: str | None
    personas: list[PersonaView]
    all_persona_names: list[str]
    stages: list[StageView]
    touchpoints: list[TouchpointView]
    scored: list[TouchpointView]
    pain_points: list[PainView]
    opportunities: list[OpportunityView]
    moments_of_truth: list[TouchpointView]
    top_pains: list[PainView]
    top_opportunities: list[OpportunityView]
    rated: list[OpportunityView]
    unrated_count: int
    unscored_count: int
    empty_stage_count: int
    no_owner_count: int
    diagram_sections: list[DiagramSection]
    sparkline: str
    parking_lot: list[TextView]
    notes: list[TextView]
    next_planned: list[OpportunityView]
    next_decide: list[OpportunityView]
    legend: list[LegendEntry]
    curve: list[CurvePoint]
    curve_width: int
    journey_mermaid: str = ""
    quadrant_mermaid: str = ""
    journey_too_large: bool = False
    quadrant_too_large: bool = False
    mermaid_max: int = 0


class _Builder:
    def __init__(self, journey: JourneyMap, labels: Mapping[str, Any]) -> None:
        self.journey = journey
        self.labels = labels
        self.participants = {p.id: p.name for p in journey.workshop.participants}
        self.origins: set[str] = set()

    # -- small pieces -------------------------------------------------------------------

    def mark(self, provenance: Provenance) -> str:
        symbol = MARKS.get(provenance.how, "")
        if symbol:
            self.origins.add(provenance.how)
            return " " + symbol
        return ""

    def by(self, provenance: Provenance) -> str | None:
        if provenance.by is None:
            return None
        return self.participants.get(provenance.by, provenance.by)

    def text(self, item: TextItem) -> TextView:
        return TextView(item.text, self.mark(item.provenance), self.by(item.provenance))

    def texts(self, items: Sequence[TextItem]) -> list[TextView]:
        return [self.text(item) for item in items]

    def evidence(self, items: Sequence[Evidence]) -> list[EvidenceView]:
        return [
            EvidenceView(
                quote=ev.quote,
                source=ev.source,
                metric=ev.metric,
                score=None if ev.score is None else number_text(ev.score),
                date=None if ev.date is None else ev.date.isoformat(),
                mark=self.mark(ev.provenance),
            )
            for ev in items
        ]

    def persona(self, persona: Persona) -> PersonaView:
        return PersonaView(
            id=persona.id,
            name=persona.name,
            mark=self.mark(persona.provenance),
            archetype=persona.archetype,
            archetype_label=self.labels["archetypes"].get(persona.archetype, persona.archetype),
            description=persona.description,
            goals=list(persona.goals),
            needs=list(persona.needs),
            pains=list(persona.pains),
            quote=persona.quote,
        )

    def touchpoint(
        self,
        tp: Touchpoint,
        number: int,
        stage: Stage,
        stage_number: int,
        persona_names: Mapping[str, str],
    ) -> TouchpointView:
        emotion = None
        if tp.emotion is not None:
            score = tp.emotion.score
            emotion = EmotionView(
                score=score,
                label=f"{EMOJI[score]} {signed(score)}",
                signed=signed(score),
                emoji=EMOJI[score],
                mermaid=score + 3,
                spark=SPARK[score],
                word=tp.emotion.word,
                note=tp.emotion.note,
                mark=self.mark(tp.emotion.provenance),
            )
        personas = [persona_names[pid] for pid in tp.persona_ids if pid in persona_names]
        return TouchpointView(
            id=tp.id,
            number=number,
            stage_number=stage_number,
            stage_name=stage.name,
            name=tp.name,
            mark=self.mark(tp.provenance),
            by=self.by(tp.provenance),
            channel=None if tp.channel is None else self.labels["channels"][tp.channel],
            personas=personas,
            actors=personas or list(persona_names.values()),
            emotion=emotion,
            evidence=self.evidence(tp.evidence),
        )

    def opportunity(
        self,
        opp: Opportunity,
        position: int,
        label: str,
        pain_labels: Mapping[str, str],
        pain_stage: Mapping[str, int],
    ) -> OpportunityView:
        quad = quadrant(opp)
        voters = [f"{self.participants.get(pid, pid)} {n}" for pid, n in opp.votes.items() if n > 0]
        stage_numbers = sorted({pain_stage[p] for p in opp.pain_point_ids if p in pain_stage})
        return OpportunityView(
            id=opp.id,
            label=label,
            rank=position,
            text=opp.text,
            mark=self.mark(opp.provenance),
            by=self.by(opp.provenance),
            impact=opp.impact,
            effort=opp.effort,
            votes=opp.total_votes,
            voters=voters,
            owner=opp.owner,
            status=opp.status,
            status_label=self.labels["opp_status"][opp.status],
            quadrant=quad,
            quadrant_label=None if quad is None else self.labels["quadrants"][quad],
            pains=[pain_labels[p] for p in opp.pain_point_ids if p in pain_labels],
            stage_numbers=stage_numbers,
            x=None,
            y=None,
        )

    # -- the whole report ---------------------------------------------------------------

    def build(self, *, lang: str, flavor: str) -> Report:
        journey, labels = self.journey, self.labels
        persona_names = {p.id: p.name for p in journey.personas}
        personas = [self.persona(p) for p in journey.personas]

        # Touchpoints and pain points, numbered in document order.
        touchpoints: list[TouchpointView] = []
        tps_by_stage: list[list[TouchpointView]] = []
        tp_names: dict[str, str] = {}
        for s_index, stage in enumerate(journey.stages, start=1):
            row = []
            for tp in stage.touchpoints:
                view = self.touchpoint(tp, len(touchpoints) + 1, stage, s_index, persona_names)
                touchpoints.append(view)
                row.append(view)
                tp_names[tp.id] = tp.name
            tps_by_stage.append(row)

        pains: list[PainView] = []
        pains_by_stage: list[list[PainView]] = []
        pain_labels: dict[str, str] = {}
        pain_stage: dict[str, int] = {}
        for s_index, stage in enumerate(journey.stages, start=1):
            row_p = []
            for pp in stage.pain_points:
                label = f"P{len(pains) + 1}"
                view_p = PainView(
                    id=pp.id,
                    label=label,
                    stage_number=s_index,
                    stage_name=stage.name,
                    text=pp.text,
                    mark=self.mark(pp.provenance),
                    by=self.by(pp.provenance),
                    severity=pp.severity,
                    severity_label=labels["severity"][pp.severity],
                    occurrences=max(1, len(pp.touchpoint_ids)),
                    resolved=pp.status == "resolved",
                    status_label=labels["pain_status"][pp.status],
                    touchpoints=[tp_names[t] for t in pp.touchpoint_ids if t in tp_names],
                )
                pains.append(view_p)
                row_p.append(view_p)
                pain_labels[pp.id] = label
                pain_stage[pp.id] = s_index
            pains_by_stage.append(row_p)

        # Opportunities: ranked by votes, then impact/effort (priority.rank); labelled O1..
        # in the map's own order so labels stay stable when votes change.
        position_of = {opp.id: i for i, opp in enumerate(journey.opportunities, start=1)}
        prefix = labels["chart"]["point_prefix"]
        ranked = rank(journey.opportunities)
        opps = [
            self.opportunity(opp, r, f"{prefix}{position_of[opp.id]}", pain_labels, pain_stage)
            for r, opp in enumerate(ranked, start=1)
        ]
        opps = _place_on_chart(opps)
        by_pain: dict[str, list[str]] = {}
        for opp, view_o in zip(ranked, opps, strict=True):
            for pid in opp.pain_point_ids:
                by_pain.setdefault(pid, []).append(view_o.label)
        for pain in pains:
            pain.opportunities = by_pain.get(pain.id, [])

        stages: list[StageView] = []
        for s_index, stage in enumerate(journey.stages, start=1):
            stage_opps = [o for o in opps if s_index in o.stage_numbers]
            stage_tps = tps_by_stage[s_index - 1]
            bp = stage.blueprint
            stages.append(
                StageView(
                    id=stage.id,
                    number=s_index,
                    name=stage.name,
                    mark=self.mark(stage.provenance),
                    description=stage.description,
                    customer_goal=stage.customer_goal,
                    actions=self.texts(stage.actions),
                    thoughts=self.texts(stage.thoughts),
                    touchpoints=stage_tps,
                    pain_points=pains_by_stage[s_index - 1],
                    opportunities=stage_opps,
                    evidence=self.evidence(stage.evidence),
                    physical_evidence=self.texts(bp.physical_evidence),
                    frontstage=self.texts(bp.frontstage),
                    backstage=self.texts(bp.backstage),
                    support=self.texts(bp.support),
                    spark="".join(t.emotion.spark for t in stage_tps if t.emotion is not None),
                )
            )

        scored = [t for t in touchpoints if t.emotion is not None]
        moments = sorted(scored, key=lambda t: (t.emotion.score if t.emotion else 0, t.number))
        open_pains = sorted(
            (p for p in pains if not p.resolved),
            key=lambda p: (-p.severity, -p.occurrences, _label_number(p.label)),
        )
        sections = [
            DiagramSection(
                name=stage.name,
                tasks=[
                    DiagramTask(t.name, t.emotion.mermaid, t.actors)
                    for t in stage.touchpoints
                    if t.emotion is not None
                ],
            )
            for stage in stages
        ]
        show_blueprint = journey.map_type == "blueprint" or any(
            s.physical_evidence or s.frontstage or s.backstage or s.support for s in stages
        )
        rated = [o for o in opps if o.x is not None]
        active = [o for o in opps if o.status in ("planned", "in_progress")]
        decide = [o for o in opps if o.status == "idea"][:TOP_N]
        workshop = journey.workshop
        dates = [d.isoformat() for d in workshop.dates]
        if not dates:
            dates = [d.isoformat() for d in (journey.created, journey.updated) if d is not None]
            dates = sorted(set(dates))
        curve, width = _curve(scored)
        report = Report(
            lang=lang,
            flavor=flavor,
            mermaid=flavor != "plain",
            labels=labels,
            title=journey.title,
            map_type=journey.map_type,
            map_type_label=labels["map_types"][journey.map_type],
            show_blueprint=show_blueprint,
            mode=workshop.mode,
            dates=dates,
            facilitator=workshop.facilitator,
            participants=[ParticipantView(p.name, p.role) for p in workshop.participants],
            business_goal=journey.scope.business_goal,
            scenario=journey.scope.scenario,
            product=journey.scope.product,
            expectations=journey.scope.expectations,
            derived_from=None if journey.derived_from is None else journey.derived_from.title,
            personas=personas,
            all_persona_names=[p.name for p in journey.personas],
            stages=stages,
            touchpoints=touchpoints,
            scored=scored,
            pain_points=pains,
            opportunities=opps,
            moments_of_truth=moments[:TOP_N],
            top_pains=open_pains[:TOP_N],
            top_opportunities=opps[:TOP_N],
            rated=rated,
            unrated_count=len(opps) - len(rated),
            unscored_count=len(touchpoints) - len(scored),
            empty_stage_count=sum(1 for s in stages if not s.touchpoints),
            no_owner_count=sum(1 for o in opps if o.owner is None),
            diagram_sections=[s for s in sections if s.tasks],
            sparkline=" │ ".join(s.spark for s in stages if s.spark),
            parking_lot=self.texts(journey.parking_lot),
            notes=self.texts(journey.notes),
            next_planned=active,
            next_decide=decide,
            legend=[],
            curve=curve,
            curve_width=width,
        )
        report.legend = [
            LegendEntry(MARKS[how], labels["provenance"][how])
            for how in MARKS
            if how in self.origins
        ]
        return report


def _label_number(label: str) -> int:
    return int(label[1:])


def _place_on_chart(opps: list[OpportunityView]) -> list[OpportunityView]:
    """Chart coordinates (0..1, as Mermaid requires); equal ratings are nudged apart."""
    placed: list[OpportunityView] = []
    seen: dict[tuple[int, int], int] = {}
    for opp in opps:
        if opp.impact is None or opp.effort is None:
            placed.append(opp)
            continue
        key = (opp.effort, opp.impact)
        nth = seen.get(key, 0)
        seen[key] = nth + 1
        # Spiral the duplicates around the point, 0.04 apart, staying inside 0.02..0.98.
        dx = 0.04 * ((nth + 1) // 2) * (1 if nth % 2 else -1) if nth else 0.0
        dy = 0.03 * (nth // 4)
        x = min(0.98, max(0.02, AXIS[opp.effort] + dx))
        y = min(0.98, max(0.02, AXIS[opp.impact] - dy))
        placed.append(_replace_xy(opp, f"{x:.2f}", f"{y:.2f}"))
    return placed


def _replace_xy(opp: OpportunityView, x: str, y: str) -> OpportunityView:
    return replace(opp, x=x, y=y)


CURVE_STEP: Final = 48
CURVE_HEIGHT: Final = 160


def _curve(scored: Sequence[TouchpointView]) -> tuple[list[CurvePoint], int]:
    """Points of the HTML report's emotion line (an inline SVG: no script, no network)."""
    points = []
    for i, tp in enumerate(scored):
        assert tp.emotion is not None
        score = tp.emotion.score
        y = 20 + (2 - score) * (CURVE_HEIGHT - 40) // 4
        points.append(CurvePoint(30 + i * CURVE_STEP, y, score, tp.name))
    width = 60 + max(0, len(scored) - 1) * CURVE_STEP
    return points, width


VIEW_TYPES: Final[tuple[type, ...]] = (
    TextView,
    EmotionView,
    EvidenceView,
    TouchpointView,
    PainView,
    OpportunityView,
    PersonaView,
    StageView,
    DiagramTask,
    DiagramSection,
    ParticipantView,
    LegendEntry,
    CurvePoint,
    Report,
)


def build_report(
    journey: JourneyMap, labels: Mapping[str, Any], *, lang: str, flavor: str
) -> Report:
    return _Builder(journey, labels).build(lang=lang, flavor=flavor)
