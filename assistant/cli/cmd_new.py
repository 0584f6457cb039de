"""`journey new`: start a new workshop in the terminal UI."""

from __future__ import annotations

import argparse

from assistant.cli.common import fail

NAME = "new"
HELP = "start a new workshop in the terminal UI"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Start a new journey-mapping workshop."


def run(args: argparse.Namespace) -> int:
    return fail("`journey new` is not available in this version yet")
