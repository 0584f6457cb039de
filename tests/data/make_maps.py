"""Regenerate tests/data/maps/*.json from the answer scripts (fixtures for other tests).

SOURCE_DATE_EPOCH is fixed so the maps are byte-for-byte reproducible;
tests/interview/test_examples.py fails when these files drift from the engine.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
EPOCH = "1764547200"  # 2025-12-01
SCRIPTS = {
    "sarah-crm.en": HERE / "answers" / "sarah-crm.en.yaml",
    "banque-ouverture-compte.fr": HERE / "answers" / "banque-ouverture-compte.fr.yaml",
}


def build(name: str) -> str:
    from assistant.scripted import load_script, run_script

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    with tempfile.TemporaryDirectory() as tmp:
        result = run_script(load_script(SCRIPTS[name]), Path(tmp), report=False)
        return result.map_path.read_text(encoding="utf-8")


def main() -> int:
    (HERE / "maps").mkdir(exist_ok=True)
    for name in SCRIPTS:
        target = HERE / "maps" / f"{name}.json"
        target.write_text(build(name), encoding="utf-8")
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
