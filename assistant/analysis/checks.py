"""Checks on a map: the review gaps the interview and the TUI show, and `journey check`.

A `Finding` names what is wrong (a stable `code`), how much it matters (`severity`), where
(`path` such as "stages[1].touchpoints[0]", plus the item and stage ids) and the names that
fill the message placeholders (`params`). The human text lives in prompts/<lang>/checks.yaml;
`describe` turns a finding into (message, fix hint) in a language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from assistant.analysis.normalise import fold_loose
from assistant.analysis.scales import feedback_feeling
from assistant.model import JourneyMap, Stage, TextItem
from assistant.paths import prompts_dir

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

# Every code `run_checks` can report, with its severity. prompts/<lang>/checks.yaml holds the
# message and the fix hint of each one (a test keeps the two in step).
CODES: dict[str, Severity] = {
    "map-without-stages": "error",
    "stage-without-touchpoints": "warning",
    "touchpoint-without-emotion": "warning",
    "negative-emotion-without-pain-point": "warning",
    "pain-point-without-opportunity": "warning",
    "persona-unused": "warning",
    "opportunity-without-rating": "warning",
    "duplicate-item": "warning",
    "emotion-contradicts-feedback": "warning",
    "emotion-without-evidence": "info",
    "blueprint-stage-without-lanes": "info",
}
GAP_CODES: tuple[str, ...] = (
    "stage-without-touchpoints",
    "negative-emotion-without-pain-point",
    "pain-point-without-opportunity",
    "persona-unused",
)
NEGATIVE = -1  # an emotion score at or below this needs a pain point to explain it
SHORT = 60  # long texts are cut to this many characters in messages


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    path: str
    item_id: str | None
    stage_id: str | None
    params: dict[str, str] = field(default_factory=dict)


def signed(score: float) -> str:
    """+2, -1, 0, +0.4: the sign always shown except for zero."""
    if score == 0:
        return "0"
    return f"{score:+d}" if isinstance(score, int) else f"{score:+.1f}"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"


def _finding(
    code: str, path: str, item_id: str | None, stage_id: str | None, **params: str
) -> Finding:
    return Finding(code, CODES[code], path, item_id, stage_id, params)


# -- the four review gaps -------------------------------------------------------------------


def _stage_gaps(journey: JourneyMap) -> Iterator[Finding]:
    for si, stage in enumerate(journey.stages):
        if not stage.touchpoints:
            yield _finding(
                "stage-without-touchpoints", f"stages[{si}]", stage.id, stage.id, stage=stage.name
            )


def _negative_emotion_gaps(journey: JourneyMap) -> Iterator[Finding]:
    explained = {ref for _, pp in journey.iter_pain_points() for ref in pp.touchpoint_ids}
    for si, stage in enumerate(journey.stages):
        for ti, tp in enumerate(stage.touchpoints):
            if tp.emotion is None or tp.emotion.score > NEGATIVE or tp.id in explained:
                continue
            yield _finding(
                "negative-emotion-without-pain-point",
                f"stages[{si}].touchpoints[{ti}]",
                tp.id,
                stage.id,
                touchpoint=tp.name,
                stage=stage.name,
                score=signed(tp.emotion.score),
                word=tp.emotion.word or "",
            )


def _pain_point_gaps(journey: JourneyMap) -> Iterator[Finding]:
    addressed = {ref for opp in journey.opportunities for ref in opp.pain_point_ids}
    for si, stage in enumerate(journey.stages):
        for pi, pp in enumerate(stage.pain_points):
            if pp.id in addressed or pp.status == "resolved":
                continue
            yield _finding(
                "pain-point-without-opportunity",
                f"stages[{si}].pain_points[{pi}]",
                pp.id,
                stage.id,
                pain_point=_short(pp.text),
                stage=stage.name,
            )


def _persona_gaps(journey: JourneyMap) -> Iterator[Finding]:
    if len(journey.personas) <= 1:  # with one persona, every touchpoint is hers
        return
    used = {ref for _, tp in journey.iter_touchpoints() for ref in tp.persona_ids}
    for pi, persona in enumerate(journey.personas):
        if persona.id not in used:
            yield _finding(
                "persona-unused", f"personas[{pi}]", persona.id, None, persona=persona.name
            )


_SECTION_ORDER = {
    name: rank
    for rank, name in enumerate(
        (
            "personas",
            "stages",
            "actions",
            "thoughts",
            "touchpoints",
            "pain_points",
            "blueprint.frontstage",
            "blueprint.backstage",
            "blueprint.support",
            "blueprint.physical_evidence",
            "evidence",
            "opportunities",
            "parking_lot",
            "notes",
        )
    )
}
_PATH_PART = re.compile(r"([a-z_.]+)(?:\[(\d+)\])?")


def path_key(path: str) -> tuple[tuple[int, int], ...]:
    """Sort key putting paths in map order: personas, stage by stage, then map-level lists."""
    parts = []
    for match in _PATH_PART.finditer(path):
        name = match.group(1).strip(".")
        index = int(match.group(2)) if match.group(2) is not None else -1
        parts.append((_SECTION_ORDER.get(name, len(_SECTION_ORDER)), index))
    return tuple(parts)


def _in_map_order(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: path_key(f.path))


def find_gaps(journey: JourneyMap) -> list[Finding]:
    """The four review gaps only, in map order (personas, then stage by stage)."""
    findings = [
        *_persona_gaps(journey),
        *_stage_gaps(journey),
        *_negative_emotion_gaps(journey),
        *_pain_point_gaps(journey),
    ]
    return _in_map_order(findings)


# -- the rest of `journey check` -------------------------------------------------------------


def _emotion_checks(journey: JourneyMap) -> Iterator[Finding]:
    for si, stage in enumerate(journey.stages):
        for ti, tp in enumerate(stage.touchpoints):
            path = f"stages[{si}].touchpoints[{ti}]"
            names = {"touchpoint": tp.name, "stage": stage.name}
            if tp.emotion is None:
                yield _finding("touchpoint-without-emotion", path, tp.id, stage.id, **names)
                continue
            feeling = feedback_feeling(tp)
            if not tp.evidence:
                yield _finding(
                    "emotion-without-evidence",
                    path,
                    tp.id,
                    stage.id,
                    **names,
                    score=signed(tp.emotion.score),
                )
            elif feeling is not None and abs(feeling - tp.emotion.score) > 1:
                yield _finding(
                    "emotion-contradicts-feedback",
                    path,
                    tp.id,
                    stage.id,
                    **names,
                    score=signed(tp.emotion.score),
                    feedback=signed(round(feeling, 1)),
                )


def _opportunity_checks(journey: JourneyMap) -> Iterator[Finding]:
    for oi, opp in enumerate(journey.opportunities):
        if opp.status in ("delivered", "dropped"):
            continue
        missing = [name for name in ("impact", "effort") if getattr(opp, name) is None]
        if missing:
            yield _finding(
                "opportunity-without-rating",
                f"opportunities[{oi}]",
                opp.id,
                None,
                opportunity=_short(opp.text),
                missing=" + ".join(missing),
            )


def _blueprint_checks(journey: JourneyMap) -> Iterator[Finding]:
    if journey.map_type != "blueprint":
        return
    for si, stage in enumerate(journey.stages):
        lanes = stage.blueprint
        if not lanes.frontstage and not lanes.backstage:
            yield _finding(
                "blueprint-stage-without-lanes",
                f"stages[{si}]",
                stage.id,
                stage.id,
                stage=stage.name,
            )


def _lists(journey: JourneyMap) -> Iterator[tuple[str, str | None, list[tuple[str, str]]]]:
    """(path, stage id, [(item id, text)]) for every list whose items should differ."""
    yield "personas", None, [(p.id, p.name) for p in journey.personas]
    yield "stages", None, [(s.id, s.name) for s in journey.stages]
    for si, stage in enumerate(journey.stages):
        base = f"stages[{si}]"
        yield f"{base}.touchpoints", stage.id, [(t.id, t.name) for t in stage.touchpoints]
        yield f"{base}.pain_points", stage.id, [(p.id, p.text) for p in stage.pain_points]
        for name, items in _text_lists(stage):
            yield f"{base}.{name}", stage.id, [(t.id, t.text) for t in items]
    yield "opportunities", None, [(o.id, o.text) for o in journey.opportunities]
    yield "parking_lot", None, [(t.id, t.text) for t in journey.parking_lot]
    yield "notes", None, [(t.id, t.text) for t in journey.notes]


def _text_lists(stage: Stage) -> Iterator[tuple[str, list[TextItem]]]:
    yield "actions", stage.actions
    yield "thoughts", stage.thoughts
    for lane in ("frontstage", "backstage", "support", "physical_evidence"):
        yield f"blueprint.{lane}", getattr(stage.blueprint, lane)


def _duplicate_checks(journey: JourneyMap) -> Iterator[Finding]:
    for path, stage_id, items in _lists(journey):
        first: dict[str, tuple[int, str]] = {}
        for index, (item_id, text) in enumerate(items):
            key = fold_loose(text)
            if not key:
                continue
            if key in first:
                first_index, first_id = first[key]
                yield _finding(
                    "duplicate-item",
                    f"{path}[{index}]",
                    item_id,
                    stage_id,
                    text=_short(text),
                    first=f"{path}[{first_index}]",
                    first_id=first_id,
                )
            else:
                first[key] = (index, item_id)


def run_checks(journey: JourneyMap) -> list[Finding]:
    """Every check of `journey check` (a superset of `find_gaps`), in map order."""
    if not journey.stages:
        return [_finding("map-without-stages", "stages", None, None, title=journey.title)]
    findings = [
        *_persona_gaps(journey),
        *_stage_gaps(journey),
        *_blueprint_checks(journey),
        *_emotion_checks(journey),
        *_negative_emotion_gaps(journey),
        *_pain_point_gaps(journey),
        *_opportunity_checks(journey),
        *_duplicate_checks(journey),
    ]
    return _in_map_order(findings)


# -- human text -------------------------------------------------------------------------------


class CheckTextError(LookupError):
    """prompts/<lang>/checks.yaml lacks an entry, or an entry does not fit its finding."""


def checks_file(lang: str) -> Path:
    return prompts_dir() / lang / "checks.yaml"


@cache
def _load_texts(lang: str) -> dict[str, dict[str, str]]:
    path = checks_file(lang)
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CheckTextError(f"{path}: no such file (language {lang!r})") from None
    except yaml.YAMLError as exc:
        raise CheckTextError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise CheckTextError(f"{path}: expected a mapping of finding codes")
    return data


def describe(finding: Finding, lang: str) -> tuple[str, str]:
    """(message, fix hint) for a finding, in `lang`, from prompts/<lang>/checks.yaml."""
    texts = _load_texts(lang)
    path = checks_file(lang)
    entry = texts.get(finding.code)
    if not isinstance(entry, dict):
        raise CheckTextError(f"{path}: no entry for finding code {finding.code!r}")
    out: list[str] = []
    for key in ("message", "fix"):
        template = entry.get(key)
        if not isinstance(template, str):
            raise CheckTextError(f"{path}: {finding.code}.{key} is missing")
        try:
            out.append(template.format_map(finding.params).strip())
        except (KeyError, IndexError, ValueError) as exc:
            raise CheckTextError(
                f"{path}: {finding.code}.{key} uses placeholder {exc} that the finding lacks"
            ) from None
    return out[0], out[1]
