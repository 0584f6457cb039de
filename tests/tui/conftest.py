"""TUI test settings: one terminal size constant, no cursor blink, a frozen clock."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.tui.app import JourneyApp, TuiConfig, create_app
from assistant.tui.session import Session

SMALL = (80, 24)
LARGE = (160, 48)
SIZE = (120, 36)
FROZEN = 1000.0


def test_config(**overrides: object) -> TuiConfig:
    values: dict[str, object] = {
        "cursor_blink": False,
        "clock": lambda: FROZEN,
        "remember_recent": False,
    }
    values.update(overrides)
    return TuiConfig(**values)  # type: ignore[arg-type]


def make_app(session: Session | None = None, **overrides: object) -> JourneyApp:
    return create_app(test_config(**overrides), session=session)


@pytest.fixture
def map_copy(tmp_path: Path, fixture_map_path: Path) -> Path:
    target = tmp_path / "sarah.json"
    shutil.copy(fixture_map_path, target)
    return target
