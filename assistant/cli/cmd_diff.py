"""`journey diff`: show what changed between two maps."""

from __future__ import annotations

import argparse
import json

from assistant.analysis.diff import diff_maps
from assistant.analysis.render import render_diff
from assistant.cli.common import EXIT_OK, add_map_argument
from assistant.model import LANGUAGES
from assistant.store import load_map

NAME = "diff"
HELP = "show what changed between two maps"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Compare two maps (two versions, or a current and a future state), item by item "
        "(by id): stages and touchpoints added, removed and renamed, emotion moves, pain "
        "points resolved, opportunities added, removed or delivered. Markdown output renders "
        "in wikis (GFM tables). Exits 0 either way."
    )
    add_map_argument(parser, "a")
    add_map_argument(parser, "b")
    parser.add_argument("--format", choices=("md", "json"), default="md", help="default: md")
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=None, help="language of the Markdown (default: B's)"
    )


def run(args: argparse.Namespace) -> int:
    a = load_map(args.a)
    b = load_map(args.b)
    diff = diff_maps(a, b)
    if args.format == "json":
        data = {"a": str(args.a), "b": str(args.b), **diff.as_dict()}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_diff(diff, args.lang or b.language), end="")
    return EXIT_OK
