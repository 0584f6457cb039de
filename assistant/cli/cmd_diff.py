"""`journey diff`: show what changed between two maps."""

from __future__ import annotations

import argparse

from assistant.cli.common import fail

NAME = "diff"
HELP = "show what changed between two maps"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Compare two maps."


def run(args: argparse.Namespace) -> int:
    return fail("`journey diff` is not available in this version yet")
