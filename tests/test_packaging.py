"""A non-editable install, run from another folder, finds prompts/, exports/ and schema/.

The wheel is built once (no network, no build isolation: hatchling comes from the `test`
extra), installed with `pip install --target`, and run with only that folder and the
dependencies on sys.path: not the repo, not the editable install's .pth.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import assistant
from assistant import paths

REPO = Path(__file__).resolve().parent.parent
DATA_FOLDERS = ("prompts", "exports", "schema")


def pip(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args],
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="install the test extra: pip install -e '.[test]'")
    out = tmp_path_factory.mktemp("wheel")
    pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(out), str(REPO))
    (built,) = out.glob("journey_assistant-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    pip("install", "--no-deps", "--no-index", "--target", str(target), str(wheel))
    return target


def run_installed(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the interpreter with `-S` (no site: the editable .pth that points at the repo
    is not read) and only the install folder plus the dependencies on the path."""
    deps = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYTHON") and not key.startswith("JOURNEY_")
    }
    env.update(
        PYTHONPATH=os.pathsep.join([str(installed), *deps]),
        PYTHONSAFEPATH="1",
        PYTHONNOUSERSITE="1",
        PYTHONDONTWRITEBYTECODE="1",
        JOURNEY_DATA_DIR=str(cwd / "user-data"),
        JOURNEY_MAPS_DIR=str(cwd / "maps"),
    )
    return subprocess.run(
        [sys.executable, "-S", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.mark.e2e
def test_the_wheel_carries_every_data_file(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    expected = {
        f"assistant/_data/{path.relative_to(REPO).as_posix()}"
        for folder in DATA_FOLDERS
        for path in (REPO / folder).rglob("*")
        if path.is_file()
    }
    assert "assistant/_data/schema/journey-map.schema.json" in expected
    assert expected <= names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(wheel) as archive:
        assert "journey = assistant.cli.main:main" in archive.read(entry_points).decode()


PROBE = """
import json, sys
import assistant, assistant.paths as paths
print(json.dumps({
    "package": assistant.__file__,
    "prompts": str(paths.prompts_dir()),
    "exports": str(paths.exports_dir()),
    "schema": str(paths.schema_file()),
    "path": sys.path,
    "textual": "textual" in sys.modules,
}))
"""


@pytest.mark.e2e
def test_an_installed_copy_finds_its_data_from_another_folder(
    installed: Path, tmp_path: Path
) -> None:
    result = run_installed(installed, tmp_path, "-c", PROBE)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    root = installed.resolve()
    assert Path(found["package"]).resolve().is_relative_to(root)
    for key in ("prompts", "exports"):
        folder = Path(found[key]).resolve()
        assert folder.is_relative_to(root / "assistant" / "_data"), found[key]
        assert folder.is_dir()
        assert {p.name for p in folder.iterdir()} >= {"en", "fr"}
    schema = Path(found["schema"]).resolve()
    assert schema.is_relative_to(root) and schema.is_file()
    assert json.loads(schema.read_text(encoding="utf-8"))["title"] == "JourneyMap"
    assert not any(Path(entry).resolve() == REPO for entry in found["path"] if entry)
    assert found["textual"] is False  # finding data must not start the UI toolkit


@pytest.mark.e2e
def test_the_installed_command_runs_from_another_folder(installed: Path, tmp_path: Path) -> None:
    version = run_installed(installed, tmp_path, "-m", "assistant", "--version")
    assert (version.returncode, version.stdout, version.stderr) == (
        0,
        f"journey {assistant.__version__}\n",
        "",
    )
    schema = run_installed(installed, tmp_path, "-m", "assistant", "schema")
    assert schema.returncode == 0, schema.stderr
    assert json.loads(schema.stdout)["title"] == "JourneyMap"  # sync: tests/cli/test_schema.py


def test_a_checkout_reads_the_repo_folders() -> None:
    """Editable install / running from the repo: the top-level folders are used directly."""
    assert paths.prompts_dir() == REPO / "prompts"
    assert paths.exports_dir() == REPO / "exports"
    assert paths.schema_file() == REPO / "schema" / "journey-map.schema.json"


def test_user_folders_follow_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNEY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JOURNEY_MAPS_DIR", str(tmp_path / "maps"))
    assert paths.user_data_dir() == tmp_path / "data"
    assert paths.default_maps_dir() == tmp_path / "maps"
    assert list(tmp_path.iterdir()) == []  # asking for a folder never creates it
