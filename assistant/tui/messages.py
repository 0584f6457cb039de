"""Messages shared across screens (widget messages live nested in their widget)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class SlashCommandChosen(Message):
    """A slash command was picked in the command palette: `/park` or `/back`."""

    command: str
    takes_argument: bool
