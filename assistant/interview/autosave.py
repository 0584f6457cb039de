"""Fast canonical dumps for autosave: re-serialise only the stages an answer touched.

An answer changes one stage at most, yet dumping a 1,000-touchpoint map takes ~15 ms even
in pydantic's Rust serializer. Each stage's JSON is cached and spliced into the map's
text; the result is byte-for-byte what `store.dump_map` writes (tests hold it to that),
and any doubt (`dirty=None`) falls back to dumping everything.
"""

from __future__ import annotations

from assistant.model import JourneyMap

_STAGES_KEY = '\n  "stages": []'
_INDENT = "\n    "


class StageCache:
    def __init__(self) -> None:
        self._fragments: dict[str, str] = {}

    def dump(self, journey: JourneyMap, dirty: set[str] | None) -> str:
        """`dirty`: ids of the stages that may have changed since the last dump; None
        when anything may have (then every stage is dumped again)."""
        if dirty is None:
            self._fragments.clear()
        else:
            for stage_id in dirty:
                self._fragments.pop(stage_id, None)
        fragments = []
        alive: dict[str, str] = {}
        for stage in journey.stages:
            text = self._fragments.get(stage.id)
            if text is None:
                text = "    " + stage.model_dump_json(indent=2).replace("\n", _INDENT)
            alive[stage.id] = text
            fragments.append(text)
        self._fragments = alive
        # Dump the map with no stages, then put the cached stages in their place.
        head = journey.model_copy(update={"stages": []})
        text = head.model_dump_json(indent=2)
        if fragments:
            body = '\n  "stages": [\n' + ",\n".join(fragments) + "\n  ]"
            text = text.replace(_STAGES_KEY, body, 1)
        return text + "\n"
