"""The interview engine (public surface; implementation in progress)."""

from __future__ import annotations

from pathlib import Path

from assistant.interview.api import Message, Question, Reply
from assistant.model import JourneyMap, Language, MapType


class InterviewError(Exception):
    """The interview cannot start (bad prompts, locked or unreadable map). One line."""


class Interview:
    """One workshop's interview over one map. Every accepted answer is saved at once."""

    journey: JourneyMap
    transcript: list[Message]
    path: Path | None

    @classmethod
    def create(
        cls,
        *,
        path: Path | None,
        language: Language | None = None,
        title: str | None = None,
        map_type: MapType | None = None,
        template: str | None = None,
        mode: str | None = None,
    ) -> Interview:
        """A new map. Given values skip their setup questions; language None asks for it."""
        raise NotImplementedError

    @classmethod
    def open(cls, path: Path) -> Interview:
        """Resume a map at its saved question, transcript restored (MapFileError if broken)."""
        raise NotImplementedError

    @property
    def question(self) -> Question | None:
        raise NotImplementedError

    @property
    def finished(self) -> bool:
        raise NotImplementedError

    def start(self) -> Reply:
        raise NotImplementedError

    def answer(self, text: str) -> Reply:
        """Typed text or a slash command. Never raises on user input."""
        raise NotImplementedError

    def edit_item(self, item_id: str, field: str, value: str) -> Reply:
        """Change one field of one item (review grid): validated, saved, echoed."""
        raise NotImplementedError

    def save(self) -> Reply:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Interview:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
