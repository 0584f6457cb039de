"""What the screens look like, at 80x24 and on a projector (160x48).

Deterministic: a fixed map (a copy of the Sarah fixture), a frozen clock, no cursor blink,
no recent files, no paths on screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from assistant.tui.session import Session, open_session
from tests.tui.conftest import LARGE, SMALL, make_app

SIZES = [pytest.param(SMALL, id="80x24"), pytest.param(LARGE, id="160x48")]


@pytest.fixture
def session(map_copy: Path) -> Iterator[Session]:
    opened = open_session(map_copy)
    yield opened
    opened.close()


@pytest.mark.parametrize("size", SIZES)
def test_welcome(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_interview_with_preview(snap_compare: Any, session: Session, size: tuple[int, int]) -> None:
    async def show_map_when_narrow(pilot: Pilot[int]) -> None:
        await pilot.pause()
        if pilot.app.size.width < 110:
            await pilot.press("f2")  # the preview is a panel on a small terminal
        await pilot.pause()

    assert snap_compare(make_app(session), terminal_size=size, run_before=show_map_when_narrow)


def test_interview_narrow_chat(snap_compare: Any, session: Session) -> None:
    assert snap_compare(make_app(session), terminal_size=SMALL)


@pytest.mark.parametrize("size", SIZES)
def test_review(snap_compare: Any, session: Session, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(session), terminal_size=size, press=["f3"])


@pytest.mark.parametrize("size", SIZES)
def test_opportunities(snap_compare: Any, session: Session, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(session), terminal_size=size, press=["f4"])
