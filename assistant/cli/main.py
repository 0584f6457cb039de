"""Entry point of `journey`: builds the parser from the subcommand modules and runs one."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from assistant import __version__
from assistant.cli.common import EXIT_DATA, CommandError, fail

# Subcommand modules, imported only when their command runs: importing all of them pulled
# the analysis and export packages into every start-up, the TUI's included.
COMMAND_MODULES: tuple[str, ...] = (
    "new",
    "resume",
    "chat",
    "run",
    "export",
    "check",
    "diff",
    "import_feedback",
    "future",
    "validate",
    "schema",
    "demo",
)


def _load(module_name: str) -> ModuleType:
    return importlib.import_module(f"assistant.cli.cmd_{module_name}")


def __getattr__(name: str) -> object:
    if name == "COMMANDS":  # every subcommand module, for help texts and tests
        return tuple(_load(m) for m in COMMAND_MODULES)
    raise AttributeError(name)


DESCRIPTION = """\
Guide a customer-journey-mapping workshop: personas, stages, actions, touchpoints,
emotions, pain points and opportunities, one question at a time, in English or French.
Writes a map (JSON) and a wiki-ready report (Markdown with Mermaid diagrams).

Run `journey` alone to open the workshop app."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; with `only`, other subcommands are named but not imported."""
    parser = argparse.ArgumentParser(
        prog="journey",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"journey {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        name = module_name.replace("_", "-")
        if only is not None and name != only:
            sub.add_parser(name)
            continue
        module = _load(module_name)
        command = sub.add_parser(module.NAME, help=module.HELP)
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def _wanted(argv: Sequence[str]) -> str | None:
    """The subcommand named in argv, "new" when none, None when help for all is asked."""
    names = {m.replace("_", "-") for m in COMMAND_MODULES}
    for arg in argv:
        if arg in ("-h", "--help"):
            return None
        if arg in names:
            return arg
        if not arg.startswith("-"):
            return None  # a typo: argparse lists the choices
    return "" if "--version" in argv else "new"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_wanted(arguments))
    args = parser.parse_args(arguments)
    if args.command is None:
        args = parser.parse_args(["new", *arguments])
    try:
        code: int = args.handler(args)
    except CommandError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        print("\ninterrupted; everything answered so far is saved.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_DATA
    except Exception as exc:
        # assistant.store is not imported up front: it loads the model (pydantic), which the
        # TUI defers until its first frame is painted. A MapFileError means it is loaded.
        store = sys.modules.get("assistant.store")
        if store is not None and isinstance(exc, store.MapFileError):
            return fail(str(exc))
        raise
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
