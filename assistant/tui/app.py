"""The workshop app: holds one session (one engine) and switches between screens."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.widgets import Input, TextArea

from assistant.tui.bindings import localize_bindings
from assistant.tui.chrome import Chrome, load_chrome
from assistant.tui.session import NewWorkshop, Session
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
    ) -> None:
        super().__init__()
        self.config = config or TuiConfig()
        self.session = session
        self._request = request
        self.chrome: Chrome = load_chrome(session.language if session else self.config.language)
        localize_bindings(self, self.chrome)
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = self.config.theme
        self.draft = ""  # the answer box's unsent text when the app closed

    def on_mount(self) -> None:
        self.title = self.chrome.t("app.title")
        if self.session is not None:
            self._start_interview(self.session)
        elif self._request is not None:
            self.start_workshop(self._request, fallback_to_welcome=True)
        else:
            self._show_welcome()

    # -- screens --------------------------------------------------------------------------

    def _show_welcome(self) -> None:
        from assistant.tui.screens.welcome import WelcomeScreen

        self.push_screen(WelcomeScreen(self.chrome))

    def _start_interview(self, session: Session) -> None:
        from assistant.tui.screens.interview import InterviewScreen

        self.session = session
        session.clock = self.config.clock
        session.remember_recent = self.config.remember_recent
        self.chrome = load_chrome(session.language)
        localize_bindings(self, self.chrome)
        self.title = self.chrome.t("app.title")
        screen = InterviewScreen(session)
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

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
) -> JourneyApp:
    """The one way to build the app: the CLI, the tests and the bench all come here."""
    return JourneyApp(config, session=session, request=request)
