"""`journey chat --plain [MAP.json]`: the interview line by line, for any terminal."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.cli.common import CommandError

NAME = "chat"
HELP = "run the interview line by line on stdin/stdout (screen readers, dumb terminals, pipes)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Run the interview in plain text: one line per answer (a list may also be given as "
        "'- item' lines ended by an empty line). Works with screen readers and pipes: "
        "`journey chat --plain < answers.txt`. Resumes MAP.json when it exists."
    )
    parser.add_argument("map", type=Path, nargs="?", metavar="MAP.json")
    parser.add_argument("--plain", action="store_true", help="plain text (the only mode here)")
    parser.add_argument("--lang", choices=("en", "fr"), help="interview language for a new map")
    parser.add_argument("--template", help="starting template for a new map")


def run(args: argparse.Namespace) -> int:
    from assistant.interview import Interview, InterviewError
    from assistant.plain import default_map_path, run_plain
    from assistant.store import read_wal

    try:
        # A session killed before its first save finished left only NAME.json.wal: resume it.
        if args.map is not None and (args.map.exists() or read_wal(args.map) is not None):
            interview = Interview.open(args.map)
        else:
            path = args.map or default_map_path()
            interview = Interview.create(path=path, language=args.lang, template=args.template)
    except InterviewError as exc:
        raise CommandError(str(exc)) from None
    with interview:
        return run_plain(interview)
