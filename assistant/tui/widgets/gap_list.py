"""The gaps the checks find, each one a jump to where it is fixed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from assistant.analysis.checks import Finding


class GapList(OptionList):
    @dataclass
    class GapChosen(Message):
        finding: Finding

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._findings: list[Finding] = []

    def show(self, gaps: list[tuple[Finding, str, str]], empty: str) -> None:
        """(finding, message, hint) triples."""
        self.clear_options()
        self._findings = [finding for finding, _, _ in gaps]
        if not gaps:
            self.add_option(Option(Text(empty, style="dim"), disabled=True))
            return
        for index, (finding, message, hint) in enumerate(gaps):
            icon = (
                "✗"
                if finding.severity == "error"
                else "!"
                if finding.severity == "warning"
                else "i"
            )
            label = Text(f"{icon} ", style="bold yellow")
            label.append(message)
            if hint:
                label.append(f"  → {hint}", style="dim")
            self.add_option(Option(label, id=str(index)))

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.GapChosen(self._findings[int(event.option.id)]))
