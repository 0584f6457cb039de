"""`journey import-feedback`: attach survey or support feedback (CSV) to touchpoints."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.analysis.checks import signed
from assistant.analysis.feedback import (
    MAX_QUOTES,
    FeedbackError,
    ImportPlan,
    Match,
    apply_import,
    parse_column_map,
    plan_import,
    read_feedback,
)
from assistant.analysis.scales import LABEL, SCALES
from assistant.cli.common import EXIT_DATA, EXIT_OK, CommandError, add_map_argument
from assistant.store import MapLock, load_map, save_map

NAME = "import-feedback"
HELP = "attach survey or support feedback (CSV) to touchpoints"
SHOW_LINES = 5  # line numbers listed per unmatched value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Attach customer feedback (survey answers, support tickets, reviews) to the map's "
        "touchpoints as evidence. Each row names a stage and/or a touchpoint (by id or by "
        "name), and may carry a score, a comment, a date and a source. Prints what matched "
        "and what did not, then the figures per touchpoint, flagging where customers and "
        "the workshop disagree by more than one point."
    )
    add_map_argument(parser)
    parser.add_argument(
        "feedback", type=Path, metavar="FEEDBACK.csv", help="UTF-8 CSV with a header"
    )
    parser.add_argument(
        "--map-columns",
        default="",
        metavar="FIELD=COLUMN,...",
        help="which column holds each field: stage, touchpoint, score, comment, date, source "
        "(default: recognised header names)",
    )
    parser.add_argument(
        "--scale",
        choices=SCALES,
        default=None,
        help="score scale: csat 1-5, nps 0-10, emotion -2..+2 (default: detected)",
    )
    parser.add_argument("--yes", action="store_true", help="accept close name matches")
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would change; save nothing"
    )


def _label(match: Match) -> str:
    parts = [v for v in (match.stage_value, match.touchpoint_value) if v]
    return " / ".join(f"“{p}”" for p in parts) or "(empty)"


def _rows(n: int) -> str:
    return f"{n:,} row{'s' if n != 1 else ''}"


def describe_matches(plan: ImportPlan) -> list[str]:
    width = min(40, max(len(_label(m)) for m in plan.matches))
    lines = ["Matches:"]
    for m in plan.matches:
        label = _label(m)
        label = (label if len(label) <= width else label[: width - 1] + "…").ljust(width)
        if m.kind == "none":
            shown = ", ".join(str(n) for n in m.lines[:SHOW_LINES])
            more = ", …" if len(m.lines) > SHOW_LINES else ""
            lines.append(
                f"  none   {label}  ✗ {m.reason}: {_rows(len(m.lines))} NOT imported "
                f"(line {shown}{more})"
            )
            continue
        assert m.stage is not None
        target = (
            f"{m.touchpoint.id} {m.touchpoint.name} ({m.stage.name})"
            if m.touchpoint is not None
            else f"{m.stage.id} {m.stage.name} (stage)"
        )
        lines.append(f"  {m.kind:<5}  {label}  → {target}: {_rows(len(m.lines))}")
    return lines


def describe_figures(plan: ImportPlan) -> list[str]:
    if not plan.targets:
        return []
    width = min(40, max(len(f"{t.target_id} {t.name}") for t in plan.targets))
    nps_col = plan.scale == "nps"
    head = f"  {'touchpoint':<{width}}  {'rows':>6}  {'answers':>7}  {'mean':>5}"
    head += f"  {'NPS':>4}" if nps_col else ""
    head += f"  {'workshop':>8}  {'feedback':>8}"
    lines = [f"Feedback per touchpoint ({LABEL[plan.scale]}; workshop and feedback on -2..+2):"]
    lines.append(head)
    for t in plan.targets:
        name = f"{t.target_id} {t.name}"
        name = name if len(name) <= width else name[: width - 1] + "…"
        mean = "—" if t.mean is None else f"{t.mean:.2f}"
        line = f"  {name:<{width}}  {len(t.rows):>6,}  {t.answers:>7,}  {mean:>5}"
        if nps_col:
            line += f"  {'—' if t.nps is None else signed(t.nps):>4}"
        workshop = "—" if t.workshop is None else signed(t.workshop)
        feeling = "—" if t.feeling is None else signed(round(t.feeling, 1))
        line += f"  {workshop:>8}  {feeling:>8}"
        if t.disagrees:
            line += "  ⚠ disagrees with the workshop"
        lines.append(line)
    return lines


def _confirm(plan: ImportPlan, yes: bool) -> None:
    if not plan.close or yes:
        return
    if not sys.stdin.isatty():
        raise CommandError(
            f"{len(plan.close)} close name match(es) need confirmation: check the list "
            "above and re-run with --yes; the map is unchanged"
        )
    answer = input(f"Import the {len(plan.close)} close match(es) above? [y/N] ")
    if answer.strip().lower() not in ("y", "yes", "o", "oui"):
        raise CommandError("nothing imported; the map is unchanged")


def run(args: argparse.Namespace) -> int:
    try:
        columns = parse_column_map(args.map_columns)
    except FeedbackError as exc:
        raise CommandError(str(exc)) from None
    try:
        data = args.feedback.read_bytes()
    except OSError as exc:
        raise CommandError(f"{args.feedback}: cannot be read ({exc.strerror or exc})") from None
    with MapLock(args.map):
        journey = load_map(args.map)
        try:
            table = read_feedback(data, name=args.feedback.name, columns=columns)
            plan = plan_import(journey, table, args.scale)
        except FeedbackError as exc:
            raise CommandError(str(exc)) from None
        how = "detected; force with --scale" if plan.scale_detected else "--scale"
        mapped = ", ".join(f"{k}={v}" for k, v in table.columns.items())
        print(f"{args.feedback}: {_rows(len(table.rows))}, scale {LABEL[plan.scale]} ({how})")
        print(f"Columns: {mapped}")
        print()
        print("\n".join(describe_matches(plan)))
        if plan.matched_rows == 0:
            raise CommandError(
                f"no row of {args.feedback.name} matched a stage or touchpoint of the map; "
                "nothing imported"
            )
        print()
        print("\n".join(describe_figures(plan)))
        print()
        if plan.unmatched_rows:
            n = plan.unmatched_rows
            verb = "is" if n == 1 else "are"
            print(f"{_rows(n)} matched nothing and {verb} NOT imported (see the list above).")
        _confirm(plan, args.yes)
        result, added = apply_import(journey, plan)
        summary = (
            f"{added} evidence item(s) on {len(plan.targets)} touchpoint(s)/stage(s): a summary "
            f"each and up to {MAX_QUOTES} quoted comments, from {_rows(plan.matched_rows)}"
        )
        if args.dry_run:
            print(f"Dry run: would add {summary}. The map is unchanged.")
            return EXIT_OK
        save_map(result, args.map)
    print(f"Saved {args.map}: added {summary}.")
    return EXIT_OK if plan.matched_rows else EXIT_DATA
