"""'saved 2 s ago': reassurance that every answer is on disk."""

from __future__ import annotations

from collections.abc import Callable

from textual.reactive import reactive
from textual.widgets import Static


class SaveIndicator(Static):
    """Shows `label()`; refreshed every second and after every answer."""

    failed: reactive[bool] = reactive(False)

    def __init__(self, label: Callable[[], str], *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._label = label

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        text = self._label()
        if text != str(self.content):
            self.update(text)

    def watch_failed(self, failed: bool) -> None:
        self.set_class(failed, "-failed")
