"""A side panel listing short items: the parking lot or the notes."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class ItemPanel(VerticalScroll):
    def __init__(self, title: str, empty: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title
        self._empty = empty
        self._body = Static(Text(empty), classes="panel-body")

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, items: Sequence[tuple[str, str | None]]) -> None:
        """(text, who) pairs, oldest first."""
        if not items:
            self._body.update(Text(self._empty, style="dim"))
            return
        text = Text()
        for number, (item, who) in enumerate(items, start=1):
            text.append(f"{number}. ", style="bold")
            text.append(item)
            if who:
                text.append(f" — {who}", style="dim")
            text.append("\n")
        text.rstrip()
        self._body.update(text)
