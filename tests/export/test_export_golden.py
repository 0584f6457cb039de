"""Golden files: every format, both languages, both fixture maps. UPDATE_GOLDEN=1 rewrites them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.export import EXTENSIONS, render
from assistant.store import load_map

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
MAPS = ["sarah-crm.en", "banque-ouverture-compte.fr"]
CASES = (
    [
        (name, fmt, lang, "github")
        for name in MAPS
        for fmt in ("md", "csv", "html", "mermaid")
        for lang in ("en", "fr")
    ]
    + [(name, "json", None, "github") for name in MAPS]
    + [(name, "md", None, flavor) for name in MAPS for flavor in ("gitlab", "plain")]
)


def golden_name(name: str, fmt: str, lang: str | None, flavor: str) -> str:
    stem = name.rsplit(".", 1)[0]
    parts = [stem, lang or "map"]
    if flavor != "github":
        parts.append(flavor)
    return ".".join(parts) + "." + EXTENSIONS[fmt]


@pytest.mark.parametrize(("name", "fmt", "lang", "flavor"), CASES)
def test_golden(name: str, fmt: str, lang: str | None, flavor: str) -> None:
    journey = load_map(FIXTURES / f"{name}.json")
    text = render(journey, fmt, lang=lang, flavor=flavor)
    path = GOLDEN / golden_name(name, fmt, lang, flavor)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"missing golden file {path.name}: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert text == path.read_bytes().decode("utf-8"), (
        f"{path.name} changed (UPDATE_GOLDEN=1 to accept)"
    )


def test_render_is_deterministic() -> None:
    journey = load_map(FIXTURES / "banque-ouverture-compte.fr.json")
    for fmt in ("md", "csv", "html", "mermaid", "json"):
        assert render(journey, fmt) == render(journey, fmt)


def test_json_is_the_canonical_map() -> None:
    raw = (FIXTURES / "sarah-crm.en.json").read_text(encoding="utf-8")
    assert render(load_map(FIXTURES / "sarah-crm.en.json"), "json") == raw
