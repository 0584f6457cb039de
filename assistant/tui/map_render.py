"""The live map as a Rich renderable: stages as columns, lanes as rows, a drawn emotion curve.

Pure Rich (no textual): the preview widget hands it the map, the ids to highlight and the
styles of the current theme, and puts it on screen. It fits itself to the width it gets.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text

if TYPE_CHECKING:  # the model (pydantic) loads after the first frame
    from assistant.model import JourneyMap, Stage


CHANNEL_ICONS: dict[str, str] = {
    "web": "🌐",
    "mobile_app": "📱",
    "branch_store": "🏬",
    "phone": "📞",
    "email": "📧",
    "chat": "💬",
    "social": "👥",
    "in_person": "🤝",
    "partner": "🔗",
    "other": "📍",
}
NO_CHANNEL = "◦ "
FACES: dict[int, str] = {-2: "😣", -1: "🙁", 0: "😐", 1: "🙂", 2: "😄"}

# Braille dots: bit for (row 0..3, column 0..1) of a 2x4 cell.
_DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


@dataclass(frozen=True)
class MapStyles:
    header: Style = field(default_factory=lambda: Style(bold=True, reverse=True))
    header_current: Style = field(default_factory=lambda: Style(bold=True, color="yellow"))
    label: Style = field(default_factory=lambda: Style(bold=True))
    item: Style = field(default_factory=Style)
    highlight: Style = field(default_factory=lambda: Style(reverse=True, bold=True))
    dim: Style = field(default_factory=lambda: Style(dim=True))
    positive: Style = field(default_factory=lambda: Style(color="green"))
    negative: Style = field(default_factory=lambda: Style(color="red"))
    neutral: Style = field(default_factory=lambda: Style(color="yellow"))
    rule: Style = field(default_factory=lambda: Style(dim=True))


@dataclass(frozen=True)
class MapLabels:
    stage: str = "Stage"
    actions: str = "Actions"
    touchpoints: str = "Touchpoints"
    emotion: str = "Emotion"
    pains: str = "Pain points"
    opportunities: str = "Opportunities"
    personas: str = "Personas: {names}"
    empty: str = "The map fills in as you answer."


def braille_curve(
    points: Sequence[tuple[float, float]], width: int, height: int, *, baseline: bool = True
) -> list[str]:
    """Draw (x in 0..1, score in -2..+2) points joined by lines, as `height` braille rows."""
    dots_w, dots_h = max(1, width) * 2, max(1, height) * 4
    cells = [[0] * max(1, width) for _ in range(max(1, height))]

    def plot(x: int, y: int) -> None:
        if 0 <= x < dots_w and 0 <= y < dots_h:
            cells[y // 4][x // 2] |= _DOTS[y % 4][x % 2]

    def to_dots(x: float, score: float) -> tuple[int, int]:
        return round(x * (dots_w - 1)), round((2 - score) / 4 * (dots_h - 1))

    if baseline:  # a faint dotted zero line
        zero = (dots_h - 1) // 2
        for x in range(0, dots_w, 8):
            plot(x, zero)
    dots = [to_dots(x, score) for x, score in points]
    for (x0, y0), (x1, y1) in pairwise(dots):
        _line(plot, x0, y0, x1, y1)
    for x, y in dots:  # a visible blob at each touchpoint
        plot(x, y)
        plot(x + 1, y)
        plot(x, y - 1)
        plot(x + 1, y - 1)
    return ["".join(chr(0x2800 + bits) for bits in row) for row in cells]


def _line(plot: object, x0: int, y0: int, x1: int, y1: int) -> None:
    """Bresenham's line between two dots."""
    assert callable(plot)
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err = dx + dy
    while True:
        plot(x0, y0)
        if x0 == x1 and y0 == y1:
            return
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x0 += sx
        if e2 <= dx:
            err += dx
            y0 += sy


def stage_scores(stage: Stage) -> list[int]:
    return [tp.emotion.score for tp in stage.touchpoints if tp.emotion is not None]


def face(score: float) -> str:
    return FACES[max(-2, min(2, round(score)))]


