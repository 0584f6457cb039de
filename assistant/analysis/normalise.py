"""Text comparison shared by the checks (duplicates) and the feedback import (name matching)."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")


def fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form: 'Étape  Un' and 'etape un' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", plain).strip()


def fold_loose(text: str) -> str:
    """`fold`, and punctuation dropped too: for spotting the same item typed twice."""
    return _SPACES.sub(" ", _PUNCT.sub(" ", fold(text))).strip()
