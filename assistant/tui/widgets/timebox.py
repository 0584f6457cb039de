"""An optional timebox per step: a visible countdown and a gentle notice at zero.

It never moves the workshop on by itself: at zero it posts `Expired` once and keeps
counting the overrun, so the facilitator decides when the room is ready.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message
from textual.widgets import Static


class Timebox(Static):
    class Expired(Message):
        """The step's time is up (posted once per step)."""

    def __init__(self, clock: Callable[[], float], *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._clock = clock
        self.limit = 0  # seconds; 0 is off
        self._started = 0.0
        self._expired = False
        self.display = False

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick)

    def set_limit(self, seconds: int) -> None:
        self.limit = seconds
        self.display = seconds > 0
        self.restart()

    def restart(self) -> None:
        self._started = self._clock()
        self._expired = False
        self.remove_class("-over")
        self.tick()

    @property
    def remaining(self) -> float:
        return self.limit - (self._clock() - self._started)

    def tick(self) -> None:
        if not self.limit:
            return
        left = self.remaining
        if left <= 0 and not self._expired:
            self._expired = True
            self.add_class("-over")
            self.post_message(self.Expired())
        seconds = int(abs(left))
        sign = "+" if left < 0 else ""
        self.update(f"⏱ {sign}{seconds // 60:02d}:{seconds % 60:02d}")
