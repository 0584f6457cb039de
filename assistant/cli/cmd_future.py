"""`journey future`: start a future-state map from a current-state map."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from assistant.analysis.future import make_future, planned_changes
from assistant.cli.common import EXIT_OK, CommandError, add_map_argument
from assistant.store import MapLock, load_map, save_map

NAME = "future"
HELP = "start a future-state map from a current-state map"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Create a future-state map from a current-state map: same personas, stages and "
        "touchpoints, a link back to the current map, and every opportunity turned into a "
        "planned change. Then run `journey resume FUTURE.json` to design the changes."
    )
    add_map_argument(parser, "current")
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FUTURE.json", help="the map to create"
    )
    parser.add_argument("--force", action="store_true", help="overwrite --out if it exists")


def _link(current: Path, out: Path) -> str:
    """The current map's path as seen from the future map's folder (portable in a repo)."""
    try:
        return Path(os.path.relpath(current.resolve(), out.resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows
        return str(current.resolve())


def run(args: argparse.Namespace) -> int:
    current_path: Path = args.current
    out: Path = args.out
    if out.resolve() == current_path.resolve():
        raise CommandError(f"{out}: --out must be a new file, not the current map")
    current = load_map(current_path)
    if current.map_type == "future":
        raise CommandError(f"{current_path}: is already a future-state map")
    with MapLock(out):
        if out.exists() and not args.force:
            raise CommandError(f"{out}: already exists; use --force to overwrite it")
        future = make_future(current, path=_link(current_path, out))
        save_map(future, out, backup=True)
    changes = planned_changes(future)
    print(f"Created {out}: future state of “{current.title}”.")
    print(
        f"  {len(future.personas)} persona(s), {len(future.stages)} stage(s), "
        f"{sum(len(s.touchpoints) for s in future.stages)} touchpoint(s) kept; "
        f"{len(changes)} planned change(s):"
    )
    for opp in future.opportunities:
        if opp.id in changes:
            print(f"  - {opp.id}  {opp.text}")
    print(f"Next: journey resume {out}")
    return EXIT_OK
