"""`journey check`: lint a map: gaps, missing links, unsupported emotions."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import Any

from assistant.analysis.checks import SEVERITIES, Finding, describe, run_checks
from assistant.analysis.priority import prioritisation
from assistant.cli.common import EXIT_DATA, EXIT_OK, add_map_argument
from assistant.model import LANGUAGES, JourneyMap
from assistant.store import load_map

NAME = "check"
HELP = "lint a map: gaps, missing links, unsupported emotions"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check a map for gaps: stages without touchpoints, negative emotions without a pain "
        "point, pain points without an opportunity, unused personas, unrated opportunities, "
        "emotions without evidence, duplicates. Exits 1 on errors (and on warnings with "
        "--strict), so a repository of maps can gate on it."
    )
    add_map_argument(parser)
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for tools (includes the prioritisation)",
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=None, help="language of the messages (default: map's)"
    )


def exit_code(findings: list[Finding], *, strict: bool) -> int:
    severities = {f.severity for f in findings}
    if "error" in severities or (strict and "warning" in severities):
        return EXIT_DATA
    return EXIT_OK


def _counts(findings: list[Finding]) -> dict[str, int]:
    counter = Counter(f.severity for f in findings)
    return {severity: counter[severity] for severity in SEVERITIES}


def _summary(counts: dict[str, int]) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 or word == 'info' else 's'}"

    return ", ".join(plural(counts[s], s) for s in SEVERITIES)


def as_json(journey: JourneyMap, findings: list[Finding], lang: str, source: str) -> dict[str, Any]:
    items = []
    for finding in findings:
        message, fix = describe(finding, lang)
        items.append(
            {
                "code": finding.code,
                "severity": finding.severity,
                "path": finding.path,
                "item_id": finding.item_id,
                "stage_id": finding.stage_id,
                "message": message,
                "fix": fix,
                "params": finding.params,
            }
        )
    return {
        "map": source,
        "map_id": journey.id,
        "language": lang,
        "summary": _counts(findings),
        "findings": items,
        "prioritisation": prioritisation(journey.opportunities),
    }


def as_text(findings: list[Finding], lang: str, source: str) -> str:
    if not findings:
        return f"{source}: no findings"
    width = max(len(f.path) for f in findings)
    indent = " " * (len("warning") + 2)
    lines = []
    order = {severity: i for i, severity in enumerate(SEVERITIES)}
    for finding in sorted(findings, key=lambda f: order[f.severity]):  # stable: map order kept
        message, fix = describe(finding, lang)
        lines.append(f"{finding.severity:<7}  {finding.path:<{width}}  [{finding.code}]")
        lines.append(f"{indent}{message}")
        lines.append(f"{indent}→ {fix}")
    lines.append("")
    lines.append(f"{source}: {_summary(_counts(findings))}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    journey = load_map(args.map)  # MapFileError is reported by main
    lang = args.lang or journey.language
    findings = run_checks(journey)
    code = exit_code(findings, strict=args.strict)
    if args.format == "json":
        print(
            json.dumps(
                as_json(journey, findings, lang, str(args.map)), ensure_ascii=False, indent=2
            )
        )
        return code
    print(as_text(findings, lang, str(args.map)))
    if code and not any(f.severity == "error" for f in findings):
        print("(--strict: warnings fail the check)")
    return code
