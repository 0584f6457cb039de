"""`journey future`: start a future-state map from a current-state map."""

from __future__ import annotations

import argparse

from assistant.cli.common import fail

NAME = "future"
HELP = "start a future-state map from a current-state map"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Create a future-state map."


def run(args: argparse.Namespace) -> int:
    return fail("`journey future` is not available in this version yet")
