"""The two example workshops, run from their answer scripts, hold exactly what the room said.

Every expected value comes from tests/data/examples/*.yaml (copies of the shared example
workshops), compared field by field and verbatim.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.model import JourneyMap
from assistant.scripted import load_script, run_script
from assistant.store import load_map

DATA = Path(__file__).resolve().parent.parent / "data"
CASES = ["sarah-crm.en", "banque-ouverture-compte.fr"]
CHANNELS = {"mobile app": "mobile_app", "branch/store": "branch_store", "in person": "in_person"}


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (DATA / "examples" / f"{name}.yaml").read_text(encoding="utf-8")
    )
    return data


@pytest.fixture(scope="module", params=CASES)
def run(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, JourneyMap, Path]:
    name: str = request.param
    out = tmp_path_factory.mktemp(name)
    result = run_script(load_script(DATA / "answers" / f"{name}.yaml"), out)
    assert result.finished
    return name, load_map(result.map_path), result.map_path


def test_scope_and_workshop(run: tuple[str, JourneyMap, Path]) -> None:
    name, journey, _ = run
    expected = example(name)
    assert journey.title == expected["title"]
    assert journey.language == expected["language"]
    assert journey.map_type == expected["map_type"]
    assert journey.workshop.mode == expected["mode"]
    assert journey.scope.business_goal == expected["business_goal"]
    assert journey.scope.scenario == expected["scenario"]
    assert journey.workshop.facilitator == expected.get("facilitator")
    assert [p.name for p in journey.workshop.participants] == expected.get("participants", [])


def test_personas(run: tuple[str, JourneyMap, Path]) -> None:
    name, journey, _ = run
    expected = example(name)["personas"]
    assert len(journey.personas) == len(expected)
    for persona, want in zip(journey.personas, expected, strict=True):
        assert persona.name == want["name"]
        assert persona.archetype == want["archetype"].replace(" ", "_").replace("-", "_")
        assert persona.description == want["description"]
        assert persona.goals == want["goals"]
        assert persona.needs == want["needs"]
        assert persona.pains == want["pains"]
        assert persona.quote == want["quote"]


def test_stages_actions_touchpoints_emotions(run: tuple[str, JourneyMap, Path]) -> None:
    name, journey, _ = run
    expected = example(name)["stages"]
    assert [s.name for s in journey.stages] == [s["name"] for s in expected]
    for stage, want in zip(journey.stages, expected, strict=True):
        assert stage.customer_goal == want["customer_goal"]
        assert [a.text for a in stage.actions] == want["actions"]
        assert len(stage.touchpoints) == len(want["touchpoints"])
        for tp, want_tp in zip(stage.touchpoints, want["touchpoints"], strict=True):
            assert tp.name == want_tp["name"]
            assert tp.channel == CHANNELS.get(want_tp["channel"], want_tp["channel"])
            assert tp.emotion is not None
            assert tp.emotion.score == want_tp["emotion"]
            assert tp.emotion.word == want_tp["emotion_word"]
            assert tp.emotion.provenance.how == "typed"
            assert tp.persona_ids == [p.id for p in journey.personas]


def test_pain_points_with_severity(run: tuple[str, JourneyMap, Path]) -> None:
    name, journey, _ = run
    for stage, want in zip(journey.stages, example(name)["stages"], strict=True):
        got = [(p.text, p.severity) for p in stage.pain_points]
        assert got == [(p["text"], p["severity"]) for p in want["pain_points"]]
        for pain in stage.pain_points:
            assert pain.touchpoint_ids, f"{pain.text} is linked to a touchpoint"


def test_opportunities_with_impact_effort_owner_votes(run: tuple[str, JourneyMap, Path]) -> None:
    name, journey, _ = run
    expected = example(name)["opportunities"]
    pains = {p.id: p.text for _, p in journey.iter_pain_points()}
    names = {p.id: p.name.split(" ")[0] for p in journey.workshop.participants}
    got = {
        o.text: (
            [pains[i] for i in o.pain_point_ids],
            o.impact,
            o.effort,
            o.owner,
            {names[k]: v for k, v in o.votes.items()},
        )
        for o in journey.opportunities
    }
    want = {
        o["text"]: ([o["pain_point"]], o["impact"], o["effort"], o["owner"], o.get("votes") or {})
        for o in expected
    }
    assert got == want


def test_parking_lot(run: tuple[str, JourneyMap, Path]) -> None:
    name, journey, _ = run
    assert [i.text for i in journey.parking_lot] == example(name)["parking_lot"]


def test_who_said_it_is_recorded() -> None:
    journey = load_map(DATA / "maps" / "banque-ouverture-compte.fr.json")
    by_name = {p.id: p.name for p in journey.workshop.participants}
    first = journey.stages[0].pain_points[0]
    assert by_name[first.provenance.by or ""].startswith("Mehdi")
    achat = journey.stages[2].pain_points
    assert all(by_name[p.provenance.by or ""].startswith("Inès") for p in achat)
    assert journey.stages[3].pain_points[0].provenance.by is None


@pytest.mark.parametrize("name", CASES)
def test_committed_maps_match_the_engine(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """tests/data/maps/ are fixtures for other tests: they must be what the engine makes.
    Regenerate with `python tests/data/make_maps.py`."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_maps", DATA / "make_maps.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", module.EPOCH)
    committed = (DATA / "maps" / f"{name}.json").read_text(encoding="utf-8")
    assert module.build(name) == committed
