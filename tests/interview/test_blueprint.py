"""A service-blueprint workshop end to end: the engine asks for the lanes, the model keeps
them, and the report draws the blueprint table (with the line of visibility)."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from assistant.scripted import load_script, run_script

DATA = Path(__file__).resolve().parent.parent / "data"


def test_blueprint_workshop_end_to_end(tmp_path: Path) -> None:
    result = run_script(load_script(DATA / "answers" / "blueprint-branch-visit.en.yaml"), tmp_path)
    assert result.finished
    journey = result.journey
    assert journey.map_type == "blueprint"
    lanes = [
        {
            lane: [item.text for item in getattr(stage.blueprint, lane)]
            for lane in ("frontstage", "backstage", "support", "physical_evidence")
        }
        for stage in journey.stages
    ]
    assert lanes[0] == {
        "frontstage": ["Call-centre agent takes the booking"],
        "backstage": ["Branch manager publishes adviser availability each Monday"],
        "support": ["Booking system", "Call-centre CRM"],
        "physical_evidence": ["Confirmation e-mail with the document checklist"],
    }
    assert lanes[2]["frontstage"] == [
        "Adviser explains account types and fees",
        "Adviser scans documents",
    ]
    # "frustrated" alone: the score was inferred from the word, then confirmed with Enter
    scan = journey.stages[2].touchpoints[1]
    assert scan.emotion is not None
    assert (scan.emotion.score, scan.emotion.word) == (-1, "frustrated")
    assert scan.emotion.provenance.how == "typed"
    assert [a.text for a in journey.stages[2].actions] == [
        "Hands over ID and proof of address",
        "Chooses a card and an overdraft",
    ]

    assert result.report_path is not None
    report = result.report_path.read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(report)
    heads = [t.content for i, t in enumerate(tokens) if i and tokens[i - 1].type == "heading_open"]
    assert any("blueprint" in h.lower() for h in heads)
    assert "Line of visibility" in report
    assert "Branch manager publishes adviser availability each Monday" in report
