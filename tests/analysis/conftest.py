"""Shared helpers for the analysis tests: fixture maps copied under tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.model import JourneyMap
from assistant.store import load_map

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "fixtures"
FEEDBACK = Path(__file__).resolve().parent.parent / "data" / "feedback"
SARAH = FIXTURES / "sarah-crm.en.json"
BANQUE = FIXTURES / "banque-ouverture-compte.fr.json"
BLUEPRINT = FIXTURES / "blueprint-branch-visit.en.json"


@pytest.fixture
def sarah() -> JourneyMap:
    return load_map(SARAH)


@pytest.fixture
def banque() -> JourneyMap:
    return load_map(BANQUE)


@pytest.fixture
def blueprint() -> JourneyMap:
    return load_map(BLUEPRINT)


@pytest.fixture
def sarah_path(tmp_path: Path) -> Path:
    target = tmp_path / "sarah.json"
    shutil.copyfile(SARAH, target)
    return target
