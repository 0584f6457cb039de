"""First screen: start a new workshop, resume a recent map, or open a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from assistant.tui.chrome import Chrome
from assistant.tui.recent import existing_recent
from assistant.tui.session import NewWorkshop, default_map_path
from assistant.tui.widgets.recent_list import RecentList

if TYPE_CHECKING:
    from assistant.model import Language, MapType
    from assistant.tui.app import JourneyApp


class WelcomeScreen(Screen[None]):
    CSS_PATH = "welcome.tcss"
    BINDINGS: ClassVar[list[BindingType]] = []

    def __init__(self, chrome: Chrome) -> None:
        super().__init__()
        self.chrome = chrome

    @property
    def journey_app(self) -> JourneyApp:
        from assistant.tui.app import JourneyApp

        return cast(JourneyApp, self.app)

    def compose(self) -> ComposeResult:
        t = self.chrome.t
        with Vertical(id="welcome-head"):
            yield Static(t("welcome.title"), id="welcome-title")
            yield Static(t("welcome.subtitle"), id="welcome-subtitle")
        with Horizontal(id="welcome-body"):
            with VerticalScroll(id="new-box") as box:
                box.border_title = t("welcome.new_heading")
                yield Label(t("welcome.map_title"))
                yield Input(placeholder=t("welcome.map_title_placeholder"), id="title")
                yield Label(t("welcome.language"))
                yield Select(
                    [(t(f"languages.{code}"), code) for code in ("en", "fr")],
                    value=self.chrome.language if self.chrome.language in ("en", "fr") else "en",
                    allow_blank=False,
                    id="language",
                )
                yield Label(t("welcome.map_type"))
                yield Select(
                    [(t(f"map_types.{kind}"), kind) for kind in ("current", "future", "blueprint")],
                    value="current",
                    allow_blank=False,
                    id="map-type",
                )
                yield Label(t("welcome.template"))
                yield Select(
                    self._templates(self.chrome.language),
                    value="",
                    allow_blank=False,
                    id="template",
                )
                yield Label(t("welcome.mode"))
                yield Select(
                    [
                        (t("welcome.mode_solo"), "solo"),
                        (t("welcome.mode_facilitated"), "facilitated"),
                    ],
                    value="solo",
                    allow_blank=False,
                    id="mode",
                )
                yield Button(t("welcome.start"), id="start", variant="primary")
            with Vertical(id="side-box"):
                with Vertical(id="recent-box") as recent:
                    recent.border_title = t("welcome.recent_heading")
                    entries = existing_recent()
                    if entries:
                        yield RecentList(self.chrome, entries, id="recent")
                    else:
                        yield Static(t("welcome.recent_empty"), classes="empty")
                with Vertical(id="open-box") as open_box:
                    open_box.border_title = t("welcome.open_heading")
                    with Horizontal(id="open-row"):
                        yield Input(placeholder=t("welcome.open_placeholder"), id="open-path")
                        yield Button(t("welcome.open"), id="open")
        yield Footer()

    def _templates(self, language: str) -> list[tuple[str, str]]:
        options = [(self.chrome.t("welcome.template_none"), "")]
        try:
            from assistant.interview import load_prompt_book

            book = load_prompt_book(language)
        except Exception:  # no prompts yet: a blank map is still possible
            return options
        options.extend((spec.label, name) for name, spec in sorted(book.templates.items()))
        return options

    def on_mount(self) -> None:
        self.journey_app.settle(self)
        self.query_one("#title", Input).focus()

    @on(Select.Changed, "#language")
    def language_changed(self, event: Select.Changed) -> None:
        template = self.query_one("#template", Select)
        template.set_options(self._templates(str(event.value)))
        template.value = ""

    @on(Input.Submitted, "#title")
    @on(Button.Pressed, "#start")
    def start(self) -> None:
        title = self.query_one("#title", Input).value.strip()
        if not title:
            self.notify(self.chrome.t("welcome.missing_title"), severity="warning")
            self.query_one("#title", Input).focus()
            return
        language = cast("Language", self.query_one("#language", Select).value)
        map_type = cast("MapType", self.query_one("#map-type", Select).value)
        template = str(self.query_one("#template", Select).value) or None
        mode = str(self.query_one("#mode", Select).value)
        request = NewWorkshop(
            path=default_map_path(title),
            language=language,
            title=title,
            map_type=map_type,
            template=template,
            mode=mode,
        )
        self.journey_app.start_workshop(request)

    @on(RecentList.MapChosen)
    def recent_chosen(self, event: RecentList.MapChosen) -> None:
        self.journey_app.open_map(event.path)

    @on(Input.Submitted, "#open-path")
    @on(Button.Pressed, "#open")
    def open_file(self) -> None:
        raw = self.query_one("#open-path", Input).value.strip()
        if not raw:
            return
        path = Path(raw).expanduser()
        if not path.is_file():
            self.notify(self.chrome.t("welcome.no_file", path=path), severity="warning")
            return
        self.journey_app.open_map(path)
