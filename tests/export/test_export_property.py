"""Property test: random text in every field never breaks a table, a diagram or the HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from export_checks import NASTY_LINES, mermaid_blocks, mermaid_problems, table_problems
from hypothesis import given
from hypothesis import strategies as st

from assistant.export import render
from assistant.model import (
    Emotion,
    Evidence,
    JourneyMap,
    Opportunity,
    PainPoint,
    Persona,
    Provenance,
    Scope,
    Stage,
    TextItem,
    Touchpoint,
)
from assistant.model.text import find_control_char

ALPHABET = st.characters(
    blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029"
) | st.sampled_from(list("|\\#:;%,<>&\"'`*_[]{}()=+-@!~$ \u202e\u2066\ufeff"))
FRAGMENTS = st.sampled_from([line.replace("\t", " ") for line in NASTY_LINES])


def _line_ok(s: str) -> bool:
    return bool(s) and find_control_char(s, multiline=False) is None


LINE = (
    st.lists(
        st.one_of(st.text(ALPHABET, min_size=1, max_size=12), FRAGMENTS), min_size=1, max_size=3
    )
    .map(lambda parts: " ".join(parts).strip()[:300])
    .filter(_line_ok)
)
PARA = st.lists(LINE, min_size=1, max_size=3).map("\n".join)
OPT_LINE = st.none() | LINE
OPT_PARA = st.none() | PARA
HOW = st.sampled_from(["typed", "suggestion", "template", "imported", "inferred"])


@st.composite
def journeys(draw: st.DrawFn) -> JourneyMap:
    counter = iter(range(1, 100_000))

    def nid(prefix: str) -> str:
        return f"{prefix}-{next(counter)}"

    def items(prefix: str, max_size: int = 2) -> list[TextItem]:
        n = draw(st.integers(0, max_size))
        return [
            TextItem(id=nid(prefix), text=draw(PARA), provenance=Provenance(how=draw(HOW)))
            for _ in range(n)
        ]

    personas = [
        Persona(
            id=nid("per"),
            name=draw(LINE),
            description=draw(OPT_PARA),
            goals=draw(st.lists(LINE, max_size=2)),
            pains=draw(st.lists(LINE, max_size=1)),
            quote=draw(OPT_PARA),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    stages = []
    for _ in range(draw(st.integers(1, 3))):
        tps = [
            Touchpoint(
                id=nid("tp"),
                name=draw(LINE),
                channel=draw(st.none() | st.sampled_from(["web", "phone"])),
                persona_ids=[p.id for p in personas[: draw(st.integers(0, len(personas)))]],
                emotion=draw(
                    st.none()
                    | st.builds(
                        Emotion,
                        score=st.integers(-2, 2),
                        word=OPT_LINE,
                        note=OPT_PARA,
                        provenance=st.builds(Provenance, how=HOW),
                    )
                ),
                evidence=[Evidence(id=nid("ev"), quote=draw(OPT_PARA), source=draw(OPT_LINE))],
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        pains = [
            PainPoint(id=nid("pp"), text=draw(PARA), severity=draw(st.integers(1, 3)))
            for _ in range(draw(st.integers(0, 2)))
        ]
        stages.append(
            Stage(
                id=nid("st"),
                name=draw(LINE),
                description=draw(OPT_PARA),
                customer_goal=draw(OPT_PARA),
                actions=items("act"),
                thoughts=items("th", 1),
                touchpoints=tps,
                pain_points=pains,
            )
        )
    pain_ids = [pp.id for s in stages for pp in s.pain_points]
    opps = [
        Opportunity(
            id=nid("opp"),
            text=draw(PARA),
            pain_point_ids=pain_ids[:1],
            impact=draw(st.none() | st.integers(1, 5)),
            effort=draw(st.none() | st.integers(1, 5)),
            owner=draw(OPT_LINE),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    return JourneyMap(
        id="prop",
        title=draw(LINE),
        map_type=draw(st.sampled_from(["current", "blueprint"])),
        language=draw(st.sampled_from(["en", "fr"])),
        scope=Scope(business_goal=draw(OPT_PARA), scenario=draw(OPT_PARA)),
        personas=personas,
        stages=stages,
        opportunities=opps,
        parking_lot=items("idea"),
        notes=items("note"),
    )


@given(journeys())
def test_markdown_survives_any_text(journey: JourneyMap) -> None:
    text = render(journey, "md")
    assert table_problems(text) == []
    for block in mermaid_blocks(text):
        assert mermaid_problems(block) == [], block
    assert mermaid_problems(render(journey, "mermaid")) == []
    # No user text can open a raw HTML tag in the Markdown either.
    assert re.search(r"<(?!br>)[A-Za-z/!?]", text) is None


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "dl", "dt",
    "dd", "p", "b", "i", "nav", "ul", "ol", "li", "a", "section", "div", "table", "thead",
    "tbody", "tr", "th", "td", "span", "br", "blockquote", "svg", "line", "polyline", "circle",
    "code",
}  # fmt: skip


@given(journeys())
def test_html_escapes_every_user_string(journey: JourneyMap) -> None:
    page = render(journey, "html")
    parser = _Tags()
    parser.feed(page)
    assert parser.tags <= ALLOWED_TAGS
    assert "<script" not in page.lower()
