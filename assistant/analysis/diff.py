"""What changed between two maps (two versions over time, or a current and a future state).

Items are matched by id, so a renamed touchpoint is a rename, not a removal plus an addition.
`diff_maps` returns a `MapDiff`; `as_dict` is its JSON form and the view data of the
Markdown template exports/<lang>/diff.md.j2.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.model import JourneyMap, PainPoint, Stage, Touchpoint


@dataclass(frozen=True)
class Ref:
    id: str
    name: str
    stage: str | None = None  # the stage's name, for touchpoints and pain points


@dataclass(frozen=True)
class Rename:
    id: str
    before: str
    after: str
    stage: str | None = None


@dataclass(frozen=True)
class EmotionMove:
    id: str
    touchpoint: str
    stage: str
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class StatusChange:
    id: str
    text: str
    before: str
    after: str


@dataclass
class MapDiff:
    before: Ref
    after: Ref
    stages_added: list[Ref] = field(default_factory=list)
    stages_removed: list[Ref] = field(default_factory=list)
    stages_renamed: list[Rename] = field(default_factory=list)
    touchpoints_added: list[Ref] = field(default_factory=list)
    touchpoints_removed: list[Ref] = field(default_factory=list)
    touchpoints_renamed: list[Rename] = field(default_factory=list)
    emotions: list[EmotionMove] = field(default_factory=list)
    pain_points_added: list[Ref] = field(default_factory=list)
    pain_points_resolved: list[Ref] = field(default_factory=list)  # removed or status resolved
    pain_points_reopened: list[Ref] = field(default_factory=list)
    opportunities_added: list[Ref] = field(default_factory=list)
    opportunities_removed: list[Ref] = field(default_factory=list)
    opportunities_status: list[StatusChange] = field(default_factory=list)

    @property
    def sections(self) -> list[str]:
        return [name for name in _SECTIONS if getattr(self, name)]

    @property
    def is_empty(self) -> bool:
        return not self.sections

    @property
    def delivered(self) -> list[StatusChange]:
        return [c for c in self.opportunities_status if c.after == "delivered"]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"before": asdict(self.before), "after": asdict(self.after)}
        out["no_changes"] = self.is_empty
        for name in _SECTIONS:
            items = getattr(self, name)
            out[name] = [asdict(item) for item in items]
        for move in out["emotions"]:
            move["delta"] = (
                None if move["before"] is None or move["after"] is None
                else move["after"] - move["before"]
            )  # fmt: skip
        out["opportunities_delivered"] = [c.id for c in self.delivered]
        out["counts"] = {name: len(getattr(self, name)) for name in _SECTIONS}
        return out


_SECTIONS = (
    "stages_added",
    "stages_removed",
    "stages_renamed",
    "touchpoints_added",
    "touchpoints_removed",
    "touchpoints_renamed",
    "emotions",
    "pain_points_added",
    "pain_points_resolved",
    "pain_points_reopened",
    "opportunities_added",
    "opportunities_removed",
    "opportunities_status",
)


def _touchpoints(journey: JourneyMap) -> dict[str, tuple[Stage, Touchpoint]]:
    return {tp.id: (stage, tp) for stage, tp in journey.iter_touchpoints()}


def _pains(journey: JourneyMap) -> dict[str, tuple[Stage, PainPoint]]:
    return {pp.id: (stage, pp) for stage, pp in journey.iter_pain_points()}


def diff_maps(a: JourneyMap, b: JourneyMap) -> MapDiff:
    """What changed from `a` to `b`, in map order (b's order for additions, a's for removals)."""
    out = MapDiff(before=Ref(a.id, a.title), after=Ref(b.id, b.title))

    stages_a = {s.id: s for s in a.stages}
    stages_b = {s.id: s for s in b.stages}
    out.stages_added = [Ref(s.id, s.name) for s in b.stages if s.id not in stages_a]
    out.stages_removed = [Ref(s.id, s.name) for s in a.stages if s.id not in stages_b]
    out.stages_renamed = [
        Rename(s.id, stages_a[s.id].name, s.name)
        for s in b.stages
        if s.id in stages_a and stages_a[s.id].name != s.name
    ]

    tps_a, tps_b = _touchpoints(a), _touchpoints(b)
    out.touchpoints_added = [
        Ref(tp.id, tp.name, st.name) for tp_id, (st, tp) in tps_b.items() if tp_id not in tps_a
    ]
    out.touchpoints_removed = [
        Ref(tp.id, tp.name, st.name) for tp_id, (st, tp) in tps_a.items() if tp_id not in tps_b
    ]
    for tp_id, (stage, tp) in tps_b.items():
        if tp_id not in tps_a:
            continue
        old = tps_a[tp_id][1]
        if old.name != tp.name:
            out.touchpoints_renamed.append(Rename(tp_id, old.name, tp.name, stage.name))
        before = old.emotion.score if old.emotion is not None else None
        after = tp.emotion.score if tp.emotion is not None else None
        if before != after:
            out.emotions.append(EmotionMove(tp_id, tp.name, stage.name, before, after))

    pains_a, pains_b = _pains(a), _pains(b)
    for pp_id, (stage, pp) in pains_b.items():
        ref = Ref(pp.id, pp.text, stage.name)
        if pp_id not in pains_a:
            out.pain_points_added.append(ref)
            continue
        old_status = pains_a[pp_id][1].status
        if old_status == "open" and pp.status == "resolved":
            out.pain_points_resolved.append(ref)
        elif old_status == "resolved" and pp.status == "open":
            out.pain_points_reopened.append(ref)
    out.pain_points_resolved.extend(
        Ref(pp.id, pp.text, stage.name)
        for pp_id, (stage, pp) in pains_a.items()
        if pp_id not in pains_b and pp.status == "open"
    )

    opps_a = {o.id: o for o in a.opportunities}
    opps_b = {o.id: o for o in b.opportunities}
    out.opportunities_added = [Ref(o.id, o.text) for o in b.opportunities if o.id not in opps_a]
    out.opportunities_removed = [Ref(o.id, o.text) for o in a.opportunities if o.id not in opps_b]
    out.opportunities_status = [
        StatusChange(o.id, o.text, opps_a[o.id].status, o.status)
        for o in b.opportunities
        if o.id in opps_a and opps_a[o.id].status != o.status
    ]
    return out
