"""Starting a future-state map from a current-state map.

The future map keeps the personas, stages, touchpoints, pain points and evidence (the
starting point the changes are designed against) and points back at the current map
(`derived_from`). Every opportunity still at "idea" becomes a planned change (status
"planned"); the interview (`journey resume`) then walks these changes one by one. Nothing
else changes, so `journey diff CURRENT FUTURE` lists exactly the planned changes.
"""

from __future__ import annotations

import datetime as dt

from assistant.model import JourneyMap, MapLink
from assistant.model.text import LINE_MAX

SUFFIX = {"en": "future state", "fr": "état futur"}
ID_SUFFIX = "-future"


def make_future(
    current: JourneyMap, *, path: str | None = None, today: dt.date | None = None
) -> JourneyMap:
    """The future-state map of `current`; `path` is where the current map lives (for links)."""
    if current.map_type == "future":
        raise ValueError(f"{current.title!r} is already a future-state map")
    future = current.model_copy(deep=True)
    title = f"{current.title} — {SUFFIX[current.language]}"
    future.map_type = "future"
    future.id = (current.id[: LINE_MAX - len(ID_SUFFIX)]) + ID_SUFFIX
    future.title = title if len(title) <= LINE_MAX else current.title
    future.created = today or dt.date.today()
    future.updated = None
    future.interview = None  # `journey resume` starts a fresh walk through the changes
    future.derived_from = MapLink(map_id=current.id, title=current.title, path=path)
    for opp in future.opportunities:
        if opp.status == "idea":
            opp.status = "planned"
    return JourneyMap.model_validate(future.model_dump())


def planned_changes(journey: JourneyMap) -> list[str]:
    """Ids of the opportunities a future map plans to make (status planned or in progress)."""
    return [o.id for o in journey.opportunities if o.status in ("planned", "in_progress")]
