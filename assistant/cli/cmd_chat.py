"""`journey chat`: run the interview line by line (screen readers, pipes)."""

from __future__ import annotations

import argparse

from assistant.cli.common import fail

NAME = "chat"
HELP = "run the interview line by line (screen readers, pipes)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Run the interview in plain text on stdin/stdout."


def run(args: argparse.Namespace) -> int:
    return fail("`journey chat` is not available in this version yet")
