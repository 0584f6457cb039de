"""Export: pick formats and a folder, write the files, see where they went."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, Static

from assistant.tui.bindings import localize_bindings
from assistant.tui.chrome import load_chrome
from assistant.tui.session import Session

DEFAULT_FORMATS = ("md", "html")
FORMAT_LABELS = {
    "md": "Markdown (wiki)",
    "html": "HTML",
    "json": "JSON",
    "csv": "CSV",
    "mermaid": "Mermaid",
}


class ExportScreen(ModalScreen[list[Path]]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f5", "close", "Back", id="journey.back"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.chrome = load_chrome(session.language)
        localize_bindings(self, self.chrome)
        self.written: list[Path] = []

    def _formats(self) -> tuple[str, ...]:
        try:
            from assistant.export import FORMATS
        except ImportError:
            return ()
        return tuple(FORMATS)

    def _default_folder(self) -> Path:
        path = self.session.path
        return path.parent if path is not None else Path.cwd()

    def compose(self) -> ComposeResult:
        t = self.chrome.t
        formats = self._formats()
        with VerticalScroll(id="export-box") as box:
            box.border_title = t("export.title")
            if not formats:
                yield Static(t("export.unavailable"))
                return
            yield Label(t("export.formats"))
            yield SelectionList[str](
                *[(FORMAT_LABELS.get(f, f), f, f in DEFAULT_FORMATS) for f in formats],
                id="formats",
            )
            yield Label(t("export.destination"))
            yield Input(str(self._default_folder()), id="folder")
            yield Button(t("export.write"), id="write", variant="primary")
            yield Static("", id="export-result")

    def on_mount(self) -> None:
        from assistant.tui.app import JourneyApp

        if isinstance(self.app, JourneyApp):
            self.app.settle(self)
        if self.query("#formats"):
            self.query_one("#formats").focus()

    @on(Button.Pressed, "#write")
    @on(Input.Submitted, "#folder")
    def write(self) -> None:
        from assistant.export import write

        t = self.chrome.t
        chosen = list(self.query_one("#formats", SelectionList).selected)
        result = self.query_one("#export-result", Static)
        if not chosen:
            result.update(Text(t("export.nothing"), style="bold yellow"))
            return
        folder = Path(self.query_one("#folder", Input).value.strip() or ".").expanduser()
        written: list[Path] = []
        try:
            folder.mkdir(parents=True, exist_ok=True)  # a folder, never a file name
            for fmt in chosen:
                written.append(
                    write(self.session.journey, str(fmt), folder, lang=self.session.language)
                )
        except Exception as exc:  # ExportError, OSError: one line for the person
            result.update(Text(t("export.failed", error=exc), style="bold red"))
            return
        self.written = written
        text = Text(t("export.written") + "\n", style="bold green")
        for path in written:
            text.append(f"  {path}\n")
        result.update(text)

    def action_close(self) -> None:
        self.dismiss(self.written)
