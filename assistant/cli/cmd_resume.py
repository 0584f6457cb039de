"""`journey resume`: continue a workshop at the exact question where it stopped."""

from __future__ import annotations

import argparse

from assistant.cli.common import add_map_argument

NAME = "resume"
HELP = "continue a workshop at the exact question where it stopped"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Continue a workshop from its map file, at the question where it stopped, "
        "with the conversation so far."
    )
    add_map_argument(parser, help="the map file to continue")


def run(args: argparse.Namespace) -> int:
    from assistant.cli.cmd_new import _run, one_line_errors
    from assistant.tui.app import TuiConfig, create_app
    from assistant.tui.session import open_session

    with one_line_errors():
        session = open_session(args.map.expanduser())  # broken or locked map: one line
    app = create_app(TuiConfig(language=session.language), session=session)
    return _run(app)
