"""The map lock: one editing session per map, across processes; a dead holder's lock is free."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.store import MapFileError, MapLock, MapLockedError, lock_path

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX advisory locks")

HOLDER = """
import sys
from pathlib import Path
from assistant.store import MapLock
lock = MapLock(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
sys.stdin.read()  # hold the lock until the test closes stdin (or kills us)
lock.release()
print("released", flush=True)
"""


class Holder:
    """Another process holding the lock on a map until told to stop or killed."""

    def __init__(self, map_path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(map_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=map_path.parent,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line == "locked\n", f"holder did not start: {line!r}"

    @property
    def pid(self) -> int:
        return self.proc.pid

    def release(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        assert self.proc.stdout.readline() == "released\n"
        assert self.proc.wait(timeout=30) == 0

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        assert self.proc.wait(timeout=30) == -signal.SIGKILL

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture
def map_path(tmp_path: Path) -> Path:
    return tmp_path / "team.json"


@pytest.fixture
def holder(map_path: Path) -> Iterator[Holder]:
    other = Holder(map_path)
    yield other
    other.close()


def test_a_second_process_is_refused_with_the_holders_pid(map_path: Path, holder: Holder) -> None:
    with pytest.raises(MapLockedError) as info:
        MapLock(map_path).acquire()
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("team.json is open in another journey session")
    assert f"pid {holder.pid} on {socket.gethostname()}" in message
    assert isinstance(info.value, MapFileError)  # callers reporting MapFileError cover it


def test_the_map_is_free_again_once_the_holder_releases(map_path: Path, holder: Holder) -> None:
    holder.release()
    assert not lock_path(map_path).exists()  # a clean exit leaves nothing behind
    with MapLock(map_path):
        assert lock_path(map_path).exists()


def test_a_lock_left_by_a_killed_process_is_taken_over(map_path: Path, holder: Holder) -> None:
    holder.kill()
    stale = json.loads(lock_path(map_path).read_text())
    assert stale["pid"] == holder.pid  # the file is still there, naming a dead process
    with MapLock(map_path) as lock:
        assert json.loads(lock.path.read_text())["pid"] == os.getpid()
        with pytest.raises(MapLockedError, match=f"pid {os.getpid()}"):
            MapLock(map_path).acquire()  # and it really holds the map now
    assert not lock_path(map_path).exists()


def test_two_sessions_in_one_process_are_refused_too(map_path: Path) -> None:
    with MapLock(map_path), pytest.raises(MapLockedError):
        MapLock(map_path).acquire()


def test_a_garbled_lock_file_without_a_holder_is_taken_over(map_path: Path) -> None:
    lock_path(map_path).write_bytes(b"\x00garbage{")
    with MapLock(map_path) as lock:
        assert json.loads(lock.path.read_text()) == {
            "pid": os.getpid(),
            "host": socket.gethostname(),
        }


def test_locks_on_different_maps_are_independent(tmp_path: Path) -> None:
    with MapLock(tmp_path / "a.json"), MapLock(tmp_path / "b.json"):
        pass


def test_release_is_idempotent(map_path: Path) -> None:
    lock = MapLock(map_path)
    lock.acquire()
    lock.release()
    lock.release()
    with MapLock(map_path):
        pass


def test_a_lock_that_cannot_be_created_is_a_map_file_error(tmp_path: Path) -> None:
    """It used to escape as a raw OSError (a traceback for the user)."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(MapFileError, match=r"cannot create the lock file") as info:
        MapLock(blocker / "map.json").acquire()
    assert not isinstance(info.value, MapLockedError)


def test_a_symlink_in_place_of_the_lock_is_not_followed(map_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "victim"
    lock_path(map_path).symlink_to(target)
    with pytest.raises(MapFileError, match="cannot create the lock file"):
        MapLock(map_path).acquire()
    assert not target.exists()
