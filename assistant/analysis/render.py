"""Markdown for analysis results, from the templates in exports/<lang>/ (sandboxed Jinja2).

The `cell` filter makes any text safe inside a GFM table cell: pipes, backslashes, HTML and
emphasis markers are escaped and newlines become spaces, so a pain point such as
"paid listicles | no comparisons" cannot break the table of a wiki page.
"""

from __future__ import annotations

import re
from functools import cache

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from assistant.analysis.checks import signed
from assistant.analysis.diff import MapDiff
from assistant.paths import exports_dir

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_NEWLINES = re.compile(r"\s*[\r\n]+\s*")


def cell(value: object) -> str:
    """Text escaped for one GFM table cell (also safe as inline text)."""
    if value is None:
        return "—"
    text = _NEWLINES.sub(" ", str(value)).strip()
    text = text.replace("&", "&amp;")
    return _SPECIAL.sub(r"\\\1", text)


def score(value: int | float | None) -> str:
    return "—" if value is None else signed(value)


@cache
def environment(lang: str) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(exports_dir() / lang),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cell"] = cell
    env.filters["score"] = score
    return env


def render_diff(diff: MapDiff, lang: str) -> str:
    template = environment(lang).get_template("diff.md.j2")
    text = template.render(**diff.as_dict(), sections=diff.sections)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"