class MapGrid:
    """Renderable: the whole map at the width Rich offers."""

    def __init__(
        self,
        journey: JourneyMap,
        *,
        labels: MapLabels | None = None,
        styles: MapStyles | None = None,
        highlight: Iterable[str] = (),
        current_stage: int | None = None,
        big: bool = False,
        max_items: int = 4,
    ) -> None:
        self.journey = journey
        self.labels = labels or MapLabels()
        self.styles = styles or MapStyles()
        self.highlight = frozenset(highlight)
        self.current_stage = current_stage  # 1-based
        self.big = big
        self.max_items = max_items

    # -- layout ---------------------------------------------------------------------------

    def _window(self, fit: int) -> tuple[int, list[Stage]]:
        stages = self.journey.stages
        if len(stages) <= fit:
            return 0, list(stages)
        current = (self.current_stage or 1) - 1
        start = max(0, min(current - fit // 2, len(stages) - fit))
        return start, list(stages[start : start + fit])

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(20, options.max_width)
        yield from self._lines(console, width)

    def _lines(self, console: Console, width: int) -> Iterator[Text]:
        s, lab = self.styles, self.labels
        if self.journey.personas:
            names = ", ".join(p.name for p in self.journey.personas)
            yield _fit(Text(lab.personas.format(names=names), style=s.dim), width)
        if not self.journey.stages:
            yield Text(lab.empty, style=s.dim)
            return
        lanes = (lab.stage, lab.actions, lab.touchpoints, lab.emotion, lab.pains, lab.opportunities)
        label_w = 0 if width < 64 else min(18, max(len(n) for n in lanes) + 2)
        usable = width - label_w
        min_col = 20 if self.big else 15
        start, cols = self._window(max(1, usable // min_col))
        colw = usable // len(cols)
        rule = Text("─" * (label_w + colw * len(cols)), style=s.rule)

        # Stage headers (three lines tall on a big screen: readable from the back of a room).
        header_rows = 3 if self.big else 1
        for row in range(header_rows):
            line = Text(" " * label_w)
            if row == header_rows // 2 and label_w:
                line = Text(_pad(lab.stage, label_w), style=s.label)
            for offset, stage in enumerate(cols):
                number = start + offset + 1
                is_current = number == self.current_stage
                style = s.header_current if is_current else s.header
                if stage.id in self.highlight:
                    style = s.highlight
                title = f"{number}. {stage.name}" if row == header_rows // 2 else ""
                cell = Text(_center(title, colw - 1), style=style)
                line.append_text(cell)
                line.append(" ")
            yield line

        def lane(label: str, cells: list[list[Text]]) -> Iterator[Text]:
            yield rule
            height = max((len(c) for c in cells), default=0) or 1
            for row in range(height):
                line = Text(_pad(label if row == 0 else "", label_w), style=s.label)
                for cell in cells:
                    part = cell[row] if row < len(cell) else Text("")
                    line.append_text(_fit(part, colw - 1, pad=True))
                    line.append(" ")
                yield line

        yield from lane(
            lab.actions,
            [self._cell(console, [(a.id, "• " + a.text) for a in st.actions], colw) for st in cols],
        )
        yield from lane(
            lab.touchpoints,
            [
                self._cell(
                    console,
                    [
                        (tp.id, (CHANNEL_ICONS.get(tp.channel or "", NO_CHANNEL)) + " " + tp.name)
                        for tp in st.touchpoints
                    ],
                    colw,
                )
                for st in cols
            ],
        )
        yield rule
        yield from self._emotion_lane(cols, label_w, colw)
        yield from lane(
            lab.pains,
            [
                self._cell(console, [(p.id, "⚠ " + p.text) for p in st.pain_points], colw)
                for st in cols
            ],
        )
        by_stage, unlinked = self._opportunities_by_stage()
        yield from lane(
            lab.opportunities,
            [
                self._cell(
                    console, [(o_id, "★ " + text) for o_id, text in by_stage.get(st.id, [])], colw
                )
                for st in cols
            ],
        )
        if unlinked:
            yield rule
            for o_id, text in unlinked[: self.max_items]:
                style = s.highlight if o_id in self.highlight else s.item
                yield _fit(Text(" " * label_w + "★ " + text, style=style), width)

    def _cell(self, console: Console, items: list[tuple[str, str]], colw: int) -> list[Text]:
        s = self.styles
        lines: list[Text] = []
        shown = items[: self.max_items]
        for item_id, text in shown:
            style = s.highlight if item_id in self.highlight else s.item
            wrapped = list(Text(text, style=style).wrap(console, max(4, colw - 1)))
            limit = 4 if self.big else 3
            if len(wrapped) > limit:
                wrapped = wrapped[:limit]
                last = wrapped[-1].copy()
                last.rstrip()
                last.append("…")
                wrapped[-1] = last
            lines.extend(wrapped)
        if len(items) > len(shown):
            lines.append(Text(f"+{len(items) - len(shown)} …", style=s.dim))
        return lines

    def _opportunities_by_stage(
        self,
    ) -> tuple[dict[str, list[tuple[str, str]]], list[tuple[str, str]]]:
        stage_of_pain = {pp.id: st.id for st, pp in self.journey.iter_pain_points()}
        by_stage: dict[str, list[tuple[str, str]]] = {}
        unlinked: list[tuple[str, str]] = []
        for opp in self.journey.opportunities:
            stage_id = next(
                (stage_of_pain[p] for p in opp.pain_point_ids if p in stage_of_pain), None
            )
            if stage_id is None:
                unlinked.append((opp.id, opp.text))
            else:
                by_stage.setdefault(stage_id, []).append((opp.id, opp.text))
        return by_stage, unlinked

    def _emotion_lane(self, cols: list[Stage], label_w: int, colw: int) -> Iterator[Text]:
        s, lab = self.styles, self.labels
        height = 4 if self.big else 3
        total = colw * len(cols)
        points: list[tuple[float, float]] = []
        for index, stage in enumerate(cols):
            scores = stage_scores(stage)
            for k, score in enumerate(scores):
                x = (index * colw + (k + 0.5) / len(scores) * (colw - 1)) / max(1, total - 1)
                points.append((min(1.0, x), float(score)))
        rows = braille_curve(points, total, height)
        scale = ["+2", "", "", "-2"] if self.big else ["+2", " 0", "-2"]
        for row, text in enumerate(rows):
            label = lab.emotion if row == 0 else ""
            line = Text(_pad(label, max(0, label_w - 3)), style=s.label)
            if label_w:
                line.append(f"{scale[row]:>2} ", style=s.dim)
            line.append(text, style=s.neutral if points else s.dim)
            self._colour_curve(line, len(line) - len(text), cols, colw)
            yield line
        faces = Text(" " * label_w)
        for stage in cols:
            scores = stage_scores(stage)
            if scores:
                mean = sum(scores) / len(scores)
                style = s.positive if mean > 0.25 else s.negative if mean < -0.25 else s.neutral
                faces.append_text(Text(_center(f"{face(mean)} {mean:+.1f}", colw - 1), style=style))
            else:
                faces.append(" " * (colw - 1))
            faces.append(" ")
        yield faces

    def _colour_curve(self, line: Text, offset: int, cols: list[Stage], colw: int) -> None:
        s = self.styles
        for index, stage in enumerate(cols):
            scores = stage_scores(stage)
            if not scores:
                continue
            mean = sum(scores) / len(scores)
            style = s.positive if mean > 0.25 else s.negative if mean < -0.25 else s.neutral
            line.stylize(style, offset + index * colw, offset + (index + 1) * colw)


def _pad(text: str, width: int) -> str:
    if width <= 0:
        return ""
    if len(text) >= width:
        return text[: width - 1] + " "
    return text.ljust(width)


def _center(text: str, width: int) -> str:
    if width <= 0:
        return ""
    if len(text) > width:
        return text[: max(0, width - 1)] + "…"
    return text.center(width)


def _fit(text: Text, width: int, *, pad: bool = False) -> Text:
    text = text.copy()
    text.truncate(max(0, width), overflow="ellipsis", pad=pad)
    return text
