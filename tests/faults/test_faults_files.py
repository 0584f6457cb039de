"""Broken, odd and locked map files through the CLI: one line, exit 1, the file untouched.

tests/store/test_store_files.py covers `load_map` on every file of tests/data/broken/ and
tests/cli/test_validate.py covers `journey validate`. Here each kind of damage goes through
every command that opens a map - `validate`, `export`, `chat --plain MAP` and `resume` -
and the file (and its .bak) must be byte-identical afterwards. `main()` is the code the
`journey` script runs; one test per command also runs the installed executable.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.cli.main import main
from assistant.interview import Interview
from assistant.store import MapLock, backup_path, load_map, lock_path, wal_path

DATA = Path(__file__).resolve().parents[1] / "data"
FIXTURE = DATA / "fixtures" / "sarah-crm.en.json"
JOURNEY = Path(sys.executable).with_name("journey")
GOOD = FIXTURE.read_bytes()


def _huge(size: int = 50 * 1024 * 1024) -> bytes:
    """A 50 MB map: valid JSON, one description far over the limit."""
    data = json.loads(GOOD)
    data["personas"][0]["description"] = "x" * size
    return json.dumps(data).encode()


BROKEN: dict[str, Callable[[], bytes]] = {
    "truncated": lambda: GOOD[: len(GOOD) // 2],
    "empty": lambda: b"",
    "whitespace": lambda: b"  \n\t\n",
    "binary": lambda: bytes(range(256)) * 16,
    "png": lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "wrong-schema": lambda: json.dumps({"name": "not a map", "items": [1, 2, 3]}).encode(),
    "a-list": lambda: b"[1, 2, 3]\n",
    "future-schema": lambda: GOOD.replace(b'"schema_version": 1', b'"schema_version": 7', 1),
    "huge": _huge,
}
COMMANDS = ["validate", "export", "chat", "resume"]


def argv_for(command: str, path: Path, out: Path) -> list[str]:
    return {
        "validate": ["validate", str(path)],
        "export": ["export", str(path), "--out", str(out)],
        "chat": ["chat", "--plain", str(path)],
        "resume": ["resume", str(path)],
    }[command]


def run_main(argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str = "") -> tuple[int, str, str]:  # fmt: skip
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, err: str) -> None:
    assert code == 1, err
    assert err.startswith("journey: error: ") and err.count("\n") == 1, err[:500]
    assert "Traceback" not in err and len(err) < 600


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def huge_bytes() -> bytes:
    return _huge()


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", [k for k in BROKEN if k != "huge"])
def test_a_broken_map_is_one_line_and_untouched(
    kind: str, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    path = tmp_path / "workshop.json"
    path.write_bytes(BROKEN[kind]())
    backup_path(path).write_bytes(GOOD)  # an older good copy must survive too
    before = snapshot(tmp_path)
    code, out, err = run_main(argv_for(command, path, tmp_path / "out"), monkeypatch, capsys)
    assert_one_line_error(code, err)
    assert str(path) in err
    if command == "chat":
        assert out == ""
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["validate", "export", "chat"])
def test_a_50_mb_map_is_one_line_and_untouched(
    command: str, huge_bytes: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    path = tmp_path / "huge.json"
    path.write_bytes(huge_bytes)
    began = time.monotonic()
    code, _, err = run_main(argv_for(command, path, tmp_path / "out"), monkeypatch, capsys)
    # Bug: the control-character scan ran before the length check, ~2 s per MB: 25-130 s.
    assert time.monotonic() - began < 15, "a 50 MB map must be refused at once"
    assert_one_line_error(code, err)
    assert "description" in err
    assert path.stat().st_size == len(huge_bytes) and path.read_bytes() == huge_bytes


@pytest.mark.e2e
@pytest.mark.parametrize("command", COMMANDS)
def test_the_installed_command_on_a_truncated_map(command: str, tmp_path: Path) -> None:
    path = tmp_path / "workshop.json"
    path.write_bytes(BROKEN["truncated"]())
    before = snapshot(tmp_path)
    done = subprocess.run(
        [str(JOURNEY), *argv_for(command, path, tmp_path / "out")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert_one_line_error(done.returncode, done.stderr)
    assert "not valid JSON" in done.stderr and done.stdout == ""
    assert snapshot(tmp_path) == before


# -- a .bak newer than the map ------------------------------------------------------------


def test_a_newer_bak_beside_a_good_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The map is what counts; read-only commands leave the .bak alone."""
    path = tmp_path / "workshop.json"
    path.write_bytes(GOOD)
    newer = GOOD.replace(b'"Sarah chooses a CRM"', b'"Sarah chose a CRM"', 1)
    backup_path(path).write_bytes(newer)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    before = snapshot(tmp_path)
    code, out, _ = run_main(["validate", str(path)], monkeypatch, capsys)
    assert code == 0 and "valid journey map" in out
    code, _, _ = run_main(
        ["export", str(path), "--out", str(tmp_path / "r.md")], monkeypatch, capsys
    )
    assert code == 0 and (tmp_path / "r.md").read_text(encoding="utf-8").startswith(
        "# Sarah chooses"
    )
    (tmp_path / "r.md").unlink()
    assert snapshot(tmp_path) == before


