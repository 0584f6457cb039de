from __future__ import annotations

import re

import pytest
import yaml

from assistant.analysis import checks
from assistant.analysis.checks import (
    CODES,
    GAP_CODES,
    CheckTextError,
    Finding,
    describe,
    find_gaps,
    run_checks,
)
from assistant.analysis.priority import prioritisation
from assistant.model import Emotion, Evidence, JourneyMap, Persona, Stage, TextItem
from assistant.paths import prompts_dir


def by_code(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def test_gaps_on_sarah_are_the_four_review_gaps_in_map_order(sarah: JourneyMap) -> None:
    gaps = find_gaps(sarah)
    assert {g.code for g in gaps} <= set(GAP_CODES)
    # Negative touchpoints: tp-1 (-1), tp-4 (-2), tp-6 (-1), tp-8 (-1); no pain point links them.
    negative = by_code(gaps, "negative-emotion-without-pain-point")
    assert [f.item_id for f in negative] == ["tp-1", "tp-4", "tp-6", "tp-8"]
    assert negative[1] == Finding(
        code="negative-emotion-without-pain-point",
        severity="warning",
        path="stages[1].touchpoints[1]",
        item_id="tp-4",
        stage_id="st-2",
        params={
            "touchpoint": "Pricing page",
            "stage": "Consideration",
            "score": "-2",
            "word": "confused",
        },
    )
    # pp-1 has no opportunity (opp-1..5 address pp-2..pp-6).
    pain = by_code(gaps, "pain-point-without-opportunity")
    assert [(f.item_id, f.path, f.stage_id) for f in pain] == [
        ("pp-1", "stages[0].pain_points[0]", "st-1")
    ]
    # One persona: never unused. Every stage has touchpoints.
    assert not by_code(gaps, "persona-unused")
    assert not by_code(gaps, "stage-without-touchpoints")
    assert [g.path for g in gaps] == [
        "stages[0].touchpoints[0]",
        "stages[0].pain_points[0]",
        "stages[1].touchpoints[1]",
        "stages[2].touchpoints[0]",
        "stages[3].touchpoints[0]",
    ]


def test_linking_a_pain_point_closes_the_negative_emotion_gap(sarah: JourneyMap) -> None:
    sarah.stages[1].pain_points[0].touchpoint_ids = ["tp-4"]
    assert "tp-4" not in [g.item_id for g in find_gaps(sarah)]


def test_persona_unused_needs_more_than_one_persona(banque: JourneyMap, sarah: JourneyMap) -> None:
    unused = by_code(find_gaps(banque), "persona-unused")
    assert [(f.path, f.item_id, f.params["persona"]) for f in unused] == [
        ("personas[0]", "per-1", "Camille"),
        ("personas[1]", "per-2", "Jean-Marc"),
    ]
    banque.stages[0].touchpoints[0].persona_ids = ["per-1"]
    assert [f.item_id for f in by_code(find_gaps(banque), "persona-unused")] == ["per-2"]
    # With one persona, touchpoints without persona_ids count as hers.
    assert not by_code(find_gaps(sarah), "persona-unused")


def test_stage_without_touchpoints(sarah: JourneyMap) -> None:
    sarah.stages.append(Stage(id="st-99", name="Renewal"))
    found = by_code(find_gaps(sarah), "stage-without-touchpoints")
    assert [(f.path, f.item_id, f.stage_id, f.params) for f in found] == [
        ("stages[5]", "st-99", "st-99", {"stage": "Renewal"})
    ]


def test_run_checks_is_a_superset_of_find_gaps(sarah: JourneyMap, banque: JourneyMap) -> None:
    for journey in (sarah, banque):
        all_findings = run_checks(journey)
        for gap in find_gaps(journey):
            assert gap in all_findings


def test_run_checks_reports_each_kind(sarah: JourneyMap) -> None:
    tp = sarah.stages[0].touchpoints[1]
    tp.emotion = None
    sarah.opportunities[0].effort = None
    sarah.stages[0].actions.append(
        TextItem(id="act-99", text="notices two LEADS fell through the cracks!")
    )
    sarah.stages[3].touchpoints[0].evidence = [
        Evidence(id="ev-1", metric="CSAT 1-5", score=5.0, source="survey.csv: 40 answers")
    ]
    findings = run_checks(sarah)
    (no_emotion,) = by_code(findings, "touchpoint-without-emotion")
    assert (no_emotion.path, no_emotion.item_id, no_emotion.severity) == (
        "stages[0].touchpoints[1]",
        "tp-2",
        "warning",
    )
    (unrated,) = by_code(findings, "opportunity-without-rating")
    assert (unrated.path, unrated.item_id, unrated.params["missing"]) == (
        "opportunities[0]",
        "opp-1",
        "effort",
    )
    (dup,) = by_code(findings, "duplicate-item")
    assert (dup.path, dup.item_id, dup.params["first"], dup.params["first_id"]) == (
        "stages[0].actions[2]",
        "act-99",
        "stages[0].actions[0]",
        "act-1",
    )
    # tp-8: workshop -1, feedback CSAT 5 -> +2: three points apart.
    (contra,) = by_code(findings, "emotion-contradicts-feedback")
    assert (contra.item_id, contra.params["score"], contra.params["feedback"]) == (
        "tp-8",
        "-1",
        "+2.0",
    )
    unsupported = by_code(findings, "emotion-without-evidence")
    assert all(f.severity == "info" for f in unsupported)
    assert "tp-8" not in {f.item_id for f in unsupported} and "tp-2" not in {
        f.item_id for f in unsupported
    }
    assert len(unsupported) == 10
    assert [f.path for f in findings] == sorted((f.path for f in findings), key=checks.path_key)


def test_duplicates_ignore_case_accents_and_punctuation(banque: JourneyMap) -> None:
    banque.personas.append(Persona(id="per-9", name="camille"))
    (dup,) = by_code(run_checks(banque), "duplicate-item")
    assert (dup.path, dup.item_id) == ("personas[2]", "per-9")


def test_map_without_stages_is_an_error() -> None:
    journey = JourneyMap(id="empty", title="Empty")
    (finding,) = run_checks(journey)
    assert (finding.code, finding.severity, finding.path) == (
        "map-without-stages",
        "error",
        "stages",
    )


def test_blueprint_lanes(blueprint: JourneyMap, sarah: JourneyMap) -> None:
    assert not by_code(run_checks(blueprint), "blueprint-stage-without-lanes")
    blueprint.stages[2].blueprint.frontstage = []
    blueprint.stages[2].blueprint.backstage = []
    (info,) = by_code(run_checks(blueprint), "blueprint-stage-without-lanes")
    assert (info.severity, info.path, info.item_id) == ("info", "stages[2]", "st-3")
    # Not a blueprint: lanes are optional.
    assert not by_code(run_checks(sarah), "blueprint-stage-without-lanes")


def test_blueprint_fixture_is_clean_but_for_evidence_infos(blueprint: JourneyMap) -> None:
    findings = run_checks(blueprint)
    assert {f.code for f in findings} == {"emotion-without-evidence"}
    assert blueprint.map_type == "blueprint"
    assert all(s.blueprint.frontstage and s.blueprint.backstage for s in blueprint.stages)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_code_has_text_in_both_languages(lang: str) -> None:
    data = yaml.safe_load((prompts_dir() / lang / "checks.yaml").read_text(encoding="utf-8"))
    assert set(data) == set(CODES)
    for code, entry in data.items():
        assert set(entry) == {"message", "fix"}, code


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_describe_fills_placeholders(sarah: JourneyMap, banque: JourneyMap, lang: str) -> None:
    sarah.stages.append(Stage(id="st-99", name="Renewal"))
    for journey in (sarah, banque):
        for finding in run_checks(journey):
            message, fix = describe(finding, lang)
            assert message and fix
            assert not re.search(r"\{\w+\}", message + fix)
    gap = find_gaps(sarah)[0]
    message, _ = describe(gap, "en")
    assert (
        message
        == "Touchpoint “Google search” (Awareness) feels negative (-1) but no pain point explains it."
    )
    message, _ = describe(gap, "fr")
    assert "« Google search »" in message


def test_describe_names_file_and_key_when_text_is_missing() -> None:
    finding = Finding("no-such-code", "info", "stages[0]", None, None, {})
    with pytest.raises(
        CheckTextError, match=r"checks\.yaml: no entry for finding code 'no-such-code'"
    ):
        describe(finding, "en")
    bad = Finding("stage-without-touchpoints", "warning", "stages[0]", "st-1", "st-1", {})
    with pytest.raises(
        CheckTextError, match=r"stage-without-touchpoints\.message uses placeholder 'stage'"
    ):
        describe(bad, "en")
    with pytest.raises(CheckTextError, match="no such file"):
        describe(bad, "de")


def test_prioritisation(banque: JourneyMap) -> None:
    data = prioritisation(banque.opportunities)
    # Votes: opp-1 5, opp-2 4, opp-3 3, opp-5 2, opp-4 1.
    assert [r["id"] for r in data["ranked"]] == ["opp-1", "opp-2", "opp-3", "opp-5", "opp-4"]
    assert data["ranked"][0] == {
        "rank": 1,
        "id": "opp-1",
        "text": banque.opportunities[0].text,
        "votes": 5,
        "impact": 5,
        "effort": 3,
        "quadrant": "big_bet",
        "status": "idea",
    }
    assert data["quadrants"] == {
        "quick_win": ["opp-2", "opp-4"],
        "big_bet": ["opp-1", "opp-3", "opp-5"],
        "fill_in": [],
        "money_pit": [],
    }
    assert data["unrated"] == []
    banque.opportunities[0].impact = None
    assert prioritisation(banque.opportunities)["unrated"] == ["opp-1"]


def test_emotion_on_strongly_negative_is_reported_once_per_touchpoint(sarah: JourneyMap) -> None:
    sarah.stages[0].touchpoints[1].emotion = Emotion(score=-2, word="angry")
    ids = [f.item_id for f in by_code(find_gaps(sarah), "negative-emotion-without-pain-point")]
    assert ids.count("tp-2") == 1


def test_analysis_never_imports_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import assistant.analysis.checks, assistant.analysis.feedback, assistant.analysis.diff\n"
        "import assistant.analysis.future, assistant.analysis.render, assistant.analysis.priority\n"
        "import assistant.cli.cmd_check, assistant.cli.cmd_diff, assistant.cli.cmd_future\n"
        "import assistant.cli.cmd_import_feedback\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
