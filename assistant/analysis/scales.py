"""Feedback scales and how they map onto the workshop's emotion scale (-2..+2).

CSAT 1..5 maps to score - 3; NPS 0..10 maps linearly (0 -> -2, 5 -> 0, 10 -> +2); the emotion
scale is already -2..+2. Evidence items name their scale in `metric`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal

from assistant.model import Evidence, Touchpoint

Scale = Literal["csat", "nps", "emotion"]
SCALES: tuple[Scale, ...] = ("csat", "nps", "emotion")
RANGE: Final[dict[Scale, tuple[int, int]]] = {"csat": (1, 5), "nps": (0, 10), "emotion": (-2, 2)}
METRIC: Final[dict[Scale, str]] = {
    "csat": "CSAT 1-5",
    "nps": "NPS 0-10",
    "emotion": "emotion -2..+2",
}
# Also understood in hand-written evidence (a bare "NPS" may mean the -100..100 score: not used).
_ALIASES: Final[dict[str, Scale]] = {"csat": "csat", "emotion": "emotion"}
LABEL: Final[dict[Scale, str]] = METRIC


def to_emotion(value: float, scale: Scale) -> float:
    """A raw score on `scale`, on the emotion scale -2..+2."""
    if scale == "csat":
        return value - 3
    if scale == "nps":
        return (value - 5) * 2 / 5
    return value


def scale_of_metric(metric: str | None) -> Scale | None:
    if metric is None:
        return None
    folded = metric.strip().casefold()
    for scale, name in METRIC.items():
        if folded == name.casefold():
            return scale
    return _ALIASES.get(folded)


def nps(values: Iterable[float]) -> int | None:
    """Net Promoter Score: % of 9-10 minus % of 0-6, rounded; None without answers."""
    answers = list(values)
    if not answers:
        return None
    promoters = sum(1 for v in answers if v >= 9)
    detractors = sum(1 for v in answers if v <= 6)
    return round(100 * (promoters - detractors) / len(answers))


def scored(evidence: Iterable[Evidence]) -> list[tuple[Evidence, Scale]]:
    out = []
    for item in evidence:
        scale = scale_of_metric(item.metric)
        if scale is not None and item.score is not None:
            out.append((item, scale))
    return out


def feedback_feeling(touchpoint: Touchpoint) -> float | None:
    """What customer feedback says about a touchpoint, on -2..+2; None without scores.

    An import stores one summary per touchpoint (no quote) plus a few quoted rows; when
    summaries exist only they count, so quoted rows are not counted twice.
    """
    items = scored(touchpoint.evidence)
    summaries = [(e, s) for e, s in items if e.quote is None]
    use = summaries or items
    if not use:
        return None
    return sum(to_emotion(e.score or 0.0, s) for e, s in use) / len(use)
