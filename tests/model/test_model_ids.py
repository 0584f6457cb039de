"""Stable ids: a kind prefix and a number that only grows, the same for the same map."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.model import PREFIX, IdMaker, JourneyMap, Persona, Stage, TextItem, iter_items
from assistant.store import load_map

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"
ITEM_ID = re.compile(r"^[a-z]{1,6}-[0-9]{1,9}$")


@pytest.fixture
def journey() -> JourneyMap:
    return load_map(FIXTURES / "sarah-crm.en.json")


def highest(journey: JourneyMap, prefix: str) -> int:
    numbers = [
        int(item.id.split("-")[1])
        for item in iter_items(journey)
        if item.id.startswith(prefix + "-")
    ]
    return max(numbers, default=0)


def test_a_new_map_starts_at_one() -> None:
    ids = IdMaker(JourneyMap(id="m", title="t"))
    assert [ids.new("persona"), ids.new("persona"), ids.new("stage")] == ["per-1", "per-2", "st-1"]


@pytest.mark.parametrize("kind", sorted(PREFIX))
def test_every_kind_continues_after_the_highest_number(journey: JourneyMap, kind: str) -> None:
    prefix = PREFIX[kind]
    new_id = IdMaker(journey).new(kind)
    assert new_id == f"{prefix}-{highest(journey, prefix) + 1}"
    assert ITEM_ID.match(new_id)


def test_new_ids_never_collide_with_existing_ones(journey: JourneyMap) -> None:
    existing = {item.id for item in iter_items(journey)}
    ids = IdMaker(journey)
    fresh = [ids.new(kind) for kind in PREFIX for _ in range(3)]
    assert len(set(fresh)) == len(fresh)
    assert not existing & set(fresh)


def test_ids_are_deterministic(journey: JourneyMap) -> None:
    first = [IdMaker(journey).new(kind) for kind in PREFIX]
    second = [IdMaker(journey.model_copy(deep=True)).new(kind) for kind in PREFIX]
    assert first == second


def test_gaps_are_not_reused() -> None:
    """Removing an item never hands its id to the next one: old references stay wrong."""
    journey = JourneyMap(
        id="m", title="t", personas=[Persona(id="per-1", name="A"), Persona(id="per-7", name="B")]
    )
    assert IdMaker(journey).new("persona") == "per-8"


def test_forget_rescans_the_map() -> None:
    journey = JourneyMap(id="m", title="t")
    ids = IdMaker(journey)
    assert ids.new("stage") == "st-1"
    journey.stages = [Stage(id="st-5", name="Imported")]  # e.g. undo replaced the map content
    ids.forget()
    assert ids.new("stage") == "st-6"


def test_prefixes_do_not_shadow_each_other() -> None:
    """`pp-` (pain point) must not count `per-` or `pt-` ids, and so on."""
    assert len(set(PREFIX.values())) == len(PREFIX)
    journey = JourneyMap(id="m", title="t", personas=[Persona(id="per-9", name="A")])
    ids = IdMaker(journey)
    assert (ids.new("pain_point"), ids.new("participant")) == ("pp-1", "pt-1")


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.name)
def test_fixture_ids_are_unique_and_well_formed(fixture: Path) -> None:
    ids = [item.id for item in iter_items(load_map(fixture))]
    assert len(ids) == len(set(ids))
    assert all(ITEM_ID.match(item_id) for item_id in ids)


@pytest.mark.parametrize("bad", ["", "tp", "tp-", "TP-1", "tp-1a", "toolong-1", "tp-1234567890"])
def test_malformed_ids_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        TextItem(id=bad, text="x")
