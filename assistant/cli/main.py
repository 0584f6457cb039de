"""Entry point of `journey`: builds the parser from the subcommand modules and runs one."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from assistant import __version__
from assistant.cli import (
    cmd_chat,
    cmd_check,
    cmd_demo,
    cmd_diff,
    cmd_export,
    cmd_future,
    cmd_import_feedback,
    cmd_new,
    cmd_resume,
    cmd_run,
    cmd_schema,
    cmd_validate,
)
from assistant.cli.common import EXIT_DATA, CommandError, fail
from assistant.store import MapFileError

COMMANDS: tuple[ModuleType, ...] = (
    cmd_new,
    cmd_resume,
    cmd_chat,
    cmd_run,
    cmd_export,
    cmd_check,
    cmd_diff,
    cmd_import_feedback,
    cmd_future,
    cmd_validate,
    cmd_schema,
    cmd_demo,
)

DESCRIPTION = """\
Guide a customer-journey-mapping workshop: personas, stages, actions, touchpoints,
emotions, pain points and opportunities, one question at a time, in English or French.
Writes a map (JSON) and a wiki-ready report (Markdown with Mermaid diagrams).

Run `journey` alone to open the workshop app."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journey",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"journey {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        command = sub.add_parser(module.NAME, help=module.HELP)
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["new", *(argv or [])])
    try:
        code: int = args.handler(args)
    except (MapFileError, CommandError) as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        print("\ninterrupted; everything answered so far is saved.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_DATA
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
