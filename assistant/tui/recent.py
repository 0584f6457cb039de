"""Recently opened maps, remembered in the user data dir (never in the project folder).

One small JSON file: path, title, when it was last opened and how far the interview got,
plus the unsent text of the answer box, so a closed window never loses a half-typed answer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.paths import user_data_dir

MAX_RECENT = 12
FILE_NAME = "recent.json"


@dataclass(frozen=True)
class RecentMap:
    path: str
    title: str
    opened: str  # ISO date-time, local time
    percent: int = 0
    language: str = "en"
    draft: str = ""

    @property
    def date(self) -> str:
        return self.opened[:10]


def recent_file() -> Path:
    return user_data_dir() / FILE_NAME


def load_recent() -> list[RecentMap]:
    """The remembered maps, newest first; a damaged file counts as an empty list."""
    try:
        data = json.loads(recent_file().read_text(encoding="utf-8"))
        entries = [RecentMap(**entry) for entry in data.get("maps", [])]
    except (OSError, ValueError, TypeError, AttributeError):
        return []
    return entries


def existing_recent() -> list[RecentMap]:
    return [entry for entry in load_recent() if Path(entry.path).is_file()]


def _save(entries: list[RecentMap]) -> None:
    from assistant.store import write_atomic  # the store's atomic write, lazily

    path = recent_file()
    with contextlib.suppress(OSError):  # a read-only home must not stop a workshop
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"maps": [asdict(entry) for entry in entries[:MAX_RECENT]]}
        write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode())


def _key(path: Path | str) -> str:
    return str(Path(path).expanduser().resolve())


def remember(
    path: Path,
    *,
    title: str,
    percent: int,
    language: str,
    draft: str | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Put `path` first in the list (updating its title, progress and draft)."""
    key = _key(path)
    entries = load_recent()
    previous = next((entry for entry in entries if entry.path == key), None)
    kept_draft = previous.draft if previous and draft is None else (draft or "")
    stamp = (now or dt.datetime.now()).replace(microsecond=0).isoformat()
    entry = RecentMap(key, title, stamp, percent, language, kept_draft)
    _save([entry, *(other for other in entries if other.path != key)])


def draft_for(path: Path) -> str:
    key = _key(path)
    return next((entry.draft for entry in load_recent() if entry.path == key), "")


def forget(path: Path) -> None:
    key = _key(path)
    _save([entry for entry in load_recent() if entry.path != key])
