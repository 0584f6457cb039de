"""`journey demo`: run a short scripted demo workshop and print where the map was written."""

from __future__ import annotations

import argparse

from assistant.cli.common import fail

NAME = "demo"
HELP = "run a short scripted demo workshop and print where the map was written"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Start a demo journey-mapping workshop."


def run(args: argparse.Namespace) -> int:
    return fail("`journey demo` is not available in this version yet")
