"""`make stress` variants of the property tests: the same properties, 10,000 examples each.

tests/interview/test_engine_properties.py (random answer and command sequences through the
engine, the map reloaded after every step) and tests/export/test_export_property.py (random
text in every field of random maps, through the Markdown, Mermaid and HTML exporters) take
their example counts from the Hypothesis profile; `make pytest` skips `slow` tests and
`make stress` runs only them, so without these wrappers the properties would never run at
10,000 examples. Each wrapper calls the original property with the stress profile's
settings, whatever profile the session loaded.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS / "export"))
sys.path.insert(0, str(TESTS / "interview"))

import test_engine_properties as engine  # noqa: E402
import test_export_property as exporters  # noqa: E402

STRESS = settings.get_profile("stress")
EXAMPLES = 10_000

pytestmark = pytest.mark.slow


def _with_stress_profile(test: Callable[..., None], **kwargs: Any) -> None:
    """Run a @given test with the stress profile (10,000 examples) without changing the
    original function's own settings for other runs."""
    assert STRESS.max_examples >= EXAMPLES
    inner = test.hypothesis.inner_test  # type: ignore[attr-defined]
    strategies = test.hypothesis._given_kwargs  # type: ignore[attr-defined]
    calls = 0

    @functools.wraps(inner)
    def counted(*args: Any, **kw: Any) -> None:
        nonlocal calls
        calls += 1
        inner(*args, **kw)

    given(**strategies)(settings(STRESS)(counted))(**kwargs)
    print(f"\n{test.__name__}: {calls} examples")
    assert calls >= EXAMPLES


def test_engine_any_answers_10000(tmp_path_factory: pytest.TempPathFactory) -> None:
    _with_stress_profile(
        engine.test_any_answers_and_commands_never_crash_and_the_map_always_loads,
        tmp_path_factory=tmp_path_factory,
    )


def test_engine_facilitated_10000(tmp_path_factory: pytest.TempPathFactory) -> None:
    _with_stress_profile(
        engine.test_a_facilitated_workshop_survives_any_input, tmp_path_factory=tmp_path_factory
    )


def test_exporters_markdown_10000() -> None:
    _with_stress_profile(exporters.test_markdown_survives_any_text)


def test_exporters_html_10000() -> None:
    _with_stress_profile(exporters.test_html_escapes_every_user_string)
