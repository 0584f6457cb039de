"""Map files: canonical JSON, atomic saves with a .bak, clear one-line load errors."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from assistant.model import SCHEMA_VERSION, JourneyMap
from assistant.store import (
    MapFileError,
    backup_path,
    dump_map,
    load_map,
    parse_map,
    save_map,
    write_atomic,
)

DATA = Path(__file__).resolve().parents[1] / "data"
V1 = DATA / "schema" / "v1.json"
BROKEN = DATA / "broken"
SARAH = DATA / "fixtures" / "sarah-crm.en.json"
BANQUE = DATA / "fixtures" / "banque-ouverture-compte.fr.json"

# Every broken fixture, and what its one-line error must say besides the file name.
BROKEN_EXPECTED: dict[str, list[str]] = {
    "truncated.json": ["line 208", "not valid JSON", "truncated"],
    "wrong-type.json": ["stages[0].touchpoints[0].emotion.score", "valid integer"],
    "dangling-reference.json": ["opportunities[1]", "'pp-9'", "does not exist"],
    "control-characters.json": ["stages[1].name", "control character (U+001B)"],
    "nul-character.json": ["personas[0].quote", "control character (U+0000)"],
    "newer-schema.json": ["schema 99", "Upgrade journey-assistant"],
    "not-an-object.json": ["must be a JSON object"],
    "not-json.json": ["line 1, column 1", "not valid JSON"],
    "empty.json": ["empty"],
    "nan-score.json": ["NaN", "use null"],
    "duplicate-key.json": ["'title'", "appears twice"],
    "not-utf8.json": ["not UTF-8"],
}


def read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


# -- canonical JSON ---------------------------------------------------------------------


def test_dump_is_pretty_utf8_in_model_field_order() -> None:
    journey = load_map(BANQUE)
    text = dump_map(journey)
    assert text.endswith("}\n")
    assert text.startswith('{\n  "schema_version": 1,\n  "id": ')
    assert "Réduire" in text  # accents stay readable, not \u00e9
    assert list(json.loads(text)) == list(JourneyMap.model_fields)
    stage = json.loads(text)["stages"][0]
    assert list(stage) == list(type(journey.stages[0]).model_fields)


@pytest.mark.parametrize("path", [V1, SARAH, BANQUE], ids=lambda p: p.name)
def test_dump_is_stable_across_load_and_save(path: Path) -> None:
    first = dump_map(load_map(path))
    assert dump_map(parse_map(first)) == first
    assert parse_map(first) == load_map(path)


# -- loading: one line naming the file and the field, never a write ---------------------


def test_every_broken_fixture_is_listed() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(BROKEN_EXPECTED)


@pytest.mark.parametrize("name", sorted(BROKEN_EXPECTED))
def test_a_broken_file_gives_one_clear_line_and_is_not_touched(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes((BROKEN / name).read_bytes())
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = sorted(tmp_path.iterdir())
    with pytest.raises(MapFileError) as info:
        load_map(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    for part in BROKEN_EXPECTED[name]:
        assert part in message
    assert path.read_bytes() == (BROKEN / name).read_bytes()
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert sorted(tmp_path.iterdir()) == before  # no .bak, no lock, no temp file


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MapFileError, match=r"missing\.json: no such file$"):
        load_map(tmp_path / "missing.json")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_a_map(tmp_path: Path) -> None:
    with pytest.raises(MapFileError, match="is a folder"):
        load_map(tmp_path)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """Windows Notepad saves UTF-8 with a BOM; it used to give 'not valid JSON ... truncated'."""
    path = tmp_path / "notepad.json"
    path.write_bytes(b"\xef\xbb\xbf" + V1.read_bytes())
    assert load_map(path) == load_map(V1)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(constant: str) -> None:
    """json.loads accepts them, but they are not JSON: the map would break other tools."""
    doc = read(V1)
    text = json.dumps(doc).replace('"score": -0.42', f'"score": {constant}')
    assert constant in text
    with pytest.raises(MapFileError, match=f"{constant} is not a JSON value"):
        parse_map(text, source="m.json")


def test_a_repeated_key_is_refused_rather_than_silently_dropped() -> None:
    with pytest.raises(MapFileError, match="'name' appears twice"):
        parse_map(
            '{"id": "m", "title": "t", "personas": [{"id": "per-1", "name": "A", "name": "B"}]}'
        )


def test_absurd_nesting_is_one_line_not_a_traceback() -> None:
    """It used to escape as RecursionError."""
    with pytest.raises(MapFileError, match="nested too deeply"):
        parse_map('{"title": ' + "[" * 100_000 + "]" * 100_000 + "}", source="m.json")


def test_validation_paths_use_the_same_style_as_reference_messages() -> None:
    doc = read(V1)
    doc["stages"][1]["touchpoints"][0]["channel"] = "pigeon"
    with pytest.raises(MapFileError) as info:
        parse_map(json.dumps(doc), source="m.json")
    assert str(info.value).startswith("m.json: stages[1].touchpoints[0].channel: Input should be")


def test_several_problems_are_counted_on_the_same_line() -> None:
    doc = read(V1)
    doc["title"] = ""
    doc["language"] = "de"
    with pytest.raises(MapFileError) as info:
        parse_map(json.dumps(doc), source="m.json")
    assert str(info.value) == "m.json: title: cannot be empty (and 1 more problem(s))"


# -- schema versions and migrations -----------------------------------------------------


def test_a_fixture_exists_for_every_released_schema_version() -> None:
    names = {p.name for p in (DATA / "schema").glob("v*.json")}
    assert names == {f"v{n}.json" for n in range(1, SCHEMA_VERSION + 1)}


@pytest.mark.parametrize("path", sorted((DATA / "schema").glob("*.json")), ids=lambda p: p.name)
def test_every_released_version_loads(path: Path) -> None:
    journey = load_map(path)
    assert journey.schema_version == SCHEMA_VERSION
    assert int(path.stem.removeprefix("v")) == read(path)["schema_version"]
    # Rich: every kind of item is present, so a migration cannot silently drop one.
    assert journey.workshop.participants and journey.personas and journey.opportunities
    assert journey.parking_lot and journey.notes and journey.derived_from
    stage = journey.stages[0]
    assert stage.actions and stage.thoughts and stage.pain_points and stage.evidence
    assert all(getattr(stage.blueprint, lane) for lane in type(stage.blueprint).model_fields)
    assert stage.touchpoints[0].emotion and stage.touchpoints[0].evidence


def test_a_map_without_schema_version_is_version_one() -> None:
    doc = read(V1)
    del doc["schema_version"]
    assert parse_map(json.dumps(doc)).schema_version == 1


@pytest.mark.parametrize("version", [0, -1, "1", 1.5, True, None])
def test_a_nonsense_schema_version_is_refused(version: object) -> None:
    doc = read(V1)
    doc["schema_version"] = version
    with pytest.raises(MapFileError, match=r"m\.json: schema_version: must be a whole number"):
        parse_map(json.dumps(doc), source="m.json")


def test_migrations_run_in_order_up_to_the_current_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The hook: MIGRATIONS[n] turns version n into n+1; the version number is updated."""
    import assistant.store as store

    calls: list[int] = []

    def v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(data["schema_version"])
        return {**data, "title": data["title"] + " (migrated)"}

    def v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(data["schema_version"])
        return data

    monkeypatch.setattr(store, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(store, "MIGRATIONS", {1: v1_to_v2, 2: v2_to_v3})
    data = store.migrate(read(V1))
    assert calls == [1, 2]
    assert data["schema_version"] == 3
    assert data["title"].endswith(" (migrated)")


# -- saving -----------------------------------------------------------------------------


def test_save_then_load_gives_the_same_map(tmp_path: Path) -> None:
    journey = load_map(V1)
    path = tmp_path / "new" / "folder" / "map.json"
    save_map(journey, path)
    assert load_map(path) == journey
    assert path.read_text(encoding="utf-8") == dump_map(journey)
    assert not backup_path(path).exists()  # nothing to back up the first time


def test_save_keeps_the_previous_version_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    first, second, third = load_map(SARAH), load_map(BANQUE), load_map(V1)
    save_map(first, path)
    save_map(second, path)
    assert backup_path(path).name == "map.json.bak"
    assert load_map(backup_path(path)) == first
    save_map(third, path)
    assert load_map(path) == third
    assert load_map(backup_path(path)) == second
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.json", "map.json.bak"]


def test_save_without_backup(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    save_map(load_map(SARAH), path, backup=False)
    save_map(load_map(BANQUE), path, backup=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.json"]


def test_save_refuses_a_map_that_could_not_be_loaded_again(tmp_path: Path) -> None:
    """In-place list edits skip pydantic's validation; the file used to be written anyway
    and the next `journey resume` failed on it."""
    path = tmp_path / "map.json"
    journey = load_map(V1)
    save_map(journey, path)
    good = path.read_bytes()
    journey.opportunities[0].pain_point_ids.append("pp-99")
    with pytest.raises(MapFileError) as info:
        save_map(journey, path)
    assert str(info.value) == (
        f"{path}: not saved, the map is invalid: "
        "opportunities[0] links to pain point 'pp-99', which does not exist"
    )
    assert path.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.json"]


def test_nan_is_refused_before_it_can_be_saved(tmp_path: Path) -> None:
    journey = load_map(V1)
    with pytest.raises(ValidationError, match="finite"):
        journey.stages[0].evidence[0].score = float("nan")
    save_map(journey, tmp_path / "map.json")
    assert load_map(tmp_path / "map.json") == journey


def test_a_failed_save_is_a_map_file_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(MapFileError, match="could not save"):
        save_map(load_map(SARAH), blocker / "map.json")


def test_write_atomic_replaces_the_file_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    write_atomic(path, b"old")
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_write_atomic_keeps_the_old_file_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.json"
    write_atomic(path, b"old")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_write_atomic_fsyncs_before_renaming(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        assert Path(src).parent == tmp_path  # the temp file is in the same folder
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_atomic(tmp_path / "f.json", b"data")
    assert events[:2] == ["fsync", "replace"]


def test_saved_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        save_map(load_map(SARAH), tmp_path / "map.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "map.json").stat().st_mode) == 0o640
