"""The app's own words (titles, labels, key descriptions) from prompts/<lang>/ui.yaml.

The interview's questions come from the engine; this is only the chrome around them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from assistant.paths import prompts_dir


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Chrome:
    """UI text in one language; `t("welcome.title")`, `t("app.saved_ago", seconds=3)`."""

    language: str
    texts: dict[str, str]

    def t(self, key: str, **values: object) -> str:
        text = self.texts.get(key)
        if text is None:
            fallback = load_chrome("en") if self.language != "en" else None
            text = fallback.texts.get(key, key) if fallback else key
        return text.format_map(_Blank(values)) if values else text

    def has(self, key: str) -> bool:
        return key in self.texts


def _flatten(data: Any, prefix: str, out: dict[str, str]) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            _flatten(value, f"{prefix}{key}." if prefix or key else "", out)
    else:
        out[prefix.rstrip(".")] = str(data)


@cache
def load_chrome(language: str) -> Chrome:
    """The UI text for `language`; English when that language has no ui.yaml."""
    path = prompts_dir() / language / "ui.yaml"
    if not path.is_file():
        path = prompts_dir() / "en" / "ui.yaml"
        language = "en"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: faster
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (safe loader)
    texts: dict[str, str] = {}
    _flatten(data, "", texts)
    return Chrome(language=language, texts=texts)
