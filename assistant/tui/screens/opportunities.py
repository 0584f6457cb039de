"""Opportunities: the impact/effort matrix, the ranking and, in a room, dot voting."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from assistant.tui.bindings import localize_bindings
from assistant.tui.chrome import load_chrome
from assistant.tui.widgets.impact_matrix import ImpactMatrix
from assistant.tui.widgets.vote_board import VoteBoard, Voter

if TYPE_CHECKING:
    from assistant.tui.app import JourneyApp
    from assistant.tui.session import Session

VOTE_STEP = "votes.participant"
DEFAULT_BUDGET = 3


def dots_answer(dots: dict[int, int]) -> str:
    """The vote answer the interview understands: `1x2, 3`."""
    return ", ".join(f"{n}x{k}" if k > 1 else str(n) for n, k in sorted(dots.items()) if k)


class OpportunitiesScreen(Screen[None]):
    CSS_PATH = "opportunities.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f4", "back", "Interview", id="journey.interview"),
        Binding("f3", "review", "Review", id="journey.review"),
        Binding("f5", "export", "Export", id="journey.export"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.chrome = load_chrome(session.language)
        localize_bindings(self, self.chrome)

    @property
    def journey_app(self) -> JourneyApp:
        return cast("JourneyApp", self.app)

    def compose(self) -> ComposeResult:
        t = self.chrome.t
        yield Static(
            f"{t('opportunities.title')} · {self.session.journey.title}", classes="screen-title"
        )
        yield Static("", id="opp-hint", classes="screen-hint")
        with Horizontal(id="opp-body"):
            yield ImpactMatrix(self.chrome, id="matrix")
            yield VoteBoard(self.chrome, id="votes")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_all()
        self.query_one(VoteBoard).focus()

    def _voter(self) -> Voter | None:
        question = self.session.engine.question
        if question is None or question.key != VOTE_STEP or question.item_id is None:
            return None
        journey = self.session.journey
        name = journey.participant_name(question.item_id) or question.item_id
        try:  # the budget the engine enforces
            from assistant.interview.steps_wrapup import DOTS_PER_PARTICIPANT as budget
        except ImportError:
            budget = DEFAULT_BUDGET
        return Voter(question.item_id, name, budget)

    def refresh_all(self) -> None:
        journey = self.session.journey
        voter = self._voter()
        self.query_one(VoteBoard).show(journey, voter)
        self.query_one(ImpactMatrix).show(journey)
        t = self.chrome.t
        hint = self.query_one("#opp-hint", Static)
        if voter is not None:
            hint.update(t("opportunities.voting_heading") + " · ↑↓  + −  ⏎")
        elif journey.workshop.mode == "solo":
            hint.update(t("opportunities.solo_hint"))
        else:
            hint.update(t("opportunities.voter_none") if not journey.workshop.participants else "")

    @on(VoteBoard.Highlighted)
    def highlighted(self, event: VoteBoard.Highlighted) -> None:
        self.query_one(ImpactMatrix).show(self.session.journey, event.opportunity_id)

    @on(VoteBoard.VotesCast)
    def votes_cast(self, event: VoteBoard.VotesCast) -> None:
        answer = dots_answer(event.dots) or "/skip"
        reply = self.session.send(answer)
        if reply.accepted:
            self.notify(self.chrome.t("opportunities.vote_saved", name=event.voter.name), timeout=2)
        else:
            problem = " ".join(m.text for m in reply.messages if m.tone in ("error", "warning"))
            if problem:
                self.notify(problem, severity="warning")
        self.refresh_all()

    def action_back(self) -> None:
        self.dismiss()

    def action_review(self) -> None:
        self.dismiss()
        self.journey_app.show_review()

    def action_export(self) -> None:
        self.journey_app.show_export()
