"""The interview: transcript, answer box, choices, progress and the live map preview."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from assistant.tui.bindings import localize_bindings
from assistant.tui.chrome import Chrome, load_chrome
from assistant.tui.commands import SlashCommands
from assistant.tui.messages import SlashCommandChosen
from assistant.tui.widgets.answer_box import AnswerBox
from assistant.tui.widgets.choice_bar import ChoiceBar
from assistant.tui.widgets.item_panel import ItemPanel
from assistant.tui.widgets.map_preview import MapPreview
from assistant.tui.widgets.progress_header import ProgressHeader
from assistant.tui.widgets.save_indicator import SaveIndicator
from assistant.tui.widgets.timebox import Timebox
from assistant.tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from assistant.interview.api import Question, Reply
    from assistant.tui.app import JourneyApp
    from assistant.tui.session import Session

NARROW = 110  # below this width the map preview is a panel toggled with F2
TIMER_STEPS = (0, 3, 5, 10, 15)  # minutes, cycled with F8
PICK_SENDS = frozenset({"choice", "confirm", "rating", "severity", "emotion"})


class InterviewScreen(Screen[None]):
    COMMANDS: ClassVar = {SlashCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "toggle_preview", "Map", id="journey.preview"),
        Binding("f3", "review", "Review", id="journey.review"),
        Binding("f4", "opportunities", "Opportunities", id="journey.opportunities"),
        Binding("f5", "export", "Export", id="journey.export"),
        Binding("f6", "toggle_panel('parking')", "Parking lot", id="journey.park"),
        Binding("f7", "toggle_panel('notes')", "Notes", id="journey.notes"),
        Binding("f8", "timer", "Timer", id="journey.timer"),
        Binding("escape", "focus_answer", show=False),
        Binding("tab", "focus_choices", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.chrome: Chrome = load_chrome(session.language)
        localize_bindings(self, self.chrome)
        self._question: Question | None = None
        self._step_key: tuple[str, int | None] | None = None
        self._timer_index = 0
        self._started = False
        self._synced = 0  # engine transcript messages already shown

    @property
    def journey_app(self) -> JourneyApp:
        from assistant.tui.app import JourneyApp

        assert isinstance(self.app, JourneyApp)
        return self.app

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        chrome = self.chrome
        with Horizontal(id="top-bar"):
            yield ProgressHeader(chrome, id="progress")
            yield Timebox(self.journey_app.config.clock, id="timebox")
            yield SaveIndicator(lambda: self.session.saved_label(chrome), id="saved")
        with Horizontal(id="main"):
            with Vertical(id="chat"):
                yield Transcript(chrome, id="transcript", window=self.journey_app.config.window)
                yield ChoiceBar(id="choices")
                yield AnswerBox(id="answer")
                yield Static("", id="answer-hint")
            yield MapPreview(chrome, id="preview")
            yield ItemPanel(
                chrome.t("panels.parking"), chrome.t("panels.parking_empty"), id="parking"
            )
            yield ItemPanel(chrome.t("panels.notes"), chrome.t("panels.notes_empty"), id="notes")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#parking").display = False
        self.query_one("#notes").display = False
        self._set_width_class(self.app.size.width)
        transcript = self.query_one(Transcript)
        if not self._started:
            self._started = True
            history = list(self.session.engine.transcript)
            reply = self.session.start()
            transcript.add(history)
            self.apply(reply)
            draft = self.session.draft()
            if draft:
                self.query_one(AnswerBox).put(draft)
                self.notify(self.chrome.t("app.draft_restored"))
        self.query_one(AnswerBox).focus()

    def on_resize(self, event: events.Resize) -> None:
        self._set_width_class(event.size.width)

    def _set_width_class(self, width: int) -> None:
        self.set_class(width < NARROW, "-narrow")

    # -- replies from the engine ----------------------------------------------------------

    def apply(self, reply: Reply) -> None:
        """Render one engine reply: transcript, next question, map, panels."""
        self.query_one(Transcript).add(reply.messages)
        self._synced = len(self.session.engine.transcript)
        question = reply.question if reply.question is not None else self.session.engine.question
        self._show_question(question)
        self.refresh_map(reply.changed_ids)
        self.query_one(SaveIndicator).tick()
        self.query_one(SaveIndicator).failed = self.session.unsaved
        if reply.action == "quit":
            self.journey_app.action_quit_app()
        elif reply.action == "export":
            self.action_export()
        elif reply.action == "help":
            self.journey_app.action_help()

    def refresh_map(self, changed_ids: list[str] | None = None) -> None:
        journey = self.session.journey
        progress = self._question.progress if self._question else None
        self.query_one(MapPreview).show(
            journey,
            highlight=changed_ids or (),
            current_stage=progress.stage_index if progress else None,
        )
        self.query_one("#parking", ItemPanel).show(
            [
                (item.text, journey.participant_name(item.provenance.by))
                for item in journey.parking_lot
            ]
        )
        self.query_one("#notes", ItemPanel).show(
            [(item.text, journey.participant_name(item.provenance.by)) for item in journey.notes]
        )

    def _show_question(self, question: Question | None) -> None:
        self._question = question
        chrome = self.chrome
        header = self.query_one(ProgressHeader)
        choices = self.query_one(ChoiceBar)
        box = self.query_one(AnswerBox)
        hint = self.query_one("#answer-hint", Static)
        if question is None:
            header.show(None, finished=True)
            choices.set_options((), suggestion=False, title="")
            box.multiline = False
            hint.update(chrome.t("interview.finished"))
            return
        header.show(question.progress)
        if question.options:
            choices.set_options(
                question.options, suggestion=False, title=chrome.t("interview.options_title")
            )
        else:
            choices.set_options(
                question.suggestions,
                suggestion=True,
                title=chrome.t("interview.suggestions_title"),
            )
        box.multiline = question.multiline
        key = "answer_placeholder_list" if question.multiline else "answer_placeholder"
        box.placeholder = chrome.t(f"interview.{key}")
        hint_key = "answer_hint_list" if question.multiline else "answer_hint"
        hint.update(chrome.t(f"interview.{hint_key}"))
        step = (question.progress.phase, question.progress.stage_index)
        if step != self._step_key:
            self._step_key = step
            self.query_one(Timebox).restart()

    # -- input ----------------------------------------------------------------------------

    def send(self, text: str) -> Reply:
        reply = self.session.send(text)
        self.apply(reply)
        return reply

    @on(AnswerBox.Submitted)
    def answer_submitted(self, event: AnswerBox.Submitted) -> None:
        box = event.box
        text = event.text
        box.clear()
        reply = self.send(text)
        refused = not reply.accepted and any(m.tone == "error" for m in reply.messages)
        if refused and not text.lstrip().startswith("/"):
            box.put(text)  # let them fix it rather than type it again

    @on(ChoiceBar.Picked)
    def choice_picked(self, event: ChoiceBar.Picked) -> None:
        box = self.query_one(AnswerBox)
        question = self._question
        number = str(event.option.number)
        if question is not None and question.kind in PICK_SENDS and not event.suggestion:
            box.clear()
            self.send(number)
        else:  # several can be picked: collect them in the box, Enter sends
            current = box.text.rstrip()
            separator = "\n" if box.multiline and current else ", " if current else ""
            box.put(current + separator + number)
        box.focus()

    @on(SlashCommandChosen)
    def slash_command_chosen(self, event: SlashCommandChosen) -> None:
        box = self.query_one(AnswerBox)
        if event.takes_argument:
            box.put(event.command + " ")
            box.focus()
        else:
            self.send(event.command)

    def on_screen_resume(self) -> None:
        """Back from review, opportunities or export: the map or the question may differ."""
        if self._started:
            transcript = self.session.engine.transcript
            self.query_one(Transcript).add(transcript[self._synced :])
            self._synced = len(transcript)
            self._show_question(self.session.engine.question)
            self.refresh_map()
            self.query_one(SaveIndicator).tick()

    @on(Timebox.Expired)
    def timebox_expired(self) -> None:
        self.notify(self.chrome.t("timer.done"), timeout=8)

    # -- actions --------------------------------------------------------------------------

    def action_focus_choices(self) -> None:
        """Tab from the answer box goes to the choices row (when there is one)."""
        choices = self.query_one(ChoiceBar)
        if isinstance(self.focused, AnswerBox) and choices.display and choices.options:
            choices.focus()
        else:
            self.focus_next()

    def action_focus_answer(self) -> None:
        self.query_one(AnswerBox).focus()

    def action_toggle_preview(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("-show-preview")
        else:
            self.toggle_class("-hide-preview")

    def action_toggle_panel(self, name: str) -> None:
        panel = self.query_one(f"#{name}", ItemPanel)
        panel.display = not panel.display

    def action_timer(self) -> None:
        self._timer_index = (self._timer_index + 1) % len(TIMER_STEPS)
        minutes = TIMER_STEPS[self._timer_index]
        self.query_one(Timebox).set_limit(minutes * 60)
        message = (
            self.chrome.t("timer.set", minutes=minutes)
            if minutes
            else self.chrome.t("timer.cleared")
        )
        self.notify(message, timeout=3)

    def action_review(self) -> None:
        self.journey_app.show_review()

    def action_opportunities(self) -> None:
        self.journey_app.show_opportunities()

    def action_export(self) -> None:
        self.journey_app.show_export()

    @property
    def draft(self) -> str:
        return self.query_one(AnswerBox).text
