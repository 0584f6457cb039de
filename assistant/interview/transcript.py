"""The conversation beside the map: NAME.transcript.jsonl, one message a line.

Append-only, so a kill can at worst cut the last line, which loading skips. The map file
(saved first, atomically) is the source of truth; the transcript is for people.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TextIO

from assistant.interview.api import Message


def transcript_path(map_path: Path) -> Path:
    return map_path.with_name(map_path.stem + ".transcript.jsonl")


def load_transcript(path: Path) -> list[Message]:
    messages: list[Message] = []
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return messages
    for line in lines:
        try:
            data = json.loads(line)
            messages.append(
                Message(
                    role=data["role"],
                    text=str(data["text"]),
                    tone=data.get("tone", "info"),
                    by=data.get("by"),
                )
            )
        except (ValueError, KeyError, TypeError):
            continue  # a line cut by a crash, or edited by hand
    return messages


class TranscriptWriter:
    """Appends lines to the transcript; the file stays open for the session (opening it
    for every answer cost more than the rest of the save)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._handle: TextIO | None = None

    def append(self, messages: list[Message]) -> None:
        if self.path is None or not messages:
            return
        lines = "".join(
            json.dumps(
                {"role": m.role, "text": m.text, "tone": m.tone, "by": m.by}, ensure_ascii=False
            )
            + "\n"
            for m in messages
        )
        try:
            if self._handle is None:
                # O_NOFOLLOW, as for the map's other files: a symlink planted in place of
                # the transcript is refused, never appended through.
                flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                self._handle = os.fdopen(os.open(self.path, flags, 0o666), "a", encoding="utf-8")
            self._handle.write(lines)
            self._handle.flush()  # in the OS's hands: survives the process being killed
        except OSError:
            self.close()

    def rewrite(self, messages: list[Message]) -> None:
        if self.path is None:
            return
        self.close()
        with contextlib.suppress(OSError):
            self.path.unlink()
        self.append(messages)

    def close(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
            self._handle = None
