"""`journey schema`: print the JSON Schema of the map."""

from __future__ import annotations

import argparse
import json

from assistant.model import JourneyMap

NAME = "schema"
HELP = "print the JSON Schema of journey map files"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Print the JSON Schema that every journey map file follows."


def schema_text() -> str:
    schema = JourneyMap.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://journey-assistant.example/schema/journey-map.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def run(args: argparse.Namespace) -> int:
    print(schema_text(), end="")
    return 0
