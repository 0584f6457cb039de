"""Where things live: the data shipped with the package, and the user's own folders.

`prompts/`, `exports/` and `schema/` are top-level folders in the repo. A wheel carries
them under `assistant/_data/`; a checkout (editable install) reads them from the repo.
Nothing here creates folders at import time.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

APP_NAME = "journey-assistant"


@cache
def data_root() -> Path:
    packaged = Path(str(resources.files("assistant"))) / "_data"
    if (packaged / "prompts").is_dir():
        return packaged
    repo = Path(__file__).resolve().parent.parent
    if (repo / "prompts").is_dir():
        return repo
    raise RuntimeError(
        "journey-assistant is installed without its prompts/ and exports/ folders; "
        "reinstall it with `pip install journey-assistant`"
    )


def prompts_dir() -> Path:
    return data_root() / "prompts"


def exports_dir() -> Path:
    return data_root() / "exports"


def schema_file() -> Path:
    return data_root() / "schema" / "journey-map.schema.json"


def user_data_dir() -> Path:
    """Recent files and settings: never inside the project folder. Created on first write."""
    override = os.environ.get("JOURNEY_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs  # here, not at the top: ~10 ms of every start-up

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_maps_dir() -> Path:
    override = os.environ.get("JOURNEY_MAPS_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / "journey-maps"
