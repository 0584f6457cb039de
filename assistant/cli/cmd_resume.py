"""`journey resume`: continue a workshop at the exact question where it stopped."""

from __future__ import annotations

import argparse

from assistant.cli.common import fail

NAME = "resume"
HELP = "continue a workshop at the exact question where it stopped"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Continue a workshop from its map file."


def run(args: argparse.Namespace) -> int:
    return fail("`journey resume` is not available in this version yet")
