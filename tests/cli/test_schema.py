"""`journey schema`: the JSON Schema of map files, and the published copy kept in sync."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli.cmd_schema import schema_text
from assistant.cli.main import main
from assistant.model import JourneyMap
from assistant.paths import schema_file

REPO = Path(__file__).resolve().parents[2]
PUBLISHED = REPO / "schema" / "journey-map.schema.json"


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "JourneyMap"
    assert schema["type"] == "object"
    assert set(schema["properties"]) == set(JourneyMap.model_fields)
    assert schema["additionalProperties"] is False  # unknown keys are errors, as in the model


def test_the_published_schema_is_up_to_date() -> None:
    """If this fails, run: journey schema > schema/journey-map.schema.json"""
    assert PUBLISHED.read_text(encoding="utf-8") == schema_text()


def test_the_schema_found_by_paths_is_the_published_one() -> None:
    assert schema_file().read_text(encoding="utf-8") == schema_text()


def test_schema_output_is_stable() -> None:
    assert schema_text() == schema_text()


@pytest.mark.e2e
def test_journey_schema_pipes_into_json_tool(tmp_path: Path) -> None:
    schema = subprocess.run(
        [sys.executable, "-m", "assistant", "schema"],
        capture_output=True,
        check=True,
        cwd=tmp_path,
        timeout=60,
    )
    tool = subprocess.run(
        [sys.executable, "-m", "json.tool"],
        input=schema.stdout,
        capture_output=True,
        check=True,
        timeout=60,
    )
    assert json.loads(tool.stdout) == json.loads(schema.stdout)
    assert schema.stderr == b""
