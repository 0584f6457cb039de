from __future__ import annotations

import datetime as dt

import pytest

from assistant.analysis.diff import diff_maps
from assistant.analysis.future import make_future, planned_changes
from assistant.analysis.render import cell, render_diff
from assistant.model import Emotion, JourneyMap, Opportunity, PainPoint, Stage, Touchpoint


def test_future_keeps_the_map_and_plans_the_opportunities(sarah: JourneyMap) -> None:
    sarah.opportunities[4].status = "delivered"
    future = make_future(sarah, path="../sarah.json", today=dt.date(2026, 4, 1))
    assert (future.map_type, future.id, future.title) == (
        "future",
        "sarah-chooses-a-crm-future",
        "Sarah chooses a CRM — future state",
    )
    assert future.derived_from is not None
    assert future.derived_from.model_dump() == {
        "map_id": "sarah-chooses-a-crm",
        "title": "Sarah chooses a CRM",
        "path": "../sarah.json",
    }
    assert future.created == dt.date(2026, 4, 1) and future.interview is None
    assert future.personas == sarah.personas and future.stages == sarah.stages
    assert [o.status for o in future.opportunities] == ["planned"] * 4 + ["delivered"]
    assert planned_changes(future) == ["opp-1", "opp-2", "opp-3", "opp-4"]
    assert sarah.map_type == "current" and sarah.opportunities[0].status == "idea"


def test_future_in_french(banque: JourneyMap) -> None:
    assert make_future(banque).title.endswith("— état futur")


def test_future_of_a_future_is_refused(sarah: JourneyMap) -> None:
    with pytest.raises(ValueError, match="already a future-state map"):
        make_future(make_future(sarah))


def test_diff_with_itself_is_empty(
    sarah: JourneyMap, banque: JourneyMap, blueprint: JourneyMap
) -> None:
    for journey in (sarah, banque, blueprint):
        diff = diff_maps(journey, journey)
        assert diff.is_empty and diff.sections == []
        assert diff.as_dict()["no_changes"] is True
        assert "No changes" in render_diff(diff, "en")
        assert "Aucun changement" in render_diff(diff, "fr")


def test_diff_current_vs_future_is_exactly_the_planned_changes(banque: JourneyMap) -> None:
    future = make_future(banque)
    diff = diff_maps(banque, future)
    assert diff.sections == ["opportunities_status"]
    assert [(c.id, c.before, c.after) for c in diff.opportunities_status] == [
        (f"opp-{n}", "idea", "planned") for n in range(1, 6)
    ]
    assert [c.id for c in diff.opportunities_status] == planned_changes(future)


def test_diff_sees_every_kind_of_change(sarah: JourneyMap) -> None:
    b = sarah.model_copy(deep=True)
    b.stages[0].name = "Discovery"  # renamed
    b.stages[1].touchpoints[1].name = "Pricing page (new)"  # renamed touchpoint
    b.stages[1].touchpoints[1].emotion = Emotion(score=1)  # -2 -> +1
    b.stages[1].touchpoints[2].emotion = None  # 0 -> none
    del b.stages[2].touchpoints[0]  # tp-6 removed
    b.stages[2].pain_points[0].touchpoint_ids = []
    b.stages[3].touchpoints.append(Touchpoint(id="tp-20", name="In-app onboarding tour"))
    b.stages[1].pain_points[0].status = "resolved"  # pp-2 resolved
    b.opportunities = [o for o in b.opportunities if o.id != "opp-2"]  # removed
    b.stages[3].pain_points = []  # pp-5 removed -> resolved
    b.stages[4].pain_points.append(PainPoint(id="pp-20", text="No | way to export"))
    b.opportunities[0].status = "delivered"
    b.opportunities.append(Opportunity(id="opp-20", text="Export to CSV"))
    b.stages.append(Stage(id="st-20", name="Renewal"))
    b = JourneyMap.model_validate(b.model_dump())
    diff = diff_maps(sarah, b)
    assert [(r.id, r.before, r.after) for r in diff.stages_renamed] == [
        ("st-1", "Awareness", "Discovery")
    ]
    assert [s.id for s in diff.stages_added] == ["st-20"] and diff.stages_removed == []
    assert [(r.id, r.after, r.stage) for r in diff.touchpoints_renamed] == [
        ("tp-4", "Pricing page (new)", "Consideration")
    ]
    assert [(t.id, t.stage) for t in diff.touchpoints_removed] == [("tp-6", "Purchase")]
    assert [(t.id, t.stage) for t in diff.touchpoints_added] == [("tp-20", "Retention")]
    assert [(e.id, e.before, e.after, e.delta) for e in diff.emotions] == [
        ("tp-4", -2, 1, 3),
        ("tp-5", 0, None, None),
    ]
    assert [p.id for p in diff.pain_points_resolved] == ["pp-2", "pp-5"]
    assert [p.id for p in diff.pain_points_added] == ["pp-20"]
    assert [o.id for o in diff.opportunities_removed] == ["opp-2"]
    assert [o.id for o in diff.opportunities_added] == ["opp-20"]
    assert [(c.id, c.after) for c in diff.opportunities_status] == [("opp-1", "delivered")]
    data = diff.as_dict()
    assert data["opportunities_delivered"] == ["opp-1"]
    assert data["emotions"][0] == {
        "id": "tp-4",
        "touchpoint": "Pricing page (new)",
        "stage": "Consideration",
        "before": -2,
        "after": 1,
        "delta": 3,
    }
    md = render_diff(diff, "en")
    assert "| renamed | `st-1` | Awareness → Discovery |" in md
    assert "| `tp-4` | Pricing page (new) | Consideration | -2 | +1 | +3 |" in md
    assert "| `tp-5` | Free trial sign-up | Consideration | 0 | — | — |" in md
    assert "| added | `pp-20` | No \\| way to export | Advocacy |" in md
    assert "| idea → **delivered** | `opp-1` |" in md
    assert "| resolved | `pp-2` |" in md


def test_diff_markdown_tables_parse_as_gfm(sarah: JourneyMap) -> None:
    from markdown_it import MarkdownIt

    b = sarah.model_copy(deep=True)
    b.stages[0].name = "A | b <script> *x* [link](y) `c`"
    md = render_diff(diff_maps(sarah, b), "en")
    html = MarkdownIt("gfm-like").render(md)
    assert "<script>" not in html
    assert "<td>Awareness → A | b &lt;script&gt; *x* [link](y) `c`</td>" in html


def test_cell_escaping() -> None:
    assert cell("a|b\nc") == "a\\|b c"
    assert cell(None) == "—"
    assert cell("R&D <b>") == "R&amp;D \\<b\\>"
