"""Escaping user text for each output language. Used as Jinja filters; never builds documents.

Every function takes the map's own text (any Unicode a participant typed) and returns text
that the target syntax shows literally:

- `md_inline`: one line of GFM inline content, safe in a paragraph, a list item, a heading
  and a table cell (pipes escaped, newlines become `<br>`, HTML and Markdown syntax neutral).
- `mermaid_*`: Mermaid 11 `journey` and `quadrantChart` text. Mermaid decodes `#NN;` entity
  codes *before* it parses, so every character its grammars treat specially is written as a
  numeric entity (`#58;` colon, `#35;` hash, `#59;` semicolon, `#37;` percent, `#44;` comma,
  `#60;` less-than...). `&#58;` and backslashes do not work there.
- `csv_cell`: formula injection guard for spreadsheets.

Explicit bidirectional controls (U+202A..U+202E, U+2066..U+2069) are dropped from rendered
text: unbalanced, they flip the display of the table or diagram around them. The JSON export
keeps the map's text untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

BIDI_CONTROLS: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_TABLE: Final = {ord(ch): None for ch in BIDI_CONTROLS}
PLACEHOLDER: Final = "…"

# Mermaid refuses diagrams over this many characters (its default `maxTextSize`).
MERMAID_MAX_TEXT: Final = 50_000
# Diagram labels are cut to this many characters (the tables carry the full text).
MERMAID_LABEL_MAX: Final = 60


_CLEAN_NEEDED: Final = re.compile("[\u202a-\u202e\u2066-\u2069\r]")


def clean(value: object) -> str:
    """The text as shown: bidi controls dropped, CRs removed; never empty for non-empty input."""
    text = value if type(value) is str else ("" if value is None else str(value))
    if not text:
        return ""
    if _CLEAN_NEEDED.search(text):
        text = text.translate(_BIDI_TABLE).replace("\r\n", "\n").replace("\r", "\n")
    if not text or text.isspace():
        return PLACEHOLDER
    return text


# -- Markdown (GFM) ---------------------------------------------------------------------

_MD_ESCAPES: Final = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "|": "\\|",
    "~": "\\~",
    "$": "\\$",
    "#": "\\#",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "\t": " ",
}
_MD_SPECIAL: Final = re.compile("[" + re.escape("".join(_MD_ESCAPES)) + "]")
# Block syntax a line may start with once the characters above are escaped: list bullets,
# thematic breaks, setext underlines, ordered-list numbers.
_MD_LINE_START: Final = re.compile(r"^(\s*)([-+=]|\d{1,9}(?=[.)]))")
_MD_RISKY_FIRST: Final = frozenset("-+= 0123456789")


def _md_escape(match: re.Match[str]) -> str:
    return _MD_ESCAPES[match.group()]


def _md_line(line: str) -> str:
    if _MD_SPECIAL.search(line):
        line = _MD_SPECIAL.sub(_md_escape, line)
    if line and line[0] in _MD_RISKY_FIRST:
        match = _MD_LINE_START.match(line)
        if match:
            lead, tok = match.groups()
            rest = line[match.end() :]
            # "- x" -> "\- x"; "1. x" -> "1\. x": neither is read as a list any more.
            line = f"{lead}\\{tok}{rest}" if tok in "-+=" else f"{lead}{tok}\\{rest}"
    return line


@lru_cache(maxsize=1 << 16)
def _md_cached(value: str) -> str:
    return _md_inline(value)


def md_inline(value: object) -> str:
    """User text as one line of GFM inline content; also safe inside a table cell."""
    if type(value) is str and len(value) < 512:  # a report shows each name several times
        return _md_cached(value)
    return _md_inline(value)


def _md_inline(value: object) -> str:
    text = clean(value)
    if not text:
        return ""
    if "\n" not in text:
        return _md_line(text.strip(" "))
    return "<br>".join(_md_line(line.strip(" ")) for line in text.split("\n"))


# -- Mermaid ----------------------------------------------------------------------------

# JavaScript's \s beyond what Python's str.strip() removes; Mermaid would skip it as blank.
_JS_ONLY_SPACE: Final = "\ufeff"

_MM_COMMON: Final = {
    "#": "#35;",
    ";": "#59;",
    "%": "#37;",
    ":": "#58;",
    "<": "#60;",
    ">": "#62;",
    "&": "#38;",
    '"': "#34;",
    "`": "#96;",
    "\n": " ",
    "\t": " ",
    _JS_ONLY_SPACE: "#65279;",
}
_MM_ACTOR: Final = {**_MM_COMMON, ",": "#44;"}
_MM_SPECIAL: Final = re.compile("[" + re.escape("".join(_MM_COMMON)) + "]")
_MM_ACTOR_SPECIAL: Final = re.compile("[" + re.escape("".join(_MM_ACTOR)) + "]")


def _mm_escape(match: re.Match[str]) -> str:
    return _MM_ACTOR[match.group()]


def _mm_encode(text: str, pattern: re.Pattern[str] = _MM_SPECIAL) -> str:
    if pattern.search(text):
        return pattern.sub(_mm_escape, text)
    return text


_MM_KEYWORDS: Final = re.compile(r"^(journey|section|title|acc)", re.IGNORECASE)
_WS: Final = re.compile(r"\s+")
_WS_RUN: Final = re.compile(r"\s\s|[^\S ]")


def _shorten(text: str, limit: int) -> str:
    if _WS_RUN.search(text):
        text = _WS.sub(" ", text)
    text = text.strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text or PLACEHOLDER


def mermaid_text(value: object, limit: int = MERMAID_LABEL_MAX) -> str:
    """A Mermaid title, section name or quoted label: one line, every special char encoded."""
    return _mm_encode(_shorten(clean(value), limit))


def mermaid_task(value: object, limit: int = MERMAID_LABEL_MAX) -> str:
    """A journey task name; a leading keyword (`section`, `title`...) is partly encoded."""
    text = _shorten(clean(value), limit)
    if _MM_KEYWORDS.match(text):
        return f"#{ord(text[0])};{_mm_encode(text[1:])}"
    return _mm_encode(text)


def mermaid_actor(value: object, limit: int = 40) -> str:
    """A journey actor: commas and colons split or drop actors, so they are encoded too."""
    return _mm_encode(_shorten(clean(value), limit), _MM_ACTOR_SPECIAL)


def mermaid_actors(values: Iterable[object]) -> str:
    """A journey task's actor list: `A, B`."""
    return ", ".join(mermaid_actor(v) for v in values)


# -- CSV --------------------------------------------------------------------------------

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """Text for a spreadsheet cell: a leading = + - @ (tab, CR) is prefixed with `'`.

    Excel and LibreOffice would otherwise run the cell as a formula (CSV injection). Only
    text cells get the guard: numbers (scores, counts) are written as numbers.
    """
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text
