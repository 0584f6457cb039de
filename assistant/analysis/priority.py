"""Prioritising opportunities: impact/effort quadrants and a ranking by votes.

Both scales run 1..5; 3 and above counts as high. The ranking puts the room's votes first,
then the best ratio of impact to effort, so a wiki reader sees what the workshop chose.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from assistant.model import Opportunity

Quadrant = Literal["quick_win", "big_bet", "fill_in", "money_pit"]
QUADRANTS: tuple[Quadrant, ...] = ("quick_win", "big_bet", "fill_in", "money_pit")
HIGH = 3


def quadrant(opportunity: Opportunity) -> Quadrant | None:
    """None until both impact and effort are known."""
    if opportunity.impact is None or opportunity.effort is None:
        return None
    high_impact = opportunity.impact >= HIGH
    high_effort = opportunity.effort >= HIGH
    if high_impact:
        return "big_bet" if high_effort else "quick_win"
    return "money_pit" if high_effort else "fill_in"


def _rank_key(pair: tuple[int, Opportunity]) -> tuple[int, int, float, int]:
    position, opp = pair
    rated = opp.impact is not None and opp.effort is not None
    ratio = (opp.impact or 0) / (opp.effort or 1) if rated else -1.0
    return (-opp.total_votes, 0 if rated else 1, -ratio, position)


def rank(opportunities: Iterable[Opportunity]) -> list[Opportunity]:
    """Most votes first; then rated before unrated, best impact/effort first; stable."""
    return [opp for _, opp in sorted(enumerate(opportunities), key=_rank_key)]


def prioritisation(opportunities: Iterable[Opportunity]) -> dict[str, Any]:
    """JSON-ready prioritisation: the ranking by votes and the impact/effort quadrants.

    `ranked` lists every opportunity, best first (see `rank`); `quadrants` maps each of
    QUADRANTS to the ids in it, in ranking order; `unrated` lists those without both ratings.
    """
    ranked = rank(opportunities)
    quadrants: dict[str, list[str]] = {name: [] for name in QUADRANTS}
    unrated: list[str] = []
    for opp in ranked:
        where = quadrant(opp)
        (unrated if where is None else quadrants[where]).append(opp.id)
    return {
        "ranked": [
            {
                "rank": position,
                "id": opp.id,
                "text": opp.text,
                "votes": opp.total_votes,
                "impact": opp.impact,
                "effort": opp.effort,
                "quadrant": quadrant(opp),
                "status": opp.status,
            }
            for position, opp in enumerate(ranked, start=1)
        ],
        "quadrants": quadrants,
        "unrated": unrated,
    }
