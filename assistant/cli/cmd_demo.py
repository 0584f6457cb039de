"""`journey demo`: run the "Sarah chooses a CRM" workshop headlessly, print the paths."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.cli.common import CommandError

NAME = "demo"
HELP = "run a scripted demo workshop headlessly and print where the map was written"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Run the demo workshop (Sarah chooses a CRM) without a screen."
    parser.add_argument("--out", type=Path, default=None, metavar="DIR")


def run(args: argparse.Namespace) -> int:
    from assistant.paths import default_maps_dir, prompts_dir
    from assistant.scripted import ScriptError, load_script, run_script

    out = args.out or default_maps_dir() / "demo"
    try:
        result = run_script(load_script(prompts_dir() / "en" / "demo-answers.yaml"), out)
    except ScriptError as exc:
        raise CommandError(str(exc)) from None
    print(f"map:    {result.map_path}")
    print(f"report: {result.report_path}")
    return 0
