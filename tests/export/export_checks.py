"""Checks shared by the export tests: GFM tables, Mermaid grammar rules, a nasty-input map.

The real renderers (cmark-gfm, mermaid-cli) live in /work/shared/tools/validate-report and are
not needed here: these checks encode what they enforce so `make test` runs anywhere.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from markdown_it import MarkdownIt

from assistant.model import (
    Blueprint,
    Emotion,
    Evidence,
    JourneyMap,
    MapLink,
    Opportunity,
    PainPoint,
    Participant,
    Persona,
    Provenance,
    Scope,
    Stage,
    TextItem,
    Touchpoint,
    Workshop,
)

# -- GFM tables ---------------------------------------------------------------------------


def split_cells(row: str) -> list[str]:
    """GFM cells of one raw row: a `|` not preceded by a backslash separates cells."""
    s = row.strip(" \t\r\n")
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells, cur, prev = [], "", ""
    for ch in s:
        if ch == "|" and prev != "\\":
            cells.append(cur)
            cur = ""
        else:
            cur += ch
        prev = ch
    cells.append(cur)
    return cells


@functools.cache
def _parser() -> MarkdownIt:
    return MarkdownIt("gfm-like")


@functools.cache
def _block_parser() -> MarkdownIt:
    # The table check reads block tokens only (rows and their source lines): skipping
    # inline parsing makes it much faster, which the 10,000-example stress properties need.
    return MarkdownIt("gfm-like").disable(["inline", "linkify", "text_join"], ignoreInvalid=True)


def parse(text: str) -> list:  # type: ignore[type-arg]
    return _parser().parse(text)


def table_problems(text: str) -> list[str]:
    """Every body row has the header's cell count; no pipe text falls out of a table."""
    lines = text.split("\n")
    problems: list[str] = []
    header = None
    for tok in _block_parser().parse(text):
        if tok.type == "thead_open":
            header = len(split_cells(lines[tok.map[0]]))
            delim = len(split_cells(lines[tok.map[0] + 1]))
            if delim != header:
                problems.append(f"line {tok.map[0] + 2}: delimiter has {delim} cells, not {header}")
        elif tok.type == "tr_open" and header is not None and tok.map[0] > 0:
            raw = lines[tok.map[0]]
            if raw.strip().startswith("|---"):
                continue
            n = len(split_cells(raw))
            if n != header:
                problems.append(
                    f"line {tok.map[0] + 1}: {n} cells, header has {header}: {raw[:80]}"
                )
        elif tok.type == "table_close":
            header = None
        elif tok.type == "paragraph_open" and tok.map:
            first = lines[tok.map[0]].strip()
            if first.startswith("|") and first.count("|") >= 2:
                problems.append(f"line {tok.map[0] + 1}: pipe row outside a table: {first[:80]}")
    return problems


def count_tables(text: str) -> int:
    return sum(1 for tok in parse(text) if tok.type == "table_open")


def mermaid_blocks(text: str) -> list[str]:
    return [
        tok.content for tok in parse(text) if tok.type == "fence" and tok.info.strip() == "mermaid"
    ]


def headings(text: str) -> list[tuple[int, str]]:
    """(level, inline source) of every heading, in order."""
    tokens = parse(text)
    out = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            out.append((int(tok.tag[1]), tokens[i + 1].content))
    return out


# -- Mermaid grammar rules ----------------------------------------------------------------

ENTITY = re.compile(r"#[A-Za-z0-9_]+;")
TASK = re.compile(r"^(?P<name>[^#:;\n]+): (?P<score>[1-5])(?:: (?P<actors>[^#:;\n]+))?$")
KEYWORD_START = re.compile(r"^(journey|section|title|acc)", re.IGNORECASE)


