"""The CSV export: one row per touchpoint, written with the csv module.

UTF-8, a header row in the report language, CRLF line ends, every text cell quoted
(QUOTE_NONNUMERIC): multi-line cells and separators open cleanly in Excel and LibreOffice.
`excel=True` adds a byte-order mark so Excel detects UTF-8. Text cells starting with
= + - @ (or a tab / carriage return) are prefixed with `'` so no spreadsheet runs them as a
formula (CSV injection); numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from assistant.export.escape import csv_cell
from assistant.model import JourneyMap, PainPoint

BOM = "\ufeff"
COLUMNS = (
    "stage",
    "personas",
    "actions",
    "touchpoint",
    "channel",
    "emotion_score",
    "emotion_word",
    "pain_points",
    "opportunities",
    "evidence_count",
)


def render_csv(journey: JourneyMap, labels: Mapping[str, Any], *, excel: bool = False) -> str:
    personas = {p.id: p.name for p in journey.personas}
    pains_of_tp: dict[str, list[PainPoint]] = {}
    for _stage, pp in journey.iter_pain_points():
        for tid in pp.touchpoint_ids:
            pains_of_tp.setdefault(tid, []).append(pp)
    opps_of_pain: dict[str, list[str]] = {}
    for opp in journey.opportunities:
        for pid in opp.pain_point_ids:
            opps_of_pain.setdefault(pid, []).append(opp.text)

    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow([labels["csv"][key] for key in COLUMNS])
    for stage in journey.stages:
        # A pain point linked to touchpoints goes on those rows; an unlinked one on every
        # row of its stage (it belongs to the stage as a whole).
        stage_wide = [pp for pp in stage.pain_points if not pp.touchpoint_ids]
        actions = "\n".join(a.text for a in stage.actions)
        for tp in stage.touchpoints:
            pains = pains_of_tp.get(tp.id, []) + stage_wide
            opps = [text for pp in pains for text in opps_of_pain.get(pp.id, [])]
            emotion = tp.emotion
            row: list[str | int] = [
                csv_cell(stage.name),
                csv_cell(", ".join(personas[p] for p in tp.persona_ids if p in personas)),
                csv_cell(actions),
                csv_cell(tp.name),
                csv_cell("" if tp.channel is None else labels["channels"][tp.channel]),
                "" if emotion is None else emotion.score,
                csv_cell("" if emotion is None or emotion.word is None else emotion.word),
                csv_cell("\n".join(pp.text for pp in pains)),
                csv_cell("\n".join(dict.fromkeys(opps))),
                len(tp.evidence),
            ]
            writer.writerow(row)
    text = buffer.getvalue()
    return BOM + text if excel else text
