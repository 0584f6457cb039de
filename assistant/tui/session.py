"""The one engine a TUI session talks to, plus what the UI shows about it (saved when).

No textual here and no interview rule: every answer and command goes to the engine as
text, and its `Reply` is handed to the widgets to render.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from assistant.tui.chrome import Chrome

if TYPE_CHECKING:
    from assistant.interview.api import Message, Question, Reply
    from assistant.model import JourneyMap, Language, MapType


class Engine(Protocol):
    """What the TUI needs from `assistant.interview.Interview` (tests may pass a stand-in)."""

    journey: JourneyMap
    transcript: list[Message]
    path: Path | None

    @property
    def question(self) -> Question | None: ...

    @property
    def finished(self) -> bool: ...

    def start(self) -> Reply: ...

    def answer(self, text: str) -> Reply: ...

    def edit_item(self, item_id: str, field: str, value: str) -> Reply: ...

    def save(self) -> Reply: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class NewWorkshop:
    """What the welcome screen or `journey new` asks for; None leaves it to the interview."""

    path: Path | None
    language: Language | None = None
    title: str | None = None
    map_type: MapType | None = None
    template: str | None = None
    mode: str | None = None


@dataclass(frozen=True)
class Starting:
    """A new workshop whose engine is still loading, and the words to show meanwhile
    (`assistant.opening`): the welcome and the first question."""

    request: NewWorkshop
    language: str
    texts: tuple[str, ...]


def quick_start(request: NewWorkshop) -> Starting | None:
    """A Starting when the first words of `request` are known without the engine: a new
    map in a chosen language, without a title, at a path that is free. Otherwise None
    (the caller creates the session first, as it always could)."""
    from assistant.opening import opening_texts

    path = request.path
    if request.language is None or request.title is not None or path is None:
        return None
    if path.exists() or path.with_name(path.name + ".wal").exists():
        return None  # the engine refuses these with its own message
    texts = opening_texts(request.language)
    return None if texts is None else Starting(request, request.language, tuple(texts))


@dataclass
class Session:
    engine: Engine
    clock: Callable[[], float] = time.monotonic
    remember_recent: bool = True
    last_saved: float | None = None
    save_error: str | None = None
    answers: int = 0
    _closed: bool = field(default=False, repr=False)

    @property
    def journey(self) -> JourneyMap:
        return self.engine.journey

    @property
    def language(self) -> str:
        return self.engine.journey.language

    @property
    def path(self) -> Path | None:
        return self.engine.path

    def start(self) -> Reply:
        reply = self.engine.start()
        self._after(reply)
        if self.last_saved is None and self.path is not None and self.path.exists():
            self.last_saved = self.clock()
        self.remember()
        return reply

    def send(self, text: str) -> Reply:
        reply = self.engine.answer(text)
        self._after(reply)
        return reply

    def edit(self, item_id: str, field_name: str, value: str) -> Reply:
        reply = self.engine.edit_item(item_id, field_name, value)
        self._after(reply)
        return reply

    def save(self) -> Reply:
        reply = self.engine.save()
        self._after(reply)
        return reply

    def _after(self, reply: Reply) -> None:
        if reply.accepted:
            self.answers += 1
        if reply.save_error:
            self.save_error = reply.save_error
        elif reply.saved or reply.accepted:
            self.save_error = None
            self.last_saved = self.clock()

    @property
    def unsaved(self) -> bool:
        return self.save_error is not None

    def saved_label(self, chrome: Chrome) -> str:
        if self.save_error:
            return chrome.t("app.save_failed", error=self.save_error)
        if self.last_saved is None:
            return chrome.t("app.saved_never")
        seconds = int(self.clock() - self.last_saved)
        if seconds < 2:
            return chrome.t("app.saved_now")
        if seconds < 120:
            return chrome.t("app.saved_ago", seconds=seconds)
        return chrome.t("app.saved_min_ago", minutes=seconds // 60)

    def percent(self) -> int:
        question = self.engine.question
        if question is None:
            return 100
        return question.progress.percent

    def remember(self, draft: str | None = None) -> None:
        if not self.remember_recent or self.path is None:
            return
        from assistant.tui.recent import remember

        remember(
            self.path,
            title=self.journey.title,
            percent=self.percent(),
            language=self.language,
            draft=draft,
        )

    def draft(self) -> str:
        if not self.remember_recent or self.path is None:
            return ""
        from assistant.tui.recent import draft_for

        return draft_for(self.path)

    def close(self, draft: str | None = None) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self.remember(draft=draft)
        finally:
            self.engine.close()


def open_session(path: Path, *, clock: Callable[[], float] = time.monotonic) -> Session:
    """Resume the map at `path` (InterviewError / MapFileError when it cannot)."""
    from assistant.interview import Interview

    return Session(Interview.open(path), clock=clock)


def new_session(request: NewWorkshop, *, clock: Callable[[], float] = time.monotonic) -> Session:
    from assistant.interview import Interview

    engine = Interview.create(
        path=request.path,
        language=request.language,
        title=request.title,
        map_type=request.map_type,
        template=request.template,
        mode=request.mode,
    )
    return Session(engine, clock=clock)


def slug(title: str) -> str:
    """A file name from a title: lower case ASCII words joined by dashes."""
    import unicodedata

    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_title.lower()).split()
    return "-".join(words)[:60] or "journey-map"


def default_map_path(title: str) -> Path:
    """A fresh path under the default maps folder (never overwrites an existing map)."""
    from assistant.paths import default_maps_dir

    folder = default_maps_dir()
    base = slug(title)
    candidate = folder / f"{base}.json"
    number = 2
    while candidate.exists():
        candidate = folder / f"{base}-{number}.json"
        number += 1
    return candidate
