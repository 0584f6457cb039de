"""Where the workshop stands: the step, the stage n of m, and how much is done."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from assistant.tui.chrome import Chrome

if TYPE_CHECKING:
    from assistant.interview.api import Progress


class ProgressHeader(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "progress-header--phase",
        "progress-header--stage",
        "progress-header--bar",
        "progress-header--bar-empty",
        "progress-header--percent",
    }

    DEFAULT_CSS = """
    ProgressHeader { height: 1; }
    """

    def __init__(self, chrome: Chrome, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chrome = chrome
        self._progress: Progress | None = None
        self._finished = False

    def show(self, progress: Progress | None, *, finished: bool = False) -> None:
        self._progress = progress
        self._finished = finished
        self.refresh()

    def render(self) -> RenderableType:
        style = self.get_component_rich_style
        left = Text(no_wrap=True, overflow="ellipsis")
        percent = 100 if self._finished else 0
        if self._progress is not None and not self._finished:
            progress = self._progress
            percent = progress.percent
            left.append(f" {progress.phase_label} ", style=style("progress-header--phase"))
            if progress.stage_index is not None:
                stage = self.chrome.t(
                    "interview.stage_of",
                    index=progress.stage_index,
                    count=progress.stage_count,
                    name=progress.stage_name or "",
                )
                left.append("  ")
                left.append(stage, style=style("progress-header--stage"))
        elif self._finished:
            left.append(
                f" {self.chrome.t('interview.finished')}", style=style("progress-header--stage")
            )
        bar_width = 10 if self.size.width < 100 else 20
        filled = round(bar_width * percent / 100)
        right = Text(no_wrap=True, justify="right")
        right.append("━" * filled, style=style("progress-header--bar"))
        right.append("━" * (bar_width - filled), style=style("progress-header--bar-empty"))
        right.append(" " + self.chrome.t("interview.percent", percent=percent) + " ")
        right.stylize(style("progress-header--percent"), bar_width)
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        grid.add_row(left, right)
        return grid
