"""`journey export`: write a report (Markdown, HTML, CSV, JSON, Mermaid) from a map."""

from __future__ import annotations

import argparse

from assistant.cli.common import fail

NAME = "export"
HELP = "write a report (Markdown, HTML, CSV, JSON, Mermaid) from a map"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Export a map as a report."


def run(args: argparse.Namespace) -> int:
    return fail("`journey export` is not available in this version yet")
