"""The ranking and the dot votes: counts shown, order updating as dots land.

Votes are cast in the interview's vote step (one participant at a time); this board
collects one participant's dots with + and - and sends them to the engine on Enter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from assistant.model import JourneyMap
from assistant.tui.chrome import Chrome


@dataclass(frozen=True)
class Voter:
    participant_id: str
    name: str
    budget: int


class VoteBoard(Widget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", show=False),
        Binding("down,j", "move(1)", show=False),
        Binding("plus,equals_sign,right,space", "vote(1)", "Add vote", id="journey.vote_add"),
        Binding("minus,left,backspace", "vote(-1)", "Remove vote", id="journey.vote_remove"),
        Binding("enter", "submit", "Send votes", id="journey.submit"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "vote-board--cursor",
        "vote-board--dot",
        "vote-board--pending",
        "vote-board--muted",
    }

    DEFAULT_CSS = """
    VoteBoard { height: 1fr; }
    """

    @dataclass
    class VotesCast(Message):
        """A voter's dots: opportunity number (1-based, map order) -> dots."""

        board: VoteBoard
        voter: Voter
        dots: dict[int, int]

    @dataclass
    class Highlighted(Message):
        board: VoteBoard
        opportunity_id: str | None

    cursor: reactive[int] = reactive(0)

    def __init__(self, chrome: Chrome, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chrome = chrome
        self.border_title = chrome.t("opportunities.ranking")
        self._journey: JourneyMap | None = None
        self._voter: Voter | None = None
        self.pending: dict[int, int] = {}  # number -> dots for the current voter
        self._order: list[int] = []  # numbers in ranking order
        self._cursor_number: int | None = None

    def show(self, journey: JourneyMap, voter: Voter | None) -> None:
        self._journey = journey
        if voter != self._voter:
            self._voter = voter
            self.pending = {}
            if voter is not None:
                for number, opp in enumerate(journey.opportunities, start=1):
                    dots = opp.votes.get(voter.participant_id, 0)
                    if dots:
                        self.pending[number] = dots
        self._rank()
        self.refresh()

    @property
    def voter(self) -> Voter | None:
        return self._voter

    def _totals(self) -> dict[int, int]:
        journey = self._journey
        totals: dict[int, int] = {}
        if journey is None:
            return totals
        voter_id = self._voter.participant_id if self._voter else None
        for number, opp in enumerate(journey.opportunities, start=1):
            if voter_id is None:
                totals[number] = opp.total_votes
                continue
            others = sum(v for k, v in opp.votes.items() if k != voter_id)
            totals[number] = others + self.pending.get(number, 0)
        return totals

    def _rank(self) -> None:
        journey = self._journey
        if journey is None:
            self._order = []
            return
        totals = self._totals()

        def key(number: int) -> tuple[int, int, float, int]:
            opp = journey.opportunities[number - 1]
            rated = opp.impact is not None and opp.effort is not None
            ratio = (opp.impact or 0) / (opp.effort or 1) if rated else -1.0
            return (-totals[number], 0 if rated else 1, -ratio, number)

        self._order = sorted(range(1, len(journey.opportunities) + 1), key=key)
        if self._cursor_number in self._order:
            self.cursor = self._order.index(self._cursor_number)
        else:
            self.cursor = min(self.cursor, max(0, len(self._order) - 1))

    def watch_cursor(self) -> None:
        self._cursor_number = self._order[self.cursor] if self._order else None
        opp_id = None
        if self._journey is not None and self._cursor_number is not None:
            opp_id = self._journey.opportunities[self._cursor_number - 1].id
        self.post_message(self.Highlighted(self, opp_id))

    @property
    def left(self) -> int:
        if self._voter is None:
            return 0
        return self._voter.budget - sum(self.pending.values())

    def action_move(self, step: int) -> None:
        if self._order:
            self.cursor = (self.cursor + step) % len(self._order)

    def action_vote(self, step: int) -> None:
        if self._voter is None or not self._order:
            return
        number = self._order[self.cursor]
        if step > 0 and self.left <= 0:
            self.notify(
                self.chrome.t("opportunities.no_votes_left", name=self._voter.name), timeout=2
            )
            return
        dots = max(0, self.pending.get(number, 0) + step)
        if dots:
            self.pending[number] = dots
        else:
            self.pending.pop(number, None)
        self._rank()
        self.refresh()

    def action_submit(self) -> None:
        if self._voter is not None:
            self.post_message(self.VotesCast(self, self._voter, dict(self.pending)))

    def render(self) -> RenderableType:
        t = self.chrome.t
        style = self.get_component_rich_style
        journey = self._journey
        text = Text()
        if self._voter is not None:
            text.append(
                t(
                    "opportunities.voter",
                    name=self._voter.name,
                    left=self.left,
                    total=self._voter.budget,
                ),
                style="bold",
            )
            text.append("\n")
            text.append("●" * self.left, style=style("vote-board--pending"))
            text.append("○" * (self._voter.budget - self.left), style=style("vote-board--muted"))
            text.append("\n\n")
        if journey is None or not journey.opportunities:
            text.append(t("opportunities.empty"), style=style("vote-board--muted"))
            return text
        totals = self._totals()
        width = max(20, self.content_region.width)
        for rank, number in enumerate(self._order, start=1):
            opp = journey.opportunities[number - 1]
            mine = self.pending.get(number, 0) if self._voter else 0
            line = Text(f"{rank:>2}. ", style="bold")
            line.append(f"#{number:<2} ", style=style("vote-board--muted"))
            line.append("●" * (totals[number] - mine), style=style("vote-board--dot"))
            line.append("●" * mine, style=style("vote-board--pending"))
            line.append(f" {totals[number]} ", style="bold")
            line.append(opp.text)
            line.truncate(width, overflow="ellipsis")
            if self.has_focus and rank - 1 == self.cursor:
                line.stylize(style("vote-board--cursor"))
                line.pad_right(width - len(line))
            text.append_text(line)
            text.append("\n")
        return text

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
