"""The live map beside the interview: redrawn after every answer, new items highlighted."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from assistant.tui.chrome import Chrome
from assistant.tui.map_render import MapGrid, MapLabels, MapStyles

if TYPE_CHECKING:  # the model (pydantic) loads after the first frame
    from assistant.model import JourneyMap

BIG_WIDTH = 110  # from this many columns the stage headers grow (projector)


class MapPreview(VerticalScroll, can_focus=False):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "map-preview--header",
        "map-preview--header-current",
        "map-preview--label",
        "map-preview--item",
        "map-preview--highlight",
        "map-preview--dim",
        "map-preview--positive",
        "map-preview--negative",
        "map-preview--neutral",
        "map-preview--rule",
    }

    def __init__(
        self, chrome: Chrome, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.chrome = chrome
        self.border_title = chrome.t("preview.title")
        self._body = Static("", id="map-body")
        self._journey: JourneyMap | None = None
        self._highlight: frozenset[str] = frozenset()
        self._current: int | None = None

    def compose(self) -> ComposeResult:
        yield self._body

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        self.call_after_refresh(self._draw)

    def show(
        self,
        journey: JourneyMap,
        *,
        highlight: Iterable[str] = (),
        current_stage: int | None = None,
    ) -> None:
        self._journey = journey
        self._highlight = frozenset(highlight)
        self._current = current_stage
        self._draw()

    def _labels(self) -> MapLabels:
        t = self.chrome.t
        return MapLabels(
            stage=t("preview.lanes.stage"),
            actions=t("preview.lanes.actions"),
            touchpoints=t("preview.lanes.touchpoints"),
            emotion=t("preview.lanes.emotion"),
            pains=t("preview.lanes.pains"),
            opportunities=t("preview.lanes.opportunities"),
            personas=t("preview.personas"),
            empty=t("preview.empty"),
        )

    def _styles(self) -> MapStyles:
        style = self.get_component_rich_style
        return MapStyles(
            header=style("map-preview--header"),
            header_current=style("map-preview--header-current"),
            label=style("map-preview--label"),
            item=style("map-preview--item"),
            highlight=style("map-preview--highlight"),
            dim=style("map-preview--dim"),
            positive=style("map-preview--positive"),
            negative=style("map-preview--negative"),
            neutral=style("map-preview--neutral"),
            rule=style("map-preview--rule"),
        )

    def _draw(self) -> None:
        if self._journey is None:
            return
        self._body.update(
            MapGrid(
                self._journey,
                labels=self._labels(),
                styles=self._styles(),
                highlight=self._highlight,
                current_stage=self._current,
                big=self.size.width >= BIG_WIDTH and self.app.size.height >= 40,
            )
        )

    def on_resize(self) -> None:
        self._draw()
