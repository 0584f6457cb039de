"""Only assistant/tui/ may import textual: the core runs headless (plain mode, CLI, tests)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "assistant"
TUI = PACKAGE / "tui"


def core_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if TUI not in p.parents)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif (  # importlib.import_module("textual...") or __import__("textual")
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                or (isinstance(node.func, ast.Name) and node.func.id == "__import__")
            )
        ):
            names.add(node.args[0].value)
    return names


def test_the_scan_sees_the_core() -> None:
    names = {module_name(p) for p in core_files()}
    assert {"assistant.store", "assistant.model.journey", "assistant.cli.main"} <= names
    assert not any(name.startswith("assistant.tui") for name in names)


def test_the_scan_would_catch_every_form_of_import() -> None:
    tree = ast.parse(
        "import textual\nfrom textual.app import App\nimport textual.widgets as w\n"
        "def f():\n    import importlib\n    importlib.import_module('textual.css')\n"
    )
    assert {"textual", "textual.app", "textual.widgets", "textual.css"} <= imported_modules(tree)


def test_no_core_module_imports_textual_statically() -> None:
    offenders = [
        f"{path.relative_to(REPO)} imports {name}"
        for path in core_files()
        for name in sorted(imported_modules(ast.parse(path.read_text(encoding="utf-8"))))
        if name == "textual" or name.startswith("textual.")
    ]
    assert offenders == []


CHECK = """
import importlib, json, sys
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
    if "textual" in sys.modules:
        print(json.dumps(name))
        break
"""


def test_importing_every_core_module_does_not_load_textual(tmp_path: Path) -> None:
    names = [module_name(p) for p in core_files() if p.name != "__main__.py"]
    result = subprocess.run(
        [sys.executable, "-c", CHECK, json.dumps(names)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "", f"importing {result.stdout.strip()} loaded textual"
