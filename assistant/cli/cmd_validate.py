"""`journey validate MAP.json`: check that a file is a valid journey map."""

from __future__ import annotations

import argparse

from assistant.cli.common import add_map_argument
from assistant.store import load_map

NAME = "validate"
HELP = "check that a map file is valid (structure, fields, references)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check a map file: JSON syntax, every field, and every cross-reference. "
        "Prints one line; exits 0 when valid, 1 when not."
    )
    add_map_argument(parser)


def run(args: argparse.Namespace) -> int:
    journey = load_map(args.map)  # MapFileError is reported by main
    touchpoints = sum(len(s.touchpoints) for s in journey.stages)
    print(
        f"{args.map}: valid journey map ({len(journey.personas)} persona(s), "
        f"{len(journey.stages)} stage(s), {touchpoints} touchpoint(s))"
    )
    return 0
