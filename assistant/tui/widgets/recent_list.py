"""The recently opened maps on the welcome screen: title, date and progress."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assistant.tui.chrome import Chrome
from assistant.tui.recent import RecentMap


class RecentList(OptionList):
    @dataclass
    class MapChosen(Message):
        path: Path

    def __init__(self, chrome: Chrome, entries: list[RecentMap], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chrome = chrome
        self.entries = entries
        for index, entry in enumerate(entries):
            label = Text(entry.title, style="bold")
            label.append("\n")
            label.append(
                chrome.t(
                    "welcome.recent_item", title="", date=entry.date, percent=entry.percent
                ).lstrip(" ·"),
                style="dim",
            )
            self.add_option(Option(label, id=str(index)))

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = int(event.option.id or 0)
        self.post_message(self.MapChosen(Path(self.entries[index].path)))
