"""`?`: what to type and which keys do what."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from assistant.slash import COMMANDS
from assistant.tui.chrome import Chrome


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="journey.close_help"),
    ]

    def __init__(self, chrome: Chrome) -> None:
        super().__init__()
        self.chrome = chrome

    def compose(self) -> ComposeResult:
        chrome = self.chrome
        commands = "\n".join(f"- `/{name}` — {chrome.t(f'commands.{name}')}" for name in COMMANDS)
        with VerticalScroll(id="help-box") as box:
            box.border_title = chrome.t("help.title")
            box.border_subtitle = chrome.t("help.close")
            yield Markdown(chrome.t("help.body") + "\n" + commands + "\n")
            yield Static(chrome.t("help.close"), id="help-close")

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(None)