def test_a_newer_bak_beside_a_broken_map_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "workshop.json"
    path.write_bytes(BROKEN["truncated"]())
    backup_path(path).write_bytes(GOOD)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    before = snapshot(tmp_path)
    for command in COMMANDS:
        code, _, err = run_main(argv_for(command, path, tmp_path / "out"), monkeypatch, capsys)
        assert_one_line_error(code, err)
    assert snapshot(tmp_path) == before
    # the way out: the backup is a good map
    code, _, _ = run_main(["validate", str(backup_path(path))], monkeypatch, capsys)
    assert code == 0


# -- locks ---------------------------------------------------------------------------------

HOLDER = """
import sys
from pathlib import Path
from assistant.store import MapLock
lock = MapLock(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def live_holder(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    path = tmp_path / "workshop.json"
    path.write_bytes(GOOD)
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline() == "locked\n"
    yield path, proc.pid
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            stream.close()


@pytest.mark.parametrize("command", ["chat", "resume"])
def test_a_live_lock_is_one_line_naming_the_holder(
    command: str, live_holder: tuple[Path, int], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    path, pid = live_holder
    before = snapshot(path.parent)
    code, _, err = run_main(
        argv_for(command, path, path.parent / "out"), monkeypatch, capsys, "x\n"
    )
    assert_one_line_error(code, err)
    assert f"pid {pid}" in err and "another journey session" in err
    assert snapshot(path.parent) == before


def test_read_only_commands_work_on_a_locked_map(
    live_holder: tuple[Path, int], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    path, _ = live_holder
    code, out, _ = run_main(["validate", str(path)], monkeypatch, capsys)
    assert code == 0 and "valid journey map" in out
    code, out, _ = run_main(["export", str(path)], monkeypatch, capsys)
    assert code == 0 and out.startswith("# Sarah chooses a CRM")
    assert path.read_bytes() == GOOD


def test_a_stale_lock_is_taken_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lock file left by a dead session (no process holds it) does not block anyone."""
    path = tmp_path / "workshop.json"
    with Interview.create(path=path, language="en") as interview:
        interview.start()
        interview.answer("Stale lock workshop")
    lock_path(path).write_text('{"pid": 999999, "host": "gone"}', encoding="utf-8")
    code, _, err = run_main(["chat", "--plain", str(path)], monkeypatch, capsys, "current\n")
    assert code == 0, err
    journey = load_map(path)
    assert journey.title == "Stale lock workshop" and journey.map_type == "current"
    assert not lock_path(path).exists()
    with MapLock(path):  # and the map is free again
        pass


# -- a session killed before its first save left only NAME.json.wal -------------------------


def test_chat_resumes_a_map_that_exists_only_as_its_write_ahead_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bug: `journey chat --plain MAP` saw no MAP, started a new interview and the new
    session's first save buried the killed session's answers in the wal."""
    source = tmp_path / "source.json"
    with Interview.create(path=source, language="en") as interview:
        interview.start()
        for text in ["Only in the wal", "current", "goal", "scenario", "solo"]:
            interview.answer(text)
    text = source.read_bytes()
    path = tmp_path / "workshop.json"
    wal_path(path).write_bytes(b"journey-wal 1 %d\n%s\n" % (len(text), text))
    assert not path.exists()
    code, _, err = run_main(["chat", "--plain", str(path)], monkeypatch, capsys, "")
    assert code == 0, err
    journey = load_map(path)
    assert journey.title == "Only in the wal"
    assert journey.interview is not None and journey.interview.answers == 5
