"""The first words of a new interview, read straight from the prompt files.

The terminal UI shows them while the engine (and pydantic under it, ~0.4 s) loads on a
background thread, so a new workshop's first question is on screen about as fast as a bare
Textual app starts. The engine says the same words when it starts; the screen compares
them and shows the engine's own if they ever differ, and tests/test_opening.py keeps the
two equal for every language. Nothing here imports the model or the engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from assistant.paths import prompts_dir

FIRST_STEP = "setup.title"
"""The first question of a new map whose language is chosen and whose title is not."""

try:
    _LOADER: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _LOADER = yaml.SafeLoader


def opening_texts(language: str, root: Path | None = None) -> list[str] | None:
    """The welcome and the first question of a new map in `language`, or None when they
    cannot be known without the engine (a missing or unusual prompt file: the UI then
    simply waits for the engine)."""
    folder = (root or prompts_dir()) / language
    try:
        welcome = _entry(folder / "messages.yaml", "welcome")
        question = _entry(folder / "questions.yaml", FIRST_STEP)
        texts = [welcome, question["text"]]
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError):
        return None
    # A placeholder would need the engine's values to fill it.
    if not all(isinstance(text, str) and text.strip() and "{" not in text for text in texts):
        return None
    return [text.strip() for text in texts]


def _entry(path: Path, key: str) -> Any:
    """One top-level entry of a prompt file. Only its own lines are parsed when they can
    be told apart (a block-style mapping, as the prompt files are written): the whole
    file takes ~10 ms, a tenth of the first frame's budget."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith((f"{key}:", f'"{key}":'))]
    if len(starts) == 1:
        end = starts[0] + 1
        while end < len(lines) and (lines[end][:1] in (" ", "\t", "\n", "\r", "#", "")):
            end += 1
        block = yaml.load("".join(lines[starts[0] : end]), Loader=_LOADER)  # noqa: S506
        if isinstance(block, dict) and key in block:
            return block[key]
    return yaml.load(text, Loader=_LOADER)[key]  # noqa: S506 (a safe loader)
