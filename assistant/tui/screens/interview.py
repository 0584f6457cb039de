"""The interview: transcript, answer box, choices, progress and the live map preview."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from assistant.tui.bindings import localize_bindings
from assistant.tui.chrome import Chrome, load_chrome
from assistant.tui.commands import SlashCommands
from assistant.tui.messages import SlashCommandChosen
from assistant.tui.widgets.answer_box import AnswerBox
from assistant.tui.widgets.choice_bar import ChoiceBar
from assistant.tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from assistant.interview.api import Question, Reply
    from assistant.tui.app import JourneyApp
    from assistant.tui.session import Session, Starting
    from assistant.tui.widgets.item_panel import ItemPanel
    from assistant.tui.widgets.progress_header import ProgressHeader
    from assistant.tui.widgets.save_indicator import SaveIndicator
    from assistant.tui.widgets.timebox import Timebox

NARROW = 110  # below this width the map preview is a panel toggled with F2
TIMER_STEPS = (0, 3, 5, 10, 15)  # minutes, cycled with F8


def _widgets() -> tuple[type[ItemPanel], type[ProgressHeader], type[SaveIndicator], type[Timebox]]:
    """The widgets that come with the engine, imported with it (not before the first frame)."""
    from assistant.tui.widgets.item_panel import ItemPanel
    from assistant.tui.widgets.progress_header import ProgressHeader
    from assistant.tui.widgets.save_indicator import SaveIndicator
    from assistant.tui.widgets.timebox import Timebox

    return ItemPanel, ProgressHeader, SaveIndicator, Timebox


PICK_SENDS = frozenset({"choice", "confirm", "rating", "severity", "emotion"})
NEEDS_ENGINE = frozenset(
    {"toggle_preview", "review", "opportunities", "export", "toggle_panel", "timer"}
)


@dataclass(frozen=True)
class _Said:
    """An assistant message shown before the engine is loaded (`assistant.opening`)."""

    text: str
    role: str = "assistant"
    tone: str = "info"
    by: str | None = None


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

    def __init__(self, session: Session | None, *, starting: Starting | None = None) -> None:
        """With a `session`, the interview resumes at once. With `starting` instead, the
        first question shows straight away and the engine loads on a thread behind it;
        an answer sent before it is ready waits in the box and goes as soon as it is."""
        super().__init__()
        if session is not None:
            language = session.language
        elif starting is not None:
            language = starting.language
        else:
            raise ValueError("an interview needs a session or a starting workshop")
        self.session = session
        self._starting = starting
        self._queued: str | None = None  # sent while the engine was loading
        self._loading = False
        self.chrome: Chrome = load_chrome(language)
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
        # Set before the first styling pass: changing it on mount restyles every widget.
        self._set_width_class(self.app.size.width, update=False)
        chrome = self.chrome
        ready = self.session is not None
        if ready:  # otherwise these come with the engine: the first frame is the chat alone
            yield self._top_bar()
        with Horizontal(id="main"):
            with Vertical(id="chat"):
                yield Transcript(chrome, id="transcript", window=self.journey_app.config.window)
                yield ChoiceBar(id="choices")
                yield AnswerBox(id="answer")
                yield Static("", id="answer-hint")
            if ready:
                yield from self._side_panels()
        if ready:
            from textual.widgets import Footer

            yield Footer()

    def _top_bar(self) -> Horizontal:
        _, ProgressHeader, SaveIndicator, Timebox = _widgets()
        return Horizontal(
            ProgressHeader(self.chrome, id="progress"),
            Timebox(self.journey_app.config.clock, id="timebox"),
            SaveIndicator(self._saved_label, id="saved"),
            id="top-bar",
        )

    def _side_panels(self) -> list[Widget]:
        # Imported with the engine, not before the first frame (~15 ms of start-up).
        from assistant.tui.widgets.map_preview import MapPreview

        ItemPanel = _widgets()[0]

        t = self.chrome.t
        parking = ItemPanel(t("panels.parking"), t("panels.parking_empty"), id="parking")
        notes = ItemPanel(t("panels.notes"), t("panels.notes_empty"), id="notes")
        parking.display = notes.display = False
        return [MapPreview(self.chrome, id="preview"), parking, notes]

    def _saved_label(self) -> str:
        return self.session.saved_label(self.chrome) if self.session is not None else ""

    def on_mount(self) -> None:
        if not self._started:
            self._started = True
            if self.session is not None:
                self._begin(self.session)
            elif self._starting is not None:
                self._show_opening(self._starting)
        self.query_one(AnswerBox).focus()

    def _begin(self, session: Session, shown: tuple[str, ...] = ()) -> None:
        """Start or resume the engine's conversation; `shown` are the opening words already
        on screen, kept when the engine says the same."""
        history = list(session.engine.transcript)
        reply = session.start()
        transcript = self.query_one(Transcript)
        if shown and tuple(m.text for m in reply.messages) == shown and not history:
            reply.messages.clear()  # already shown, word for word
        elif shown:
            transcript.clear()
        transcript.add(history)
        self.apply(reply)
        draft = session.draft()
        if draft:
            self.query_one(AnswerBox).put(draft)
            self.notify(self.chrome.t("app.draft_restored"))

    # -- the first frame, before the engine -----------------------------------------------

    def _show_opening(self, starting: Starting) -> None:
        self.query_one(Transcript).add(_Said(text) for text in starting.texts)
        self.query_one(ChoiceBar).set_options((), suggestion=False, title="")
        self.query_one(AnswerBox).placeholder = self.chrome.t("interview.answer_placeholder")
        self.query_one("#answer-hint", Static).update(self.chrome.t("interview.answer_hint"))

    @on(Transcript.FirstLines)
    def _opening_laid_out(self) -> None:
        """The engine's thread competes with the painting for the interpreter: it starts
        after the frame that shows the opening (laid out when the transcript learns its
        width, at its first paint)."""
        if self.session is None and self._starting is not None and not self._loading:
            self._loading = True
            self.call_after_refresh(self._load_engine)

    def _load_engine(self) -> None:
        self.run_worker(self._create_session, thread=True, exclusive=True, name="engine")

    def _create_session(self) -> None:
        """On a worker thread: import the engine and create the map."""
        from assistant.tui.session import new_session

        starting = self._starting
        assert starting is not None
        try:
            session = new_session(starting.request, clock=self.journey_app.config.clock)
        except Exception as exc:  # InterviewError, MapFileError, PromptFileError: one line
            with suppress(RuntimeError):  # the app closed meanwhile: nobody to tell
                self.app.call_from_thread(self.journey_app.fail_to_start, str(exc))
            return
        try:
            self.app.call_from_thread(self._engine_ready, session)
        except RuntimeError:  # the app closed meanwhile: nothing was answered
            session.close()

    def _engine_ready(self, session: Session) -> None:
        self.journey_app.adopt(session)  # the app owns it now: closed on exit, whatever comes
        self.call_next(self._take_over, session)

    async def _take_over(self, session: Session) -> None:
        """Back on the app's loop: the rest of the screen, then the engine's question.
        `self.session` is set once the widgets it feeds are mounted."""
        starting = self._starting
        main = self.query_one("#main")
        await self.mount(self._top_bar(), before=main)
        await main.mount_all(self._side_panels())
        from textual.widgets import Footer

        await self.mount(Footer())
        self.refresh_bindings()  # a footer mounted late waits for this to show its keys
        self.session = session
        self._begin(session, shown=starting.texts if starting else ())
        if self._queued is not None:
            text, self._queued = self._queued, None
            box = self.query_one(AnswerBox)
            box.locked = False
            self._submit(box, text)

    def on_resize(self, event: events.Resize) -> None:
        self._set_width_class(event.size.width)

    def _set_width_class(self, width: int, *, update: bool = True) -> None:
        if self.has_class("-narrow") != (width < NARROW):
            self.set_class(width < NARROW, "-narrow", update=update)

    # -- replies from the engine ----------------------------------------------------------

    def apply(self, reply: Reply) -> None:
        """Render one engine reply: transcript, next question, map, panels."""
        SaveIndicator = _widgets()[2]
        assert self.session is not None
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
        ItemPanel = _widgets()[0]
        if self.session is None:
            return
        from assistant.tui.widgets.map_preview import MapPreview

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
        _, ProgressHeader, _, Timebox = _widgets()
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

    def send(self, text: str) -> Reply | None:
        if self.session is None:
            return None  # a click or palette command before the engine is ready
        reply = self.session.send(text)
        self.apply(reply)
        return reply

    @on(AnswerBox.Submitted)
    def answer_submitted(self, event: AnswerBox.Submitted) -> None:
        if self.session is None:  # the engine is still loading: it goes when it is ready
            self._queued = event.text
            event.box.locked = True
            return
        self._submit(event.box, event.text)

    def _submit(self, box: AnswerBox, text: str) -> None:
        box.clear()
        reply = self.send(text)
        if reply is None:
            return
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
        SaveIndicator = _widgets()[2]
        if self._started and self.session is not None:
            transcript = self.session.engine.transcript
            self.query_one(Transcript).add(transcript[self._synced :])
            self._synced = len(transcript)
            self._show_question(self.session.engine.question)
            self.refresh_map()
            self.query_one(SaveIndicator).tick()

    def on_timebox_expired(self) -> None:  # Timebox.Expired
        self.notify(self.chrome.t("timer.done"), timeout=8)

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The panels these act on come with the engine, a moment after the first frame.
        return not (self.session is None and action in NEEDS_ENGINE)

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
        ItemPanel = _widgets()[0]
        panel = self.query_one(f"#{name}", ItemPanel)
        panel.display = not panel.display

    def action_timer(self) -> None:
        Timebox = _widgets()[3]
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
