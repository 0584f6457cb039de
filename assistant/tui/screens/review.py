"""Review: the whole map as an editable grid, and the gaps still to fill."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from assistant.tui.bindings import localize_bindings
from assistant.tui.chrome import load_chrome
from assistant.tui.widgets.gap_list import GapList
from assistant.tui.widgets.review_grid import Cell, ReviewGrid

if TYPE_CHECKING:
    from assistant.tui.app import JourneyApp
    from assistant.tui.session import Session


class ReviewScreen(Screen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f3", "back", "Interview", id="journey.interview"),
        Binding("f4", "opportunities", "Opportunities", id="journey.opportunities"),
        Binding("f5", "export", "Export", id="journey.export"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.chrome = load_chrome(session.language)
        localize_bindings(self, self.chrome)
        self._editing: Cell | None = None

    @property
    def journey_app(self) -> JourneyApp:
        return cast("JourneyApp", self.app)

    def compose(self) -> ComposeResult:
        t = self.chrome.t
        yield Static(f"{t('review.title')} · {self.session.journey.title}", classes="screen-title")
        yield Static(t("review.hint"), classes="screen-hint")
        yield ReviewGrid(self.chrome, id="grid")
        with Vertical(id="edit-bar"):
            yield Static("", id="edit-where")
            yield Input(id="edit-input")
            yield Static("", id="edit-error")
        gaps = GapList(id="gaps")
        gaps.border_title = t("review.gaps")
        yield gaps
        yield Footer()

    def on_mount(self) -> None:
        self.journey_app.settle(self)
        self.refresh_all()
        self.query_one(ReviewGrid).focus()

    def refresh_all(self) -> None:
        journey = self.session.journey
        self.query_one(ReviewGrid).show(journey)
        gaps = self.query_one(GapList)
        try:
            from assistant.analysis.checks import describe, find_gaps
        except ImportError:
            gaps.show([], self.chrome.t("review.gaps_unavailable"))
            return
        found = []
        for finding in find_gaps(journey):
            try:
                message, hint = describe(finding, self.session.language)
            except LookupError:
                message, hint = finding.code, ""
            found.append((finding, message, hint))
        gaps.show(found, self.chrome.t("review.no_gaps"))

    # -- editing in place -----------------------------------------------------------------

    @on(ReviewGrid.EditRequested)
    def edit_requested(self, event: ReviewGrid.EditRequested) -> None:
        cell = event.cell
        if cell is None:
            self.notify(self.chrome.t("review.not_editable"), severity="warning", timeout=3)
            return
        self._editing = cell
        self.query_one("#edit-where", Static).update(
            self.chrome.t("review.editing", where=cell.where)
        )
        self.query_one("#edit-error", Static).update("")
        box = self.query_one("#edit-input", Input)
        box.value = cell.value
        box.cursor_position = len(cell.value)
        self.query_one("#edit-bar").add_class("-editing")
        box.focus()

    @on(Input.Submitted, "#edit-input")
    def edit_submitted(self, event: Input.Submitted) -> None:
        cell = self._editing
        if cell is None:
            return
        reply = self.session.edit(cell.item_id, cell.field, event.value)
        if not reply.accepted:
            problem = " ".join(m.text for m in reply.messages if m.tone in ("error", "warning"))
            self.query_one("#edit-error", Static).update(problem or "?")
            return  # stay in the box: fix it, or Esc
        self._close_editor()
        self.refresh_all()
        self.notify(self.chrome.t("review.saved"), timeout=2)

    def _close_editor(self) -> None:
        self._editing = None
        self.query_one("#edit-bar").remove_class("-editing")
        self.query_one(ReviewGrid).focus()

    @on(GapList.GapChosen)
    def gap_chosen(self, event: GapList.GapChosen) -> None:
        finding = event.finding
        self.query_one(ReviewGrid).jump_to(finding.item_id, finding.stage_id)

    # -- actions --------------------------------------------------------------------------

    def action_back(self) -> None:
        if self._editing is not None:
            self._close_editor()
            return
        self.dismiss()

    def action_opportunities(self) -> None:
        self.journey_app.show_opportunities()

    def action_export(self) -> None:
        self.journey_app.show_export()
