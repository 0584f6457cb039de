"""The whole map as a grid: stages as columns, one editable item field per cell."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from assistant.model import JourneyMap
from assistant.tui.chrome import Chrome
from assistant.tui.map_render import CHANNEL_ICONS, FACES


@dataclass(frozen=True)
class Cell:
    """What a grid cell edits: one field of one item, and its current text."""

    item_id: str
    field: str
    value: str
    where: str


class ReviewGrid(DataTable[Text]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "edit", "Edit cell", id="journey.edit"),
    ]

    @dataclass
    class EditRequested(Message):
        grid: ReviewGrid
        cell: Cell | None

        @property
        def control(self) -> ReviewGrid:
            return self.grid

    def __init__(self, chrome: Chrome, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.chrome = chrome
        self.cells: dict[tuple[int, int], Cell] = {}
        self.positions: dict[str, tuple[int, int]] = {}  # item id -> (row, column)
        self.stage_columns: dict[str, int] = {}

    def show(self, journey: JourneyMap) -> None:
        t = self.chrome.t
        keep = self.cursor_coordinate
        self.clear(columns=True)
        self.cells.clear()
        self.positions.clear()
        self.stage_columns.clear()
        stages = journey.stages
        self.add_column(Text(""), key="lane", width=14)
        for index, stage in enumerate(stages, start=1):
            self.add_column(Text(f"{index}. {stage.name}", style="bold"), key=stage.id, width=24)
            self.stage_columns[stage.id] = index
        rows: list[tuple[str, list[Cell | None]]] = []

        def where(stage_name: str, label: str) -> str:
            return f"{stage_name} › {label}"

        rows.append(
            (
                t("review.rows.stage"),
                [
                    Cell(s.id, "name", s.name, where(s.name, t("review.fields.name")))
                    for s in stages
                ],
            )
        )
        rows.append(
            (
                t("review.rows.goal"),
                [
                    Cell(
                        s.id,
                        "customer_goal",
                        s.customer_goal or "",
                        where(s.name, t("review.rows.goal")),
                    )
                    for s in stages
                ],
            )
        )
        for n in range(max((len(s.actions) for s in stages), default=0)):
            rows.append(
                (
                    t("review.rows.action") if n == 0 else "",
                    [
                        Cell(
                            s.actions[n].id,
                            "text",
                            s.actions[n].text,
                            where(s.name, f"{t('review.rows.action')} {n + 1}"),
                        )
                        if n < len(s.actions)
                        else None
                        for s in stages
                    ],
                )
            )
        for n in range(max((len(s.touchpoints) for s in stages), default=0)):
            label = t("review.rows.touchpoint")
            rows.append(
                (
                    label if n == 0 else "",
                    [
                        Cell(
                            s.touchpoints[n].id,
                            "name",
                            s.touchpoints[n].name,
                            where(s.name, f"{label} {n + 1}"),
                        )
                        if n < len(s.touchpoints)
                        else None
                        for s in stages
                    ],
                )
            )
            emotion_label = t("review.rows.emotion")
            cells: list[Cell | None] = []
            for s in stages:
                if n < len(s.touchpoints):
                    tp = s.touchpoints[n]
                    value = (
                        f"{tp.emotion.score:+d} {tp.emotion.word or ''}".strip()
                        if tp.emotion
                        else ""
                    )
                    cells.append(
                        Cell(tp.id, "emotion", value, where(s.name, f"{tp.name} › {emotion_label}"))
                    )
                else:
                    cells.append(None)
            rows.append(("  " + emotion_label, cells))
        for n in range(max((len(s.pain_points) for s in stages), default=0)):
            label = t("review.rows.pain")
            rows.append(
                (
                    label if n == 0 else "",
                    [
                        Cell(
                            s.pain_points[n].id,
                            "text",
                            s.pain_points[n].text,
                            where(s.name, f"{label} {n + 1}"),
                        )
                        if n < len(s.pain_points)
                        else None
                        for s in stages
                    ],
                )
            )
        tps = {tp.id: tp for _, tp in journey.iter_touchpoints()}
        for row_index, (label, cells) in enumerate(rows):
            shown: list[Text] = [Text(label, style="bold")]
            for column, cell in enumerate(cells, start=1):
                if cell is None:
                    shown.append(Text("·", style="dim"))
                    continue
                self.cells[(row_index, column)] = cell
                self.positions.setdefault(cell.item_id, (row_index, column))
                shown.append(self._cell_text(cell, tps))
            height = max(1, min(3, max(len(c.plain) // 22 + 1 for c in shown)))
            self.add_row(*shown, height=height)
        if self.row_count and len(self.columns):
            row = min(keep.row, self.row_count - 1)
            column = min(max(1, keep.column), len(self.columns) - 1)
            self.cursor_coordinate = self.cursor_coordinate._replace(row=row, column=column)

    def _cell_text(self, cell: Cell, tps: Mapping[str, object]) -> Text:
        if cell.field == "emotion":
            if not cell.value:
                return Text("—", style="dim")
            score = int(cell.value.split()[0])
            style = "green" if score > 0 else "red" if score < 0 else "yellow"
            return Text(f"{FACES[score]} {cell.value}", style=style)
        if cell.field == "name" and cell.item_id in tps:
            channel = getattr(tps[cell.item_id], "channel", None)
            return Text(f"{CHANNEL_ICONS.get(channel or '', '◦ ')} {cell.value}")
        return Text(cell.value or "—", style="" if cell.value else "dim")

    def current_cell(self) -> Cell | None:
        coordinate = self.cursor_coordinate
        return self.cells.get((coordinate.row, coordinate.column))

    def action_edit(self) -> None:
        self.post_message(self.EditRequested(self, self.current_cell()))

    def jump_to(self, item_id: str | None, stage_id: str | None) -> bool:
        if item_id and item_id in self.positions:
            row, column = self.positions[item_id]
        elif stage_id and stage_id in self.stage_columns:
            row, column = 0, self.stage_columns[stage_id]
            if item_id is None:  # a stage-level gap: its touchpoint rows are where it is fixed
                pass
        else:
            return False
        self.cursor_coordinate = self.cursor_coordinate._replace(row=row, column=column)
        self.focus()
        return True
