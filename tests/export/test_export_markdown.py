"""The Markdown report parses as GFM: tables keep their columns, Mermaid keeps to its grammar,
the table of contents links to real anchors (GitHub's and GitLab's slug rules)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from export_checks import (
    count_tables,
    headings,
    journey_problems,
    mermaid_blocks,
    mermaid_problems,
    nasty_map,
    parse,
    table_problems,
)

from assistant.export import render
from assistant.export.escape import md_inline, mermaid_actor, mermaid_task, mermaid_text
from assistant.export.slugs import Slugger, anchor
from assistant.model import JourneyMap, Stage
from assistant.store import load_map

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"
MAPS = ["sarah-crm.en", "banque-ouverture-compte.fr"]


def reports() -> list[tuple[str, str]]:
    out = []
    for name in MAPS:
        journey = load_map(FIXTURES / f"{name}.json")
        for lang in ("en", "fr"):
            for flavor in ("github", "gitlab", "plain"):
                out.append((f"{name}/{lang}/{flavor}", render(journey, lang=lang, flavor=flavor)))
    for map_type in ("current", "blueprint"):
        out.append((f"nasty/{map_type}", render(nasty_map(map_type), "md")))
    return out


REPORTS = reports()


@pytest.mark.parametrize(("label", "text"), REPORTS, ids=[r[0] for r in REPORTS])
def test_report_parses_as_gfm(label: str, text: str) -> None:
    assert table_problems(text) == []
    assert count_tables(text) >= 3
    for block in mermaid_blocks(text):
        assert mermaid_problems(block) == [], block
    if "/plain" in label:
        assert mermaid_blocks(text) == []
        assert "▁" in text or "▃" in text  # the sparkline fallback stays
    else:
        kinds = [b.split("\n", 1)[0] for b in mermaid_blocks(text)]
        assert kinds == ["journey", "quadrantChart"]


@pytest.mark.parametrize(("label", "text"), REPORTS, ids=[r[0] for r in REPORTS])
def test_toc_links_every_heading(label: str, text: str) -> None:
    rules = "gitlab" if "/gitlab" in label else "github"
    tokens = parse(text)
    # Plain heading text as GitHub sees it: the inline children's text and code content.
    slugger = Slugger(rules)  # type: ignore[arg-type]
    anchors = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            inline = tokens[i + 1]
            plain = "".join(
                c.content for c in inline.children or [] if c.type in ("text", "code_inline")
            )
            anchors.append(slugger.add(int(tok.tag[1]), plain))
    links = [
        c.attrs["href"]
        for tok in tokens
        if tok.type == "inline"
        for c in tok.children or []
        if c.type == "link_open" and str(c.attrs.get("href", "")).startswith("#")
    ]
    assert links, "no table of contents"
    for href in links:
        assert unquote(str(href)[1:]) in anchors
    level2 = [h for h in headings(text) if h[0] == 2]
    assert len(links) >= len(level2) - 1  # every section but "Contents" itself


def test_french_anchors_follow_github() -> None:
    journey = load_map(FIXTURES / "banque-ouverture-compte.fr.json")
    text = render(journey)
    assert "(#synthèse)" in text
    assert "(#le-parcours-en-un-coup-dœil)" in text
    assert "(#étapes)" in text
    assert "(#5-défense-des-intérêts)" in text


@pytest.mark.parametrize(
    ("text", "github", "gitlab"),
    [
        ("Étapes", "étapes", "étapes"),
        (
            "Le parcours en un coup d'œil",
            "le-parcours-en-un-coup-dœil",
            "le-parcours-en-un-coup-dœil",
        ),
        ("😄 emoji", "-emoji", "-emoji"),
        ("A -- B", "a----b", "a-b"),
        ("Pipe | and <b>", "pipe--and-b", "pipe-and-b"),
        ("snake_case 2²", "snake_case-2", "snake_case-2"),
        ("1. Prise de conscience", "1-prise-de-conscience", "1-prise-de-conscience"),
    ],
)
def test_anchor_rules(text: str, github: str, gitlab: str) -> None:
    assert anchor(text, "github") == github
    assert anchor(text, "gitlab") == gitlab


def test_duplicate_headings_are_numbered_like_github() -> None:
    slugger = Slugger()
    assert [slugger.add(2, t) for t in ("foo", "foo", "foo-1", "foo")] == [
        "foo",
        "foo-1",
        "foo-1-1",
        "foo-2",
    ]


def test_a_persona_named_like_a_section_gets_its_own_anchor() -> None:
    journey = load_map(FIXTURES / "sarah-crm.en.json")
    journey = journey.model_copy(
        update={"personas": [journey.personas[0].model_copy(update={"name": "Summary"})]}
    )
    text = render(journey)
    assert "[Summary](#summary)" in text
    assert "[Summary](#summary-1)" in text


def test_markdown_escaping() -> None:
    assert md_inline("a | b") == "a \\| b"
    assert md_inline("x\ny") == "x<br>y"
    assert md_inline("<script>") == "&lt;script&gt;"
    assert md_inline("- item") == "\\- item"
    assert md_inline("12. item") == "12\\. item"
    assert md_inline("**b** _i_ `c` [l](u)") == "\\*\\*b\\*\\* \\_i\\_ \\`c\\` \\[l\\](u)"
    assert md_inline("back\\") == "back\\\\"
    assert md_inline("\u202eevil\u202c") == "evil"


def test_mermaid_escaping() -> None:
    assert mermaid_text("a:b;c#d%e") == "a#58;b#59;c#35;d#37;e"
    assert mermaid_task("section x") == "#115;ection x"
    assert mermaid_task("Title case") == "#84;itle case"
    assert mermaid_actor("Doe, Jane: CX") == "Doe#44; Jane#58; CX"
    assert mermaid_text("<b>") == "#60;b#62;"
    assert mermaid_text("x" * 100).endswith("…")


def test_stage_without_touchpoints_gives_no_empty_section() -> None:
    journey = load_map(FIXTURES / "sarah-crm.en.json")
    stages = [*journey.stages, Stage(id="st-99", name="Empty stage")]
    journey = journey.model_copy(update={"stages": stages})
    diagram = render(journey, "mermaid")
    assert journey_problems(diagram) == []
    assert "Empty stage" not in diagram


def test_map_without_touchpoints() -> None:
    journey = JourneyMap(id="m", title="Empty", stages=[Stage(id="st-1", name="Only")])
    diagram = render(journey, "mermaid")
    assert journey_problems(diagram) == []
    text = render(journey)
    assert table_problems(text) == []
    assert mermaid_blocks(text) == []  # nothing to draw: no empty diagram either


def test_provenance_marks_and_legend() -> None:
    text = render(nasty_map())
    for mark in "†‡§≈":
        assert mark in text
    assert "suggested by the assistant" in text
    plain = render(load_map(FIXTURES / "sarah-crm.en.json"))
    assert "†" not in plain and "Legend" not in plain  # all typed: no marks, no legend


def test_blueprint_section_only_for_blueprints() -> None:
    assert "## Service blueprint" in render(nasty_map("blueprint"))
    sarah = render(load_map(FIXTURES / "sarah-crm.en.json"))
    assert "Service blueprint" not in sarah
    assert "Line of visibility" in render(nasty_map("blueprint"))
