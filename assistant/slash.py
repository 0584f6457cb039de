"""The interview's slash commands by name, in the order help lists them.

The engine runs them (assistant/interview/commands.py); the TUI's palette and help screen
list them. One list for both, in a module of its own so the TUI reads it without loading
the engine before its first frame.
"""

from __future__ import annotations

COMMANDS: tuple[str, ...] = (
    "help",
    "back",
    "skip",
    "undo",
    "edit",
    "summary",
    "suggest",
    "park",
    "note",
    "as",
    "save",
    "export",
    "quit",
)

TAKES_ARGUMENT: frozenset[str] = frozenset({"edit", "park", "note", "as"})
"""The commands the palette puts in the answer box to be completed, rather than sends."""
