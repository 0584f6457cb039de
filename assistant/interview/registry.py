"""Step handlers: how each question reads the map, offers choices and applies an answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.interview.context import Ctx, Outcome
from assistant.interview.flow import Step
from assistant.model import Origin


@dataclass(frozen=True)
class Choice:
    """An option to pick (by number or by one of its names)."""

    label: str
    value: str
    detail: str = ""
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """An item offered with a question, added only when picked."""

    text: str
    origin: Origin = "suggestion"
    detail: str = ""


def _nothing(ctx: Ctx, step: Step) -> list[Choice]:
    return []


def _no_suggestions(ctx: Ctx, step: Step) -> list[Suggestion]:
    return []


def _no_current(ctx: Ctx, step: Step) -> str | None:
    return None


def _no_values(ctx: Ctx, step: Step) -> dict[str, str]:
    return {}


@dataclass(frozen=True)
class Handler:
    apply: Callable[[Ctx, Step, str], Outcome]
    current: Callable[[Ctx, Step], str | None] = _no_current
    choices: Callable[[Ctx, Step], list[Choice]] = _nothing
    suggestions: Callable[[Ctx, Step], list[Suggestion]] = _no_suggestions
    values: Callable[[Ctx, Step], dict[str, str]] = _no_values
    skippable: Callable[[Ctx, Step], bool] = field(default=lambda ctx, step: True)
    empty_ok: bool = False  # Enter alone is an answer ("keep these", "all of them", "done")


HANDLERS: dict[str, Handler] = {}


def register(key: str, handler: Handler) -> None:
    if key in HANDLERS:
        raise RuntimeError(f"two handlers for {key}")
    HANDLERS[key] = handler
