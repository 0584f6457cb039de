"""`journey new`: start a new workshop in the terminal UI."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.cli.common import CommandError

NAME = "new"
HELP = "start a new workshop in the terminal UI"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Start a new journey-mapping workshop. Without options the app opens on its welcome "
        "screen; with --lang, --template or --out it goes straight to the first question."
    )
    parser.add_argument("--lang", choices=("en", "fr"), help="language of the interview")
    parser.add_argument("--template", metavar="NAME", help="start from a template's stages")
    parser.add_argument("--title", help="title of the map (otherwise the interview asks)")
    parser.add_argument(
        "--out",
        type=Path,
        metavar="MAP.json",
        help="where to save the map (default: the journey-maps folder in your documents)",
    )


def run(args: argparse.Namespace) -> int:
    from assistant.tui.app import TuiConfig, create_app
    from assistant.tui.session import NewWorkshop, default_map_path, new_session, quick_start

    lang = getattr(args, "lang", None)
    template = getattr(args, "template", None)
    title = getattr(args, "title", None)
    out = getattr(args, "out", None)
    config = TuiConfig(language=lang or "en")
    if lang is None and template is None and out is None and title is None:
        app = create_app(config)
    else:
        path = out.expanduser() if out else default_map_path(title or "journey-map")
        request = NewWorkshop(path=path, language=lang, title=title, template=template)
        starting = quick_start(request) if _template_exists(lang, template) else None
        if starting is not None:  # the first question shows while the engine loads
            app = create_app(config, starting=starting)
        else:
            with one_line_errors():
                session = new_session(request)  # a bad template or a locked map: one line
            app = create_app(config, session=session)
    return _run(app)


def _template_exists(language: str | None, template: str | None) -> bool:
    """A misspelt template is refused before the app opens, with the engine's message."""
    if template is None:
        return True
    if "/" in template or "\\" in template or template.startswith("."):
        return False  # not a template name: the engine says so
    from assistant.paths import prompts_dir

    return (prompts_dir() / (language or "en") / "templates" / f"{template}.yaml").is_file()


@contextmanager
def one_line_errors() -> Iterator[None]:
    """Interview and prompt errors become the CLI's one-line error (exit 1)."""
    from assistant.interview import InterviewError, PromptFileError

    try:
        yield
    except (InterviewError, PromptFileError) as exc:
        raise CommandError(str(exc)) from None


def _run(app: object) -> int:
    from assistant.tui.app import JourneyApp

    assert isinstance(app, JourneyApp)
    try:
        code = app.run()
    finally:
        if app.session is not None:
            app.session.close(draft=app.draft)
    if app.startup_error is not None:
        raise CommandError(app.startup_error)
    return int(code or 0)
