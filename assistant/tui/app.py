"""The workshop app: holds one session (one engine) and switches between screens."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Input, TextArea

from assistant.tui.bindings import localize_bindings
from assistant.tui.chrome import Chrome, load_chrome
from assistant.tui.session import NewWorkshop, Session, Starting
from assistant.tui.themes import THEME_NAMES, THEMES


@dataclass(frozen=True)
class TuiConfig:
    """Everything host- or test-specific, in one place (tests pass a frozen clock)."""

    language: str = "en"
    theme: str = "journey-dark"
    cursor_blink: bool = True
    clock: Callable[[], float] = field(default=time.monotonic)
    window: int = 200  # transcript messages kept rendered
    remember_recent: bool = True


class JourneyApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "journey"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit_app", "Quit", id="journey.quit", priority=True),
        Binding("ctrl+c", "interrupt", show=False, priority=True, system=True),
        Binding("f1,question_mark", "help", "Help", id="journey.help"),
        Binding("f9", "cycle_theme", "Theme", id="journey.theme"),
    ]

    def __init__(
        self,
        config: TuiConfig | None = None,
        *,
        session: Session | None = None,
        request: NewWorkshop | None = None,
        starting: Starting | None = None,
    ) -> None:
        super().__init__()
        self.config = config or TuiConfig()
        self.session = session
        self._request = request
        self._starting = starting
        self.startup_error: str | None = None  # the engine could not start: one line
        language = session.language if session else starting.language if starting else None
        self.chrome: Chrome = load_chrome(language or self.config.language)
        localize_bindings(self, self.chrome)
        for theme in THEMES:
            self.register_theme(theme)
        self._start_with_theme(self.config.theme)
        self.draft = ""  # the answer box's unsent text when the app closed

    def _start_with_theme(self, name: str) -> None:
        """Choose the first theme before any CSS is parsed. Assigning `self.theme` here
        would go through the theme-change path, which parses every stylesheet a second
        time (first with the default theme's colours): ~50 ms of start-up."""
        self.set_reactive(JourneyApp.theme, self._validate_theme(name))
        theme = self.current_theme
        classes = {c: False for c in self.classes if c.startswith("-theme-")}
        classes[f"-theme-{theme.name}"] = True
        classes["-dark-mode"] = theme.dark
        classes["-light-mode"] = not theme.dark
        self.update_classes(classes, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def on_mount(self) -> None:
        self.title = self.chrome.t("app.title")
        if self.session is not None:
            self._start_interview(self.session)
        elif self._starting is not None:
            pass  # the interview is the default screen: see get_default_screen
        elif self._request is not None:
            self.start_workshop(self._request, fallback_to_welcome=True)
        else:
            self._show_welcome()

    # -- screens --------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """A new workshop's interview is the first screen itself, not one pushed over an
        empty default screen: one screen to style and lay out before the first frame."""
        if self._starting is not None:
            from assistant.tui.screens.interview import InterviewScreen

            return InterviewScreen(None, starting=self._starting)
        return super().get_default_screen()

    def _show_welcome(self) -> None:
        from assistant.tui.screens.welcome import WelcomeScreen

        self.push_screen(WelcomeScreen(self.chrome))

    def _start_interview(self, session: Session) -> None:
        from assistant.tui.screens.interview import InterviewScreen

        self.adopt(session)
        screen = InterviewScreen(session)
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def adopt(self, session: Session) -> None:
        """Make `session` the app's one session (also when it arrives after the first frame)."""
        self.session = session
        session.clock = self.config.clock
        session.remember_recent = self.config.remember_recent
        self.chrome = load_chrome(session.language)
        localize_bindings(self, self.chrome)
        self.title = self.chrome.t("app.title")

    def fail_to_start(self, error: str) -> None:
        """The engine behind the first frame could not start (a locked map, a folder that
        cannot be written): leave, and let the CLI print the one-line error."""
        self.startup_error = error
        self.exit(1)

    def start_workshop(self, request: NewWorkshop, *, fallback_to_welcome: bool = False) -> None:
        from assistant.tui.session import new_session

        try:
            session = new_session(request, clock=self.config.clock)
        except Exception as exc:  # InterviewError, MapFileError, PromptFileError: one line
            self.notify(self.chrome.t("app.open_failed", error=exc), severity="error")
            if fallback_to_welcome:
                self._show_welcome()
            return
        self._start_interview(session)

    def open_map(self, path: Path) -> None:
        from assistant.tui.session import open_session

        try:
            session = open_session(path, clock=self.config.clock)
        except Exception as exc:  # MapFileError (broken, locked), InterviewError
            self.notify(self.chrome.t("app.open_failed", error=exc), severity="error")
            return
        self._start_interview(session)

    def show_review(self) -> None:
        from assistant.tui.screens.review import ReviewScreen

        if self.session is not None and not isinstance(self.screen, ReviewScreen):
            self.push_screen(ReviewScreen(self.session))

    def show_opportunities(self) -> None:
        from assistant.tui.screens.opportunities import OpportunitiesScreen

        if self.session is not None and not isinstance(self.screen, OpportunitiesScreen):
            self.push_screen(OpportunitiesScreen(self.session))

    def show_export(self) -> None:
        from assistant.tui.screens.export import ExportScreen

        if self.session is not None and not isinstance(self.screen, ExportScreen):
            self.push_screen(ExportScreen(self.session))

    def settle(self, node: DOMNode) -> None:
        """Apply the config to the inputs below `node` (cursor blink off in tests)."""
        for widget in node.query("Input, TextArea"):
            if isinstance(widget, Input | TextArea):
                widget.cursor_blink = self.config.cursor_blink

    # -- actions --------------------------------------------------------------------------

    def action_help(self) -> None:
        from assistant.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.chrome))

    def action_cycle_theme(self) -> None:
        index = THEME_NAMES.index(self.theme) if self.theme in THEME_NAMES else -1
        self.theme = THEME_NAMES[(index + 1) % len(THEME_NAMES)]
        name = self.chrome.t(f"themes.{self.theme}")
        self.notify(self.chrome.t("app.theme_changed", name=name), timeout=2)

    def action_interrupt(self) -> None:
        """Ctrl+C copies a selection; otherwise it quits like Ctrl+Q (answers are saved)."""
        focused = self.focused
        if isinstance(focused, TextArea) and focused.selected_text:
            focused.action_copy()
            return
        if isinstance(focused, Input) and focused.selected_text:
            focused.action_copy()
            return
        self.action_quit_app()

    def action_quit_app(self) -> None:
        from assistant.tui.screens.confirm import ConfirmScreen
        from assistant.tui.screens.interview import InterviewScreen

        for screen in self.screen_stack:
            if isinstance(screen, InterviewScreen) and screen.is_mounted:
                self.draft = screen.draft
        session = self.session
        if session is None or not session.unsaved:
            self.exit(0)
            return
        session.save()
        if not session.unsaved:
            self.exit(0)
            return
        chrome = self.chrome
        confirm = ConfirmScreen(
            chrome.t("app.quit_title"),
            chrome.t("app.quit_body", reason=chrome.t("app.quit_unsaved")),
            chrome.t("app.quit_yes"),
            chrome.t("app.quit_no"),
        )

        def decided(quit_now: bool | None) -> None:
            if quit_now:
                self.exit(0)

        self.push_screen(confirm, decided)


def create_app(
    config: TuiConfig | None = None,
    *,
    session: Session | None = None,
    request: NewWorkshop | None = None,
    starting: Starting | None = None,
) -> JourneyApp:
    """The one way to build the app: the CLI, the tests and the bench all come here."""
    return JourneyApp(config, session=session, request=request, starting=starting)