def journey_problems(code: str) -> list[str]:
    """What Mermaid 11's `journey` grammar rejects, or accepts and draws wrongly."""
    problems: list[str] = []
    lines = [line for line in code.split("\n") if line.strip()]
    if not lines or lines[0].strip() != "journey":
        return ["the block does not start with `journey`"]
    tasks_in_section: int | None = None
    for n, raw in enumerate(lines[1:], start=2):
        s = raw.strip()
        bare = ENTITY.sub("", s)
        for ch in ";#%":
            if ch in bare:
                problems.append(f"line {n}: raw {ch!r}: {s[:80]}")
        if s.startswith("title "):
            if n != 2:
                problems.append(f"line {n}: title after the start")
            if "<" in bare or not s[6:].strip():
                problems.append(f"line {n}: bad title: {s[:80]}")
            continue
        if s.startswith("section "):
            if tasks_in_section == 0:
                problems.append(f"line {n}: the previous section is empty")
            tasks_in_section = 0
            name = s[len("section ") :]
            if ":" in name or not name.strip():
                problems.append(f"line {n}: bad section name: {s[:80]}")
            continue
        match = TASK.match(ENTITY.sub("E", s))
        if not match:
            problems.append(f"line {n}: not a valid task line: {s[:80]}")
            continue
        if tasks_in_section is None:
            problems.append(f"line {n}: task before any section")
        else:
            tasks_in_section += 1
        if KEYWORD_START.match(match["name"].strip()):
            problems.append(f"line {n}: task starts with a keyword: {s[:80]}")
        if match["actors"] is not None:
            for actor in match["actors"].split(", "):
                if not actor.strip() or "," in actor:
                    problems.append(f"line {n}: bad actor {actor!r}")
    if tasks_in_section == 0:
        problems.append("the last section is empty")
    return problems


QUOTED = r'"[^"\n]*"'
QUAD_LINES = [
    re.compile(r"^quadrantChart$"),
    re.compile(r"^title [^\n;#%]+$"),
    re.compile(rf"^x-axis {QUOTED} --> {QUOTED}$"),
    re.compile(rf"^y-axis {QUOTED} --> {QUOTED}$"),
    re.compile(rf"^quadrant-[1-4] {QUOTED}$"),
    re.compile(rf"^{QUOTED}: \[(1|0(\.\d+)?), (1|0(\.\d+)?)\]$"),
]


def quadrant_problems(code: str) -> list[str]:
    problems = []
    for raw in code.split("\n"):
        s = raw.strip()
        if not s:
            continue
        bare = ENTITY.sub("", s)
        if not any(rx.match(s) for rx in QUAD_LINES):
            problems.append(f"bad quadrantChart line: {s[:80]}")
        for quoted in re.findall(QUOTED, s):
            inner = ENTITY.sub("", quoted[1:-1])
            if any(ch in inner for ch in "%`<>;#"):
                problems.append(f"raw special character in a label: {quoted[:80]}")
        if "%%" in bare:
            problems.append(f"comment marker: {s[:80]}")
    return problems


def mermaid_problems(code: str) -> list[str]:
    kind = code.strip().split("\n", 1)[0].strip()
    if kind == "journey":
        return journey_problems(code)
    if kind == "quadrantChart":
        return quadrant_problems(code)
    return [f"unexpected diagram {kind!r}"]


# -- a map whose every text field holds the bad-input cases --------------------------------

NASTY_LINES = [
    "Pipe | table | breaker",
    "Colon: semi; hash # percent % 50%% done",
    "%% looks like a comment",
    "section Trick: not a section",
    "journey starts here",
    "title Not the title",
    "accTitle: fake",
    "<script>alert('x')</script> & <b>bold</b>",
    "Markdown **bold** _it_ `code` [link](http://x) ![img](y) ~~s~~ $x$",
    "{{ 7*7 }} {% if true %}jinja{% endif %} {# c #}",
    "Quote \"double\" and 'single', comma, list",
    "Back\\slash \\| escaped pipe \\",
    "# heading-looking text #",
    "- list-looking",
    "1. ordered-looking",
    "> quote-looking",
    "=== setext",
    "émoji 😀🎉 — Crème brûlée, Œuvre, ß",
    "עברית RTL text مرحبا \u202eoverride\u202c",
    "Supercalifragilisticexpialidocious" * 8,
    "#35; pre-encoded #58; entities &amp; &#58;",
    "=SUM(A1:A2)",
    "+1 plus",
    "@mention",
    "\ufeffbom start",
    "x<y>z and a<b",
    "tab\tinside",
]
NASTY_PARAS = [
    "Line one | pipe\nline two # hash\n\n- not a list\n    indented code?\n```\nfence\n```",
    "<div>\n<script>bad()</script>\n</div>",
]


