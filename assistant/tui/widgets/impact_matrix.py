"""The impact/effort matrix: quick wins, big bets, fill-ins and money pits."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from assistant.model import JourneyMap
from assistant.tui.chrome import Chrome

QUADRANT_STYLES = {
    "quick_win": "bold green",
    "big_bet": "bold cyan",
    "fill_in": "bold",
    "money_pit": "bold red",
}


class ImpactMatrix(Widget):
    DEFAULT_CSS = """
    ImpactMatrix { height: 1fr; }
    """

    def __init__(self, chrome: Chrome, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chrome = chrome
        self.border_title = chrome.t("opportunities.matrix")
        self._journey: JourneyMap | None = None
        self._highlight: str | None = None

    def show(self, journey: JourneyMap, highlight: str | None = None) -> None:
        self._journey = journey
        self._highlight = highlight
        self.refresh()

    def render(self) -> RenderableType:
        from assistant.analysis.priority import quadrant

        t = self.chrome.t
        journey = self._journey
        if journey is None or not journey.opportunities:
            return Text(t("opportunities.empty"), style="dim")
        cells: dict[str, Text] = {}
        for name in QUADRANT_STYLES:
            cells[name] = Text(t(f"opportunities.{name}") + "\n", style=QUADRANT_STYLES[name])
        unrated = Text()
        for number, opp in enumerate(journey.opportunities, start=1):
            where = quadrant(opp)
            style = "reverse bold" if opp.id == self._highlight else ""
            line = Text(f"{number:>2} ", style="bold")
            line.append(opp.text, style=style)
            if opp.total_votes:
                line.append(f" ●{opp.total_votes}", style="yellow")
            line.append("\n")
            (unrated if where is None else cells[where]).append_text(line)
        table = Table(show_header=True, expand=True, show_lines=True, padding=(0, 1))
        table.add_column("", width=3, no_wrap=True)
        table.add_column(f"{t('opportunities.effort')} 1-2", ratio=1)
        table.add_column(f"{t('opportunities.effort')} 3-5", ratio=1)
        table.add_row(Text("▲\n3-5", style="dim"), cells["quick_win"], cells["big_bet"])
        table.add_row(Text("\n1-2", style="dim"), cells["fill_in"], cells["money_pit"])
        parts: list[RenderableType] = [
            Text(f"↑ {t('opportunities.impact')}", style="dim"),
            table,
        ]
        if unrated.plain:
            parts.append(Text(t("opportunities.unrated"), style="bold dim"))
            parts.append(unrated)
        return Group(*parts)
