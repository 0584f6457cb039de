"""Heading anchors as GitHub and GitLab make them, and file-name slugs.

GitHub (github-slugger): lowercase, drop every character that is not a letter, a mark, a
decimal/letter number, a connector (`_`), a space or a hyphen, then each space becomes `-`;
accents stay (`Étapes` -> `étapes`). GitLab does the same and also squeezes runs of `-`.
A repeated anchor gets `-1`, `-2`... in document order on both.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Final, Literal

SlugRules = Literal["github", "gitlab"]

_KEEP_CATEGORIES: Final = frozenset(
    {"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "Pc"}
)
_GITLAB_KEEP: Final = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Pc"})


def _keep(ch: str, categories: frozenset[str]) -> bool:
    return ch in (" ", "-") or unicodedata.category(ch) in categories


def anchor(text: str, rules: SlugRules = "github") -> str:
    """The anchor a heading with this plain text gets (before de-duplication)."""
    if rules == "gitlab":
        lowered = text.strip().lower()
        kept = "".join(ch for ch in lowered if _keep(ch, _GITLAB_KEEP))
        return re.sub("-{2,}", "-", kept.replace(" ", "-"))
    lowered = text.lower()
    kept = "".join(ch for ch in lowered if _keep(ch, _KEEP_CATEGORIES))
    return kept.replace(" ", "-")


@dataclass
class Heading:
    level: int
    text: str
    anchor: str


@dataclass
class Slugger:
    """Records every heading of one document in order and gives each its unique anchor."""

    rules: SlugRules = "github"
    headings: list[Heading] = field(default_factory=list)
    _seen: dict[str, int] = field(default_factory=dict)

    def add(self, level: int, text: str) -> str:
        base = anchor(text, self.rules)
        slug = base
        if slug in self._seen:
            count = self._seen[base]
            while True:
                count += 1
                slug = f"{base}-{count}"
                if slug not in self._seen:
                    break
            self._seen[base] = count
        self._seen.setdefault(slug, 0)
        self.headings.append(Heading(level, text, slug))
        return slug

    def toc(self, min_level: int = 2, max_level: int = 3) -> list[Heading]:
        return [h for h in self.headings if min_level <= h.level <= max_level]


_FILE_UNSAFE: Final = re.compile(r"[^a-z0-9]+")
_RESERVED: Final = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)


def file_slug(title: str, *, limit: int = 80) -> str:
    """ASCII, lowercase, hyphens: `Ouverture d'un compte` -> `ouverture-d-un-compte`."""
    decomposed = unicodedata.normalize("NFKD", title)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_text = ascii_text.replace("ß", "ss").replace("æ", "ae").replace("œ", "oe")
    ascii_text = ascii_text.replace("Æ", "ae").replace("Œ", "oe").replace("ø", "o")
    slug = _FILE_UNSAFE.sub("-", ascii_text.lower()).strip("-")
    slug = slug[:limit].rstrip("-")
    if not slug:
        return "journey-map"
    if slug in _RESERVED:
        return slug + "-map"
    return slug
