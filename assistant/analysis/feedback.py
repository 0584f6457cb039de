"""Importing customer feedback (a CSV of survey answers, tickets, reviews) onto touchpoints.

Three pure steps, so the CLI can show what will happen before anything is written:

1. `read_feedback(data, name=..., columns=...)` parses the bytes into rows, or raises
   `FeedbackError` with a one-line message naming the file and the line.
2. `plan_import(journey, table, scale=...)` matches each distinct stage/touchpoint value
   (by id, exact name ignoring case and accents, or a close name), detects the score scale
   and computes per target the count, the mean, the NPS and the disagreement with the
   workshop's emotion.
3. `apply_import(journey, plan)` returns a new map with the evidence attached.

Storage: a survey can have thousands of answers, a workshop map should stay readable. Each
matched touchpoint (or stage) gets one summary Evidence (metric = the scale, score = the mean
answer, source = "FILE: N answers") plus up to MAX_QUOTES quoted comments, most recent first,
each naming its file and line so a reader can find the original row. All provenance "imported".
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from assistant.analysis.normalise import fold
from assistant.analysis.scales import LABEL, METRIC, RANGE, Scale, nps, to_emotion
from assistant.model import Evidence, IdMaker, JourneyMap, Provenance, Stage, Touchpoint
from assistant.model.text import LINE_MAX, PARA_MAX, strip_control_chars

Field = Literal["stage", "touchpoint", "score", "comment", "date", "source"]
FIELDS: tuple[Field, ...] = ("stage", "touchpoint", "score", "comment", "date", "source")
MAX_QUOTES: Final = 5
CLOSE_CUTOFF: Final = 0.75
DISAGREEMENT: Final = 1.0  # feedback and workshop differ by more than this (on -2..+2)

# Header names recognised without --map-columns (compared case- and accent-insensitively).
SYNONYMS: Final[dict[Field, tuple[str, ...]]] = {
    "stage": ("stage", "etape", "phase", "journey stage"),
    "touchpoint": ("touchpoint", "touch point", "point de contact", "touchpoint id"),
    "score": ("score", "rating", "csat", "nps", "note", "satisfaction", "emotion"),
    "comment": ("comment", "comments", "commentaire", "feedback", "verbatim", "text", "review"),
    "date": ("date", "created", "created at", "created_at", "submitted", "submitted at"),
    "source": ("source", "origin", "channel source", "provenance"),
}


class FeedbackError(Exception):
    """The feedback file cannot be used. The message is one line naming file and line."""


# -- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    line: int
    stage: str
    touchpoint: str
    score: float | None
    comment: str
    date: dt.date | None
    source: str


@dataclass(frozen=True)
class FeedbackTable:
    name: str
    columns: dict[Field, str]
    rows: list[Row]


def parse_column_map(text: str) -> dict[Field, str]:
    """'stage=Step,score=CSAT' -> {'stage': 'Step', 'score': 'CSAT'}."""
    out: dict[Field, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        key, sep, column = part.partition("=")
        key = key.strip().lower()
        if not sep or not column.strip():
            raise FeedbackError(f"--map-columns: {part.strip()!r} should read FIELD=COLUMN")
        if key not in FIELDS:
            raise FeedbackError(
                f"--map-columns: unknown field {key!r} (fields: {', '.join(FIELDS)})"
            )
        out[key] = column.strip()
    return out


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise FeedbackError(
            f"{name}: line {line}: binary data (NUL bytes); is it a spreadsheet or UTF-16 "
            "text? Export it again as “CSV UTF-8”"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FeedbackError(
            f"{name}: line {line}: not UTF-8 text (byte {exc.start}); "
            "export it again as “CSV UTF-8”"
        ) from None


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _columns(header: Sequence[str], name: str, requested: dict[Field, str]) -> dict[Field, int]:
    folded = [fold(h) for h in header]
    found: dict[Field, int] = {}
    for key in FIELDS:
        if key in requested:
            wanted = fold(requested[key])
            if wanted not in folded:
                raise FeedbackError(
                    f"{name}: line 1: no column {requested[key]!r} for {key} "
                    f"(columns: {', '.join(header)})"
                )
            found[key] = folded.index(wanted)
            continue
        for synonym in SYNONYMS[key]:
            if synonym in folded and folded.index(synonym) not in found.values():
                found[key] = folded.index(synonym)
                break
    if "stage" not in found and "touchpoint" not in found:
        raise FeedbackError(
            f"{name}: line 1: no stage or touchpoint column (columns: {', '.join(header)}); "
            "name one with --map-columns touchpoint=COLUMN"
        )
    return found


def _score(value: str, name: str, line: int) -> float | None:
    value = value.strip()
    if not value:
        return None
    try:
        number = float(value.replace(",", ".").replace("+", "", 1))
    except ValueError:
        number = float("nan")
    if number != number or number in (float("inf"), float("-inf")):  # NaN or infinite
        raise FeedbackError(f"{name}: line {line}: score {value!r} is not a number")
    return number


def _date(value: str, name: str, line: int) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise FeedbackError(
            f"{name}: line {line}: date {value!r} is not YYYY-MM-DD (day and month order "
            "differ between countries, so only ISO dates are read)"
        ) from None


# What strip_control_chars removes (Cc, Cs, line/paragraph separators): most cells have none,
# and checking with one regex first keeps 10,000 rows well under a second.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _clean(value: str, limit: int, *, multiline: bool) -> str:
    if _CONTROL.search(value):
        value = strip_control_chars(value, multiline=multiline)
    text = value.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def read_feedback(
    data: bytes, *, name: str, columns: dict[Field, str] | None = None
) -> FeedbackTable:
    """Parse a feedback CSV (UTF-8; comma, semicolon or tab separated; a header row)."""
    if not data.strip():
        raise FeedbackError(f"{name}: the file is empty")
    text = _decode(data, name)
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n")[0]), strict=True
    )
    try:
        header = next(reader)
        found = _columns(header, name, columns or {})
        width = len(header)
        get = {key: found.get(key) for key in FIELDS}
        rows: list[Row] = []
        for record in reader:
            line = reader.line_num
            if not record or not any(cell.strip() for cell in record):
                continue  # blank line
            if len(record) != width and not (
                len(record) > width and not any(c.strip() for c in record[width:])
            ):
                raise FeedbackError(
                    f"{name}: line {line}: expected {width} fields like the header, found "
                    f"{len(record)} (a separator or a quote out of place?)"
                )

            def cell(key: Field, record: list[str] = record) -> str:
                index = get[key]
                return "" if index is None else record[index]

            rows.append(
                Row(
                    line=line,
                    stage=_clean(cell("stage"), LINE_MAX, multiline=False),
                    touchpoint=_clean(cell("touchpoint"), LINE_MAX, multiline=False),
                    score=_score(cell("score"), name, line),
                    comment=_clean(cell("comment"), PARA_MAX, multiline=True),
                    date=_date(cell("date"), name, line),
                    source=_clean(cell("source"), LINE_MAX, multiline=False),
                )
            )
    except StopIteration:
        raise FeedbackError(f"{name}: the file is empty") from None
    except csv.Error as exc:
        raise FeedbackError(f"{name}: line {reader.line_num}: not valid CSV ({exc})") from None
    if not rows:
        raise FeedbackError(f"{name}: line 1: a header but no rows of feedback")
    return FeedbackTable(name, {k: header[i] for k, i in found.items()}, rows)


# -- scale --------------------------------------------------------------------------------------


def detect_scale(values: Iterable[float]) -> Scale:
    """CSAT (1-5), NPS (0-10) or emotion (-2..+2), from the scores seen."""
    seen = list(values)
    if not seen:
        return "csat"
    low, high = min(seen), max(seen)
    if low < 0:
        return "emotion"
    if high > 5:
        return "nps"
    if low == 0:
        return "nps" if high > 2 else "emotion"
    return "csat"


def check_scale(table: FeedbackTable, scale: Scale, *, detected: bool) -> None:
    low, high = RANGE[scale]
    for row in table.rows:
        if row.score is not None and not low <= row.score <= high:
            how = "detected from the other scores; force one with --scale" if detected else ""
            raise FeedbackError(
                f"{table.name}: line {row.line}: score {row.score:g} is outside the "
                f"{LABEL[scale]} scale{f' ({how})' if how else ''}"
            )


# -- matching -----------------------------------------------------------------------------------

MatchKind = Literal["id", "exact", "close", "none"]
_WORST: Final[dict[MatchKind, int]] = {"id": 0, "exact": 1, "close": 2, "none": 3}


@dataclass
class Match:
    """One distinct (stage, touchpoint) value of the file and what it matched."""

    stage_value: str
    touchpoint_value: str
    kind: MatchKind
    stage: Stage | None = None
    touchpoint: Touchpoint | None = None
    reason: str = ""
    lines: list[int] = field(default_factory=list)

    @property
    def target_id(self) -> str | None:
        if self.touchpoint is not None:
            return self.touchpoint.id
        return self.stage.id if self.stage is not None else None


class _Finder:
    """Resolves names to stages and touchpoints; each distinct value is resolved once."""

    def __init__(self, journey: JourneyMap) -> None:
        self.journey = journey
        self.cache: dict[tuple[str, str], Match] = {}

    @staticmethod
    def _one(
        value: str, items: Sequence[tuple[str, str, object]]
    ) -> tuple[MatchKind, list[object]]:
        """(kind, matches) among (id, folded name, item) triples."""
        by_id = [item for item_id, _, item in items if item_id == value]
        if by_id:
            return "id", by_id
        folded = fold(value)
        exact = [item for _, name, item in items if name == folded]
        if exact:
            return "exact", exact
        names = sorted({name for _, name, _ in items})
        close = difflib.get_close_matches(folded, names, n=1, cutoff=CLOSE_CUTOFF)
        if close:
            return "close", [item for _, name, item in items if name == close[0]]
        return "none", []

    def resolve(self, stage_value: str, tp_value: str) -> Match:
        key = (stage_value, tp_value)
        if key not in self.cache:
            self.cache[key] = self._resolve(stage_value, tp_value)
        return self.cache[key]

    def _resolve(self, stage_value: str, tp_value: str) -> Match:
        match = Match(stage_value, tp_value, "none")
        if not stage_value and not tp_value:
            match.reason = "no stage or touchpoint given"
            return match
        kinds: list[MatchKind] = []
        stage: Stage | None = None
        if stage_value:
            stages = [(s.id, fold(s.name), s) for s in self.journey.stages]
            kind, found = self._one(stage_value, stages)
            if kind == "none":
                match.reason = "no stage by that name"
                return match
            stage = found[0]  # type: ignore[assignment]
            kinds.append(kind)
        if tp_value:
            pool = stage.touchpoints if stage is not None else [
                tp for _, tp in self.journey.iter_touchpoints()
            ]  # fmt: skip
            kind, found = self._one(tp_value, [(t.id, fold(t.name), t) for t in pool])
            if kind == "none":
                where = f" in stage {stage.name!r}" if stage is not None else ""
                match.reason = f"no touchpoint by that name{where}"
                return match
            if len(found) > 1:
                match.reason = "touchpoints of that name in several stages; add a stage column"
                return match
            match.touchpoint = found[0]  # type: ignore[assignment]
            kinds.append(kind)
            if stage is None:
                stage = next(s for s in self.journey.stages if match.touchpoint in s.touchpoints)
        match.stage = stage
        match.kind = max(kinds, key=lambda k: _WORST[k])
        return match


# -- plan ---------------------------------------------------------------------------------------


@dataclass
class TargetStats:
    """Feedback on one touchpoint (or on a stage, for rows naming only a stage)."""

    target_id: str
    stage: Stage
    touchpoint: Touchpoint | None
    rows: list[Row]
    answers: int
    mean: float | None  # the mean answer, in the file's scale
    nps: int | None
    feeling: float | None  # the mean on -2..+2
    workshop: int | None  # the workshop's emotion score
    disagrees: bool

    @property
    def name(self) -> str:
        return self.touchpoint.name if self.touchpoint is not None else self.stage.name


@dataclass
class ImportPlan:
    table: FeedbackTable
    scale: Scale
    scale_detected: bool
    matches: list[Match]
    targets: list[TargetStats]

    @property
    def unmatched(self) -> list[Match]:
        return [m for m in self.matches if m.kind == "none"]

    @property
    def close(self) -> list[Match]:
        return [m for m in self.matches if m.kind == "close"]

    @property
    def matched_rows(self) -> int:
        return sum(len(m.lines) for m in self.matches if m.kind != "none")

    @property
    def unmatched_rows(self) -> int:
        return sum(len(m.lines) for m in self.unmatched)


def _stats(
    target_id: str, stage: Stage, tp: Touchpoint | None, rows: list[Row], scale: Scale
) -> TargetStats:
    scores = [r.score for r in rows if r.score is not None]
    mean = sum(scores) / len(scores) if scores else None
    feeling = None if mean is None else to_emotion(mean, scale)
    workshop = tp.emotion.score if tp is not None and tp.emotion is not None else None
    disagrees = feeling is not None and workshop is not None and abs(feeling - workshop) > 1
    return TargetStats(
        target_id=target_id,
        stage=stage,
        touchpoint=tp,
        rows=rows,
        answers=len(scores),
        mean=mean,
        nps=nps(scores) if scale == "nps" else None,
        feeling=feeling,
        workshop=workshop,
        disagrees=disagrees,
    )


def plan_import(
    journey: JourneyMap, table: FeedbackTable, scale: Scale | None = None
) -> ImportPlan:
    """Match the rows and compute the figures; nothing is changed."""
    detected = scale is None
    chosen = scale or detect_scale(r.score for r in table.rows if r.score is not None)
    check_scale(table, chosen, detected=detected)
    finder = _Finder(journey)
    order: list[Match] = []
    grouped: dict[str, list[Row]] = {}
    for row in table.rows:
        match = finder.resolve(row.stage, row.touchpoint)
        if not match.lines:
            order.append(match)
        match.lines.append(row.line)
        target = match.target_id
        if target is not None:
            grouped.setdefault(target, []).append(row)
    targets = []
    for stage in journey.stages:  # map order
        if stage.id in grouped:
            targets.append(_stats(stage.id, stage, None, grouped[stage.id], chosen))
        for tp in stage.touchpoints:
            if tp.id in grouped:
                targets.append(_stats(tp.id, stage, tp, grouped[tp.id], chosen))
    return ImportPlan(table, chosen, detected, order, targets)


# -- apply --------------------------------------------------------------------------------------


def _evidence(plan: ImportPlan, stats: TargetStats, ids: IdMaker) -> list[Evidence]:
    name = plan.table.name
    metric = METRIC[plan.scale]
    imported = Provenance(how="imported")
    out: list[Evidence] = []
    dates = [r.date for r in stats.rows if r.date is not None]
    if stats.mean is not None:
        summary = f"{name}: {stats.answers} answer{'s' if stats.answers != 1 else ''}"
        if stats.nps is not None:
            summary += f", NPS {stats.nps:+d}" if stats.nps else ", NPS 0"
        out.append(
            Evidence(
                id=ids.new("evidence"),
                source=summary[:LINE_MAX],
                metric=metric,
                score=round(stats.mean, 2),
                date=max(dates) if dates else None,
                provenance=imported,
            )
        )
    commented = [r for r in stats.rows if r.comment]
    commented.sort(key=lambda r: (-(r.date or dt.date.min).toordinal(), r.line))
    for row in commented[:MAX_QUOTES]:
        where = f"{name}, line {row.line}"
        out.append(
            Evidence(
                id=ids.new("evidence"),
                quote=row.comment,
                source=(f"{row.source} ({where})" if row.source else where)[:LINE_MAX],
                metric=metric if row.score is not None else None,
                score=row.score,
                date=row.date,
                provenance=imported,
            )
        )
    return out


def apply_import(journey: JourneyMap, plan: ImportPlan) -> tuple[JourneyMap, int]:
    """A new map with the evidence attached, and how many evidence items were added."""
    result = journey.model_copy(deep=True)
    ids = IdMaker(result)
    by_id = {stats.target_id: stats for stats in plan.targets}
    added = 0
    for stage in result.stages:
        if stage.id in by_id:
            new = _evidence(plan, by_id[stage.id], ids)
            stage.evidence = [*stage.evidence, *new]
            added += len(new)
        for tp in stage.touchpoints:
            if tp.id in by_id:
                new = _evidence(plan, by_id[tp.id], ids)
                tp.evidence = [*tp.evidence, *new]
                added += len(new)
    return JourneyMap.model_validate(result.model_dump()), added
