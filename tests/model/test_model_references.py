"""Cross-references: an id that points nowhere is refused, in words a person can act on."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from assistant.model import JourneyMap, Opportunity, reference_problems
from assistant.store import MapFileError, load_map, parse_map

DATA = Path(__file__).resolve().parents[1] / "data"
V1 = DATA / "schema" / "v1.json"

Doc = dict[str, Any]


def v1() -> Doc:
    data: Doc = json.loads(V1.read_text(encoding="utf-8"))
    return data


CASES: list[tuple[str, Callable[[Doc], object], str]] = [
    (
        "persona",
        lambda d: d["stages"][0]["touchpoints"][0]["persona_ids"].append("per-9"),
        "stages[0].touchpoints[0] ('Comparateur en ligne') names persona 'per-9', "
        "which does not exist",
    ),
    (
        "touchpoint",
        lambda d: d["stages"][1]["pain_points"][0]["touchpoint_ids"].append("tp-9"),
        "stages[1].pain_points[0] links to touchpoint 'tp-9', which does not exist",
    ),
    (
        "pain point",
        lambda d: d["opportunities"][1]["pain_point_ids"].append("pp-9"),
        "opportunities[1] links to pain point 'pp-9', which does not exist",
    ),
    (
        "voter",
        lambda d: d["opportunities"][0]["votes"].update({"pt-9": 1}),
        "opportunities[0] has votes from 'pt-9', who is not a participant",
    ),
    (
        "credit",
        lambda d: d["notes"][0]["provenance"].update({"by": "pt-9"}),
        "note-1 is credited to 'pt-9', who is not a participant",
    ),
    (
        "duplicate",
        lambda d: d["opportunities"][1].update({"id": "opp-1"}),
        "id 'opp-1' is used by more than one item",
    ),
    (
        "duplicate across kinds",
        lambda d: d["notes"][0].update({"id": "idea-1"}),
        "id 'idea-1' is used by more than one item",
    ),
]


def test_a_valid_map_has_no_reference_problems() -> None:
    assert reference_problems(load_map(V1)) == []
    for fixture in sorted((DATA / "fixtures").glob("*.json")):
        assert reference_problems(load_map(fixture)) == [], fixture.name


@pytest.mark.parametrize(("edit", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_dangling_reference_is_refused(edit: Callable[[Doc], object], expected: str) -> None:
    doc = v1()
    edit(doc)
    with pytest.raises(ValidationError) as info:
        JourneyMap.model_validate(doc)
    assert expected in str(info.value)
    with pytest.raises(MapFileError) as file_error:
        parse_map(json.dumps(doc), source="team.json")
    assert str(file_error.value) == f"team.json: {expected}"


def test_reference_problems_lists_every_problem() -> None:
    journey = load_map(V1)
    journey.opportunities[0].pain_point_ids.append("pp-8")  # in place: no validation runs
    journey.opportunities[1].pain_point_ids.append("pp-9")
    assert reference_problems(journey) == [
        "opportunities[0] links to pain point 'pp-8', which does not exist",
        "opportunities[1] links to pain point 'pp-9', which does not exist",
    ]


def test_assigning_a_dangling_link_is_refused() -> None:
    journey = load_map(V1)
    with pytest.raises(ValidationError, match="pp-9"):
        journey.opportunities = [Opportunity(id="opp-5", text="x", pain_point_ids=["pp-9"])]


def test_an_emotion_credited_to_a_stranger_is_refused() -> None:
    doc = v1()
    doc["stages"][0]["touchpoints"][0]["emotion"]["provenance"]["by"] = "pt-9"
    with pytest.raises(ValidationError):
        JourneyMap.model_validate(doc)
