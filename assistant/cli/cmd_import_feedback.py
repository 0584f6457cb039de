"""`journey import-feedback`: attach survey or support feedback (CSV) to touchpoints."""

from __future__ import annotations

import argparse

from assistant.cli.common import fail

NAME = "import-feedback"
HELP = "attach survey or support feedback (CSV) to touchpoints"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Import customer feedback from a CSV file."


def run(args: argparse.Namespace) -> int:
    return fail("`journey import-feedback` is not available in this version yet")
