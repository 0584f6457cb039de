"""Text field types shared by every model: stripped, capped, free of control characters.

User text arrives from keyboards, CSV files and hand-edited JSON. The model refuses what
cannot be shown or exported safely, with a message a workshop participant understands.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

LINE_MAX = 300
PARA_MAX = 4000

# Newlines and tabs are the only control characters a multi-line field keeps.
_PARA_ALLOWED = {"\n", "\t"}


# Cc (C0/C1 controls and DEL), Cs (lone surrogates: invalid UTF-8 read with
# surrogateescape) and the Unicode line/paragraph separators. A compiled class scans in C:
# the per-character Python loop it replaces was the engine's hottest validator.
_FORBIDDEN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
_FORBIDDEN_PARA = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


def _is_forbidden(ch: str, allowed: set[str]) -> bool:
    if ch in allowed:
        return False
    return unicodedata.category(ch) in ("Cc", "Cs") or ch in ("\u2028", "\u2029")


def find_control_char(value: str, *, multiline: bool) -> str | None:
    found = (_FORBIDDEN_PARA if multiline else _FORBIDDEN_LINE).search(value)
    return None if found is None else found.group()


def strip_control_chars(value: str, *, multiline: bool = False) -> str:
    """What the interview does to typed answers before they reach the model."""
    allowed = _PARA_ALLOWED if multiline else set()
    out = []
    for ch in value:
        if ch in ("\r",) and multiline:
            continue
        if _is_forbidden(ch, allowed):
            if ch in ("\n", "\r", "\t", "\u2028", "\u2029"):
                out.append(" ")
            continue
        out.append(ch)
    return "".join(out)


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X}"


_LINE_BREAKS = ("\r\n", "\r", "\u2028", "\u2029")


def _check(value: str, *, multiline: bool, limit: int) -> str:
    if multiline:  # every kind of line break (Windows, old Mac, Unicode) becomes "\n"
        for brk in _LINE_BREAKS:
            value = value.replace(brk, "\n")
    value = value.strip()
    # Length first: a 50 MB field in a damaged or hostile file is refused before any scan.
    if len(value) > limit:
        raise ValueError(f"is too long ({len(value)} characters; the limit is {limit})")
    bad = find_control_char(value, multiline=multiline)
    if bad is not None:
        if bad == "\n" or bad in _LINE_BREAKS:
            raise ValueError("must fit on one line (use a note or description for several lines)")
        raise ValueError(f"contains a control character ({_describe(bad)}) that cannot be shown")
    return value


def _line(value: str) -> str:
    return _check(value, multiline=False, limit=LINE_MAX)


def _para(value: str) -> str:
    return _check(value, multiline=True, limit=PARA_MAX)


def _required(value: str) -> str:
    if not value:
        raise ValueError("cannot be empty")
    return value


def _empty_to_none(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        return None
    return value


Line = Annotated[str, AfterValidator(_line), AfterValidator(_required)]
"""A required single line: a name, a touchpoint, a pain point."""

Para = Annotated[str, AfterValidator(_para), AfterValidator(_required)]
"""A required text that may span lines: a note, a quote."""


def _opt_line(value: str | None) -> str | None:
    return None if value is None else _line(value) or None


def _opt_para(value: str | None) -> str | None:
    return None if value is None else _para(value) or None


OptLine = Annotated[str | None, BeforeValidator(_empty_to_none), AfterValidator(_opt_line)]
"""An optional single line; blank becomes None."""

OptPara = Annotated[str | None, BeforeValidator(_empty_to_none), AfterValidator(_opt_para)]
"""An optional text that may span lines; blank becomes None."""
