"""`journey export`: write a report (Markdown, HTML, CSV, JSON, Mermaid) from a map."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.cli.common import EXIT_OK, CommandError, add_map_argument
from assistant.export import FLAVORS, FORMATS, ExportError, render, write
from assistant.model import LANGUAGES
from assistant.store import load_map

NAME = "export"
HELP = "write a report (Markdown, HTML, CSV, JSON, Mermaid) from a map"

EPILOG = """\
Without --out the export is printed (every format, HTML included). --out FILE writes that
file; --out FOLDER writes FOLDER/<title-slug>.<md|json|csv|html|mmd>. Files are written
atomically: a reader sees the old file or the new one, never half of it.

CSV: one row per touchpoint, UTF-8 with a header row. Cells that start with = + - or @ get
a leading ' so spreadsheets never run them as formulas. --excel adds a byte-order mark so
Excel opens accented text correctly (LibreOffice does not need it).

--template FILE.j2 renders md, html or mermaid with your own Jinja2 template. It runs in a
sandbox: it sees the report data (`report`, `labels`, `map`), may include the built-in
templates (e.g. "_shared/macros.md.j2"), and cannot read other files or reach Python."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Export a map as a report."
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    add_map_argument(parser)
    parser.add_argument("--format", "-f", choices=FORMATS, default="md", dest="fmt")
    parser.add_argument(
        "--flavor",
        choices=FLAVORS,
        default="github",
        help="Markdown flavour: github/gitlab draw Mermaid diagrams, plain keeps text only",
    )
    parser.add_argument("--lang", choices=LANGUAGES, help="report language (default: the map's)")
    parser.add_argument("--template", type=Path, metavar="FILE.j2", help="your own template")
    parser.add_argument("--out", "-o", type=Path, metavar="PATH", help="a file or a folder")
    parser.add_argument("--excel", action="store_true", help="CSV: add a UTF-8 byte-order mark")


def run(args: argparse.Namespace) -> int:
    journey = load_map(args.map)
    options = {
        "flavor": args.flavor,
        "lang": args.lang,
        "template": args.template,
        "excel": args.excel,
    }
    try:
        if args.out is None:
            text = render(journey, args.fmt, **options)
            stream = sys.stdout
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(encoding="utf-8")
            stream.write(text)
            stream.flush()
        else:
            path = write(journey, args.fmt, args.out, **options)
            print(f"wrote {path}", file=sys.stderr)
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    return EXIT_OK
