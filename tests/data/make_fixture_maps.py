"""Build journey maps straight from the example workshop YAML files (test tooling).

The interview engine must produce the same content from the answer scripts; this builder
gives exporters and analysis tests a fixture that does not depend on the engine.

    python tests/data/make_fixture_maps.py  # writes tests/data/fixtures/*.json
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

from assistant.model import (
    Emotion,
    IdMaker,
    JourneyMap,
    Opportunity,
    PainPoint,
    Participant,
    Persona,
    Provenance,
    Scope,
    Stage,
    TextItem,
    Touchpoint,
    Workshop,
)
from assistant.store import dump_map

HERE = Path(__file__).parent
CHANNEL = {"mobile app": "mobile_app", "branch/store": "branch_store", "in person": "in_person"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def build(example: dict[str, Any]) -> JourneyMap:
    journey = JourneyMap(
        id=slug(example["title"])[:40],
        title=example["title"],
        language=example["language"],
        map_type=example["map_type"],
        scope=Scope(business_goal=example.get("business_goal"), scenario=example.get("scenario")),
    )
    ids = IdMaker(journey)
    participants = [
        Participant(id=ids.new("participant"), name=name)
        for name in example.get("participants", [])
    ]
    journey.workshop = Workshop(
        mode=example.get("mode", "solo"),
        facilitator=example.get("facilitator"),
        participants=participants,
    )
    for p in example["personas"]:
        journey.personas.append(
            Persona(
                id=ids.new("persona"),
                name=p["name"],
                archetype=p["archetype"].replace(" ", "_").replace("-", "_"),
                description=p.get("description"),
                goals=p.get("goals", []),
                needs=p.get("needs", []),
                pains=p.get("pains", []),
                quote=p.get("quote"),
            )
        )
    pain_by_text: dict[str, str] = {}
    stages = []
    for s in example["stages"]:
        stage = Stage(id=ids.new("stage"), name=s["name"], customer_goal=s.get("customer_goal"))
        stages.append(stage)
        journey.stages = list(stages)
        for a in s.get("actions", []):
            stage.actions.append(TextItem(id=ids.new("action"), text=a))
        for t in s.get("touchpoints", []):
            tp = Touchpoint(
                id=ids.new("touchpoint"),
                name=t["name"],
                channel=CHANNEL.get(t["channel"], t["channel"]),
                emotion=Emotion(score=t["emotion"], word=t.get("emotion_word")),
            )
            stage.touchpoints.append(tp)
        for pp in s.get("pain_points", []):
            pain = PainPoint(id=ids.new("pain_point"), text=pp["text"], severity=pp["severity"])
            stage.pain_points.append(pain)
            pain_by_text[pp["text"]] = pain.id
    by_first_name = {p.name.split(" ")[0]: p.id for p in participants}
    for o in example.get("opportunities", []):
        journey.opportunities.append(
            Opportunity(
                id=ids.new("opportunity"),
                text=o["text"],
                pain_point_ids=[pain_by_text[o["pain_point"]]],
                impact=o.get("impact"),
                effort=o.get("effort"),
                owner=o.get("owner"),
                votes={by_first_name[k]: v for k, v in (o.get("votes") or {}).items()},
            )
        )
    for idea in example.get("parking_lot", []):
        journey.parking_lot.append(TextItem(id=ids.new("idea"), text=idea, provenance=Provenance()))
    return JourneyMap.model_validate(journey.model_dump())


def main() -> int:
    out = HERE / "fixtures"
    out.mkdir(exist_ok=True)
    for source in sorted((HERE / "examples").glob("*.yaml")):
        journey = build(yaml.safe_load(source.read_text(encoding="utf-8")))
        target = out / (source.name.removesuffix(".yaml") + ".json")
        target.write_text(dump_map(journey), encoding="utf-8")
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
