"""`journey run --answers FILE.yaml`: run the interview from scripted answers."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.cli.common import CommandError
from assistant.interview import InterviewError

NAME = "run"
HELP = "run the interview from a file of scripted answers; write the map and the report"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Feed scripted answers to the interview (a YAML list of the exact strings a person "
        "would type, commands included; or a mapping with `answers:` and `language:`). "
        "Writes DIR/<slug>.json and DIR/<slug>.md and prints both paths."
    )
    parser.add_argument("--answers", type=Path, required=True, metavar="FILE.yaml")
    parser.add_argument(
        "--lang", choices=("en", "fr"), help="interview language (overrides the file)"
    )
    parser.add_argument(
        "--out", type=Path, default=Path("."), metavar="DIR", help="output folder (default: .)"
    )
    parser.add_argument("--no-report", action="store_true", help="write the map only")


def run(args: argparse.Namespace) -> int:
    from assistant.scripted import ScriptError, load_script, run_script

    try:
        script = load_script(args.answers)
        result = run_script(script, args.out, language=args.lang, report=not args.no_report)
    except (ScriptError, InterviewError) as exc:
        raise CommandError(str(exc)) from None
    print(result.map_path)
    if result.report_path is not None:
        print(result.report_path)
    if not result.finished:
        print(f"note: the interview is not finished; next question: {result.next_question}")
    return 0