def nasty_map(map_type: str = "blueprint") -> JourneyMap:
    lines = [line.replace("\t", " ") for line in NASTY_LINES]
    paras = NASTY_PARAS + NASTY_LINES

    def line(i: int) -> str:
        return lines[i % len(lines)]

    def para(i: int) -> str:
        return paras[i % len(paras)]

    hows = ["typed", "suggestion", "template", "imported", "inferred"]
    counter = iter(range(1, 10_000))

    def text_items(prefix: str, k: int, start: int) -> list[TextItem]:
        return [
            TextItem(
                id=f"{prefix}-{next(counter)}",
                text=para(start + j),
                provenance=Provenance(how=hows[(start + j) % 5], by="pt-1" if j % 2 else None),  # type: ignore[arg-type]
            )
            for j in range(k)
        ]

    participants = [
        Participant(id="pt-1", name=line(0), role=line(1)),
        Participant(id="pt-2", name=line(7), role=None),
    ]
    personas = [
        Persona(
            id=f"per-{i}",
            name=line(i + 3),
            archetype="custom" if i % 2 else "price_sensitive",
            description=para(i),
            goals=[line(i + 4), line(i + 5)],
            needs=[line(i + 6)],
            pains=[line(i + 7)],
            quote=para(i + 1),
        )
        for i in range(1, 4)
    ]
    stages = []
    tp_ids = []
    for s in range(len(lines) // 3):
        touchpoints = []
        n_tp = 0 if s == 2 else 1 + s % 3  # stage 3 has no touchpoint at all
        for t in range(n_tp):
            k = s * 3 + t
            tp_id = f"tp-{next(counter)}"
            tp_ids.append(tp_id)
            touchpoints.append(
                Touchpoint(
                    id=tp_id,
                    name=line(k),
                    channel="web" if k % 2 else None,
                    persona_ids=[f"per-{1 + k % 3}"] if k % 3 else [],
                    emotion=None
                    if k % 5 == 4
                    else Emotion(
                        score=(k % 5) - 2,
                        word=line(k + 1),
                        note=para(k),
                        provenance=Provenance(how="inferred" if k % 2 else "typed"),
                    ),
                    evidence=[
                        Evidence(
                            id=f"ev-{next(counter)}",
                            quote=para(k + 2),
                            source=line(k + 3),
                            metric=line(k + 4),
                            score=4.5,
                            date=dt.date(2026, 3, 4),
                        )
                    ],
                )
            )
        pains = [
            PainPoint(
                id=f"pp-{next(counter)}",
                text=para(s + j),
                severity=1 + (s + j) % 3,
                touchpoint_ids=[touchpoints[0].id] if touchpoints and j == 0 else [],
                status="resolved" if j == 2 else "open",
                provenance=Provenance(how=hows[(s + j) % 5]),  # type: ignore[arg-type]
            )
            for j in range(3)
        ]
        stages.append(
            Stage(
                id=f"st-{next(counter)}",
                name=line(s + 2),
                description=para(s),
                customer_goal=para(s + 1),
                actions=text_items("act", 2, s),
                thoughts=text_items("th", 1, s + 1),
                touchpoints=touchpoints,
                pain_points=pains,
                blueprint=Blueprint(
                    frontstage=text_items("bp", 1, s + 2),
                    backstage=text_items("bp", 2, s + 3),
                    support=text_items("bp", 1, s + 4),
                    physical_evidence=text_items("bp", 1, s + 5),
                ),
                evidence=[Evidence(id=f"ev-{next(counter)}", quote=para(s + 3), source=line(s))],
            )
        )
    pain_ids = [pp.id for st in stages for pp in st.pain_points]
    opportunities = [
        Opportunity(
            id=f"opp-{i}",
            text=para(i),
            pain_point_ids=[pain_ids[i % len(pain_ids)]],
            impact=None if i == 5 else 1 + i % 5,
            effort=None if i == 5 else 1 + (i * 2) % 5,
            owner=None if i == 3 else line(i),
            votes={"pt-1": i % 4, "pt-2": 1} if i % 2 else {},
            status=["idea", "planned", "in_progress", "delivered", "dropped"][i % 5],  # type: ignore[arg-type]
        )
        for i in range(1, 12)
    ]
    return JourneyMap(
        id="nasty",
        title="Nasty | map: #1; 50% <b>&</b> {{ x }} `t` section journey",
        language="en",
        map_type=map_type,  # type: ignore[arg-type]
        created=dt.date(2026, 1, 2),
        scope=Scope(
            business_goal=para(0),
            scenario=para(1),
            product=line(2),
            expectations=para(3),
        ),
        workshop=Workshop(
            mode="facilitated",
            facilitator=line(8),
            participants=participants,
            dates=[dt.date(2026, 1, 2)],
        ),
        personas=personas,
        stages=stages,
        opportunities=opportunities,
        parking_lot=text_items("idea", 3, 0),
        notes=text_items("note", 3, 4),
        derived_from=MapLink(map_id="m", title=line(9)),
    )
