"""What every subcommand shares: exit codes, one-line errors, map path arguments."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_DATA = 1  # bad input or data: a broken map, a bad CSV, an answer that failed
EXIT_USAGE = 2  # bad command line (argparse uses 2 as well)


class CommandError(Exception):
    """A failure to report to the user as one line, with exit code 1."""


def fail(message: str) -> int:
    print(f"journey: error: {message}", file=sys.stderr)
    return EXIT_DATA


def add_map_argument(parser: argparse.ArgumentParser, name: str = "map", **kwargs: str) -> None:
    parser.add_argument(name, type=Path, metavar=name.upper() + ".json", **kwargs)  # type: ignore[arg-type]
