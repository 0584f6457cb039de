"""What the interview engine hands to its front ends (TUI, plain chat, scripted runs).

Front ends show `Question`s, send the typed text to `Interview.answer()`, and render the
`Reply`. They hold no interview rule of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from assistant.interview.prompts import AnswerKind

Role = Literal["assistant", "user", "system"]
Tone = Literal["info", "echo", "warning", "error", "success"]
Action = Literal["none", "quit", "export", "saved", "help", "summary"]


@dataclass(frozen=True)
class Option:
    """A selectable answer: an offered choice or a suggestion. `number` is what to type."""

    number: int
    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Progress:
    phase: str  # "setup" | "personas" | "stages" | "stage" | "opportunities" | "votes" | ...
    phase_label: str  # in the interview's language
    stage_index: int | None  # 1-based, while inside a stage
    stage_count: int
    stage_name: str | None
    percent: int  # 0..100


@dataclass(frozen=True)
class Question:
    key: str  # e.g. "stage.touchpoints"; stable, for styling and tests
    text: str  # Markdown, already filled with the persona/stage/touchpoint names
    help: str  # Markdown
    examples: tuple[str, ...]
    kind: AnswerKind
    multiline: bool  # lists: the input should accept several lines
    optional: bool
    options: tuple[Option, ...]  # choices to pick by number (choice/multi/votes)
    suggestions: tuple[Option, ...]  # suggestions, added only when picked
    current: str | None  # the value already in the map (when going back or editing)
    progress: Progress
    item_id: str | None = None  # the item this question is about, if any


@dataclass(frozen=True)
class Message:
    role: Role
    text: str  # Markdown for the assistant, plain text for the user
    tone: Tone = "info"
    by: str | None = None  # participant name for user answers in facilitated mode


@dataclass
class Reply:
    """The outcome of one answer or command."""

    messages: list[Message] = field(default_factory=list)
    question: Question | None = None  # the next question; None when the interview is over
    accepted: bool = False  # the answer changed the map (and was saved)
    changed_ids: list[str] = field(default_factory=list)  # items added or changed: highlight
    action: Action = "none"
    saved: bool = False
    save_error: str | None = None  # the map could not be written: say so, keep going
