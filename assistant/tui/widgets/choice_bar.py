"""The row of offered choices and suggestions under the transcript.

Keyboard: Tab into it, then a number key, or ←/→ and Enter. The screen decides whether a
pick is sent as the answer (a single choice) or added to the answer box (several).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from assistant.interview.api import Option


class ChoiceBar(Widget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,up", "move(-1)", show=False),
        Binding("right,down", "move(1)", show=False),
        Binding("enter,space", "pick", "Pick", id="journey.pick", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "choice-bar--title",
        "choice-bar--number",
        "choice-bar--chip",
        "choice-bar--cursor",
    }

    @dataclass
    class Picked(Message):
        """An option was chosen (by number, Enter or click)."""

        bar: ChoiceBar
        option: Option
        suggestion: bool

        @property
        def control(self) -> ChoiceBar:
            return self.bar

    cursor: reactive[int] = reactive(0)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._options: tuple[Option, ...] = ()
        self._suggestion = False
        self._title = ""
        self._spans: list[tuple[int, int, int]] = []  # (line, start, end) per option

    def set_options(self, options: tuple[Option, ...], *, suggestion: bool, title: str) -> None:
        self._options = options
        self._suggestion = suggestion
        self._title = title
        self.cursor = 0
        self.display = bool(options)
        self.refresh(layout=True)

    @property
    def options(self) -> tuple[Option, ...]:
        return self._options

    def action_move(self, step: int) -> None:
        if self._options:
            self.cursor = (self.cursor + step) % len(self._options)

    def action_pick(self) -> None:
        if self._options:
            self._pick(self._options[self.cursor])

    def _pick(self, option: Option) -> None:
        self.post_message(self.Picked(self, option, self._suggestion))

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            number = int(event.character)
            for index, option in enumerate(self._options):
                if option.number == number:
                    event.stop()
                    self.cursor = index
                    self._pick(option)
                    return

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for index, (line, start, end) in enumerate(self._spans):
            if offset.y == line and start <= offset.x < end:
                self.cursor = index
                self._pick(self._options[index])
                return

    def render(self) -> RenderableType:
        width = max(10, self.content_region.width or self.size.width or 80)
        title_style = self.get_component_rich_style("choice-bar--title")
        number_style = self.get_component_rich_style("choice-bar--number")
        chip_style = self.get_component_rich_style("choice-bar--chip")
        cursor_style = self.get_component_rich_style("choice-bar--cursor")
        text = Text(self._title, style=title_style, no_wrap=True, overflow="ellipsis")
        text.append("\n")
        line, column = 1, 0
        self._spans = []
        for index, option in enumerate(self._options):
            label = option.label if len(option.label) <= 40 else option.label[:39] + "…"
            chip = f" {option.number} {label} "
            size = len(chip) + 1
            if column and column + size > width:
                text.append("\n")
                line, column = line + 1, 0
            focused_here = self.has_focus and index == self.cursor
            style = cursor_style if focused_here else chip_style
            text.append(" ", style=style)
            text.append(
                str(option.number), style=style + number_style if not focused_here else style
            )
            text.append(f" {label} ", style=style)
            text.append(" ")
            self._spans.append((line, column, column + size - 1))
            column += size
        return text

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self._options:
            return 0
        lines, column = 1, 0
        for option in self._options:
            label = option.label if len(option.label) <= 40 else option.label[:39] + "…"
            size = len(f" {option.number} {label} ") + 1
            if column and column + size > width:
                lines, column = lines + 1, 0
            column += size
        return lines + 1

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
