"""`journey run`: run a scripted interview from a file of answers."""

from __future__ import annotations

import argparse

from assistant.cli.common import fail

NAME = "run"
HELP = "run a scripted interview from a file of answers"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Feed scripted answers to the interview and write the map and report."


def run(args: argparse.Namespace) -> int:
    return fail("`journey run` is not available in this version yet")
