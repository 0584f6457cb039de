"""Stable, readable item ids: a kind prefix and a number (`tp-7`).

Numbers only grow within a map, so an id is never given to two items at once and stays
with its item across renames and reordering. They are deterministic: the same interview
gives the same ids, which keeps maps and reports diff-friendly.
"""

from __future__ import annotations

from typing import Final

from assistant.model.journey import JourneyMap, iter_items

PREFIX: Final = {
    "participant": "pt",
    "persona": "per",
    "stage": "st",
    "action": "act",
    "thought": "th",
    "touchpoint": "tp",
    "evidence": "ev",
    "pain_point": "pp",
    "blueprint": "bp",
    "opportunity": "opp",
    "idea": "idea",
    "note": "note",
}


def next_number(journey: JourneyMap, prefix: str) -> int:
    highest = 0
    start = prefix + "-"
    for item in iter_items(journey):
        if item.id.startswith(start):
            highest = max(highest, int(item.id[len(start) :]))
    return highest + 1


class IdMaker:
    """Hands out ids for one map; scans the map once per prefix, then counts."""

    def __init__(self, journey: JourneyMap) -> None:
        self._journey = journey
        self._next: dict[str, int] = {}

    def new(self, kind: str) -> str:
        prefix = PREFIX[kind]
        if prefix not in self._next:
            self._next[prefix] = next_number(self._journey, prefix)
        number = self._next[prefix]
        self._next[prefix] = number + 1
        return f"{prefix}-{number}"

    def forget(self) -> None:
        """Call after items were removed or the map replaced (undo), to rescan."""
        self._next.clear()
