"""Fixtures shared by the kill tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from kill_harness import EPOCH, Zygote, zygote_env, zygote_session


@pytest.fixture
def zygote(monkeypatch: pytest.MonkeyPatch) -> Iterator[Zygote]:
    """A pre-imported `journey` to fork children from (closed after the test)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    yield from zygote_session(zygote_env())
