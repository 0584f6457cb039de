"""`journey check`: lint a map: gaps, missing links, unsupported emotions."""

from __future__ import annotations

import argparse

from assistant.cli.common import fail

NAME = "check"
HELP = "lint a map: gaps, missing links, unsupported emotions"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Check a map for gaps."


def run(args: argparse.Namespace) -> int:
    return fail("`journey check` is not available in this version yet")
