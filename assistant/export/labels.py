"""The report's own words, per language, read from exports/<lang>/labels.yaml."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from assistant.paths import exports_dir


class LabelError(Exception):
    pass


@cache
def _load(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LabelError(f"{path}: cannot read the labels ({exc})") from None
    if not isinstance(data, dict):
        raise LabelError(f"{path}: the labels must be a mapping")
    return data


def load_labels(lang: str, root: Path | None = None) -> dict[str, Any]:
    base = root if root is not None else exports_dir()
    path = base / lang / "labels.yaml"
    if not path.is_file():
        raise LabelError(f"no report labels for language {lang!r} ({path})")
    return _load(path)


def available_languages(root: Path | None = None) -> list[str]:
    base = root if root is not None else exports_dir()
    if not base.is_dir():
        return []
    return sorted(p.parent.name for p in base.glob("*/labels.yaml"))
