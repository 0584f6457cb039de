"""Map files on disk: canonical JSON, atomic saves with a `.bak`, a lock, and migrations.

A workshop's answers are an afternoon of several people's time. A save either fully
happens or leaves the previous file untouched, and loading never writes.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import json
import os
import socket
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError

from assistant.model import SCHEMA_VERSION, JourneyMap

try:  # POSIX advisory locks; released by the OS when the holder dies.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class MapFileError(Exception):
    """A map file cannot be read or written. The message is one line, for a person."""


class MapLockedError(MapFileError):
    """Another live process is editing the map."""


# -- serialisation ----------------------------------------------------------------------


def dump_map(journey: JourneyMap) -> str:
    """Canonical JSON: model field order, two-space indent, UTF-8 text, trailing newline.

    pydantic's serializer writes the same text as `json.dumps(..., indent=2,
    ensure_ascii=False)` but in Rust: the stdlib's indenting encoder is pure Python and
    took ~600 ms on a 1,000-touchpoint map.
    """
    return journey.model_dump_json(indent=2) + "\n"


class _JsonProblem(ValueError):
    """Raised by the JSON hooks below; parse_map turns it into a MapFileError."""


def _reject_constant(name: str) -> Any:
    raise _JsonProblem(f"{name} is not a JSON value (JSON has no NaN or Infinity; use null)")


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise _JsonProblem(
                f"the key {key!r} appears twice in the same object; keep only one of them"
            )
        obj[key] = value
    return obj


def parse_map(text: str, *, source: str = "map") -> JourneyMap:
    """Parse and validate map JSON. Raises MapFileError: one line naming source and field.

    Stricter than `json.loads`: NaN/Infinity (not JSON) and a key repeated in one object
    (the first value would be lost silently) are refused.
    """
    try:
        data = json.loads(
            text.removeprefix("\ufeff"),
            parse_constant=_reject_constant,
            object_pairs_hook=_object_without_duplicates,
        )
    except json.JSONDecodeError as exc:
        raise MapFileError(
            f"{source}: line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg}); "
            "the file may be truncated"
        ) from None
    except _JsonProblem as exc:
        raise MapFileError(f"{source}: {exc}") from None
    except RecursionError:
        raise MapFileError(f"{source}: nested too deeply to be a journey map") from None
    if not isinstance(data, dict):
        raise MapFileError(f"{source}: a map must be a JSON object, found {type(data).__name__}")
    data = migrate(data, source=source)
    try:
        return JourneyMap.model_validate(data)
    except ValidationError as exc:
        raise MapFileError(f"{source}: {describe_validation_error(exc)}") from None


def describe_validation_error(exc: ValidationError) -> str:
    """The first problem as `stages[0].name: message`, the same path style as
    `reference_problems`; problems of the whole map (references) have no path prefix."""
    errors = exc.errors()
    first = errors[0]
    where = ""
    for part in first["loc"]:
        where += f"[{part}]" if isinstance(part, int) else f".{part}" if where else str(part)
    message = first["msg"].removeprefix("Value error, ")
    more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    return f"{where}: {message}{more}" if where else f"{message}{more}"


# -- migrations -------------------------------------------------------------------------

Migration = Callable[[dict[str, Any]], dict[str, Any]]

# MIGRATIONS[n] turns a version-n document into a version-(n+1) document. Add one each time
# SCHEMA_VERSION grows, and a fixture of the old version under tests/data/schema/.
MIGRATIONS: Final[dict[int, Migration]] = {}


def migrate(data: dict[str, Any], *, source: str = "map") -> dict[str, Any]:
    version = data.get("schema_version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise MapFileError(f"{source}: schema_version: must be a whole number from 1")
    if version > SCHEMA_VERSION:
        raise MapFileError(
            f"{source}: written by a newer journey-assistant (schema {version}; this one reads "
            f"up to {SCHEMA_VERSION}). Upgrade journey-assistant to open it."
        )
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data


# -- files ------------------------------------------------------------------------------


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def load_map(path: Path) -> JourneyMap:
    """Read and validate a map. Raises MapFileError with one line naming file and field.

    When a session was killed before its background save finished, the newest state is
    in NAME.json.wal: that state is returned (the map file itself is left alone until the
    map is opened for editing and saved again).
    """
    recovered = read_wal(path)
    if recovered is not None:
        try:
            from_wal = parse_map(recovered, source=f"{path} ({wal_path(path).name})")
        except MapFileError:
            from_wal = None  # a record the writer never finished: the file is the truth
        if from_wal is not None:
            try:
                from_file = _load_file(path)
            except MapFileError:
                return from_wal  # killed before the first save reached the file
            # A reader can catch the wal while the saver empties it and see an old record:
            # whichever copy was saved last wins.
            return from_wal if _saves(from_wal) > _saves(from_file) else from_file
    return _load_file(path)


def _saves(journey: JourneyMap) -> int:
    return journey.interview.saves if journey.interview is not None else 0


def _load_file(path: Path) -> JourneyMap:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise MapFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise MapFileError(f"{path}: is a folder, not a map file") from None
    except OSError as exc:
        raise MapFileError(f"{path}: cannot be read ({exc.strerror})") from None
    if not raw.strip():
        raise MapFileError(f"{path}: the file is empty")
    try:
        text = raw.decode("utf-8-sig")  # a BOM (Windows Notepad) is harmless
    except UnicodeDecodeError as exc:
        raise MapFileError(
            f"{path}: not UTF-8 text (byte {exc.start}); is it really a map file?"
        ) from None
    return parse_map(text, source=str(path))


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write `data` to `path` so that readers only ever see the old or the new content.

    The temp file is created fresh (O_EXCL, so a symlink planted in its place is never
    followed) in the same folder, then renamed over the target. Once the rename is done
    the new content survives the process being killed (the page cache belongs to the OS).
    `sync=True` also fsyncs file and folder before returning, for power loss; the
    interview's autosave passes False and lets a background thread fsync a moment later,
    which keeps an answer under a few milliseconds on slow disks.
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        # mkstemp creates 0600; give the file the user's usual permissions (umask).
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if sync:
        _fsync_folder(folder)
    else:
        _SYNCER.schedule(path)


def _umask() -> int:
    """The process umask, read without changing it: saves run on a background thread and
    the usual os.umask(0)-and-back dance would briefly give other threads umask 0."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _UMASK_LOCK:
        mask = os.umask(0o22)
        os.umask(mask)
        return mask


_UMASK_LOCK = threading.Lock()


def _fsync_path(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_folder(folder: Path) -> None:
    _fsync_path(folder)


class _BackgroundSync:
    """Fsyncs recently written files off the answer path; repeated saves coalesce."""

    def __init__(self) -> None:
        self._pending: set[Path] = set()
        self._busy = False
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def schedule(self, path: Path) -> None:
        with self._cond:
            self._pending.add(path)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="fsync", daemon=True)
                self._thread.start()
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending:
                    self._cond.wait()
                batch, self._pending = self._pending, set()
                self._busy = True
            for path in batch:
                _fsync_path(path)
                _fsync_folder(path.parent)
            with self._cond:
                self._busy = False
                self._cond.notify_all()

    def flush(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)


_SYNCER = _BackgroundSync()
atexit.register(_SYNCER.flush)


def flush_pending_syncs() -> None:
    """Wait until every background fsync is done (closing a session, exiting)."""
    _SYNCER.flush()


def keep_backup(path: Path) -> None:
    """Make NAME.json.bak the current NAME.json, atomically, before it is replaced."""
    if not path.exists():
        return
    bak = backup_path(path)
    link_tmp = bak.with_name(f".{bak.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        link_tmp.unlink()
    try:
        os.link(path, link_tmp)  # cheap: no copy, and the old bytes stay intact
        os.replace(link_tmp, bak)
    except OSError:
        with contextlib.suppress(OSError):
            link_tmp.unlink()
        write_atomic(bak, path.read_bytes())


def save_map(journey: JourneyMap, path: Path, *, backup: bool = True) -> None:
    """Validate, then save atomically, keeping the previous version as NAME.json.bak.

    In-place edits (`opp.pain_point_ids.append(...)`) bypass pydantic's validation, so the
    text is parsed back first: a map that could not be loaded again is never written.
    """
    text = dump_map(journey)
    try:
        parse_map(text, source="map")
    except MapFileError as exc:
        problem = str(exc).removeprefix("map: ")
        raise MapFileError(f"{path}: not saved, the map is invalid: {problem}") from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if backup:
            keep_backup(path)
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise MapFileError(f"{path}: could not save ({exc.strerror or exc})") from exc


# -- lock -------------------------------------------------------------------------------


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class MapLock:
    """An exclusive lock on a map file, held while a session edits it.

    It is an OS advisory lock on NAME.json.lock: a process that dies (even by SIGKILL)
    releases it, so a stale lock file is simply taken over. The file holds the holder's
    pid and host, so a second process can say who has the map open.
    """

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            self._acquire()
        except OSError as exc:
            raise MapFileError(
                f"{self.path}: cannot create the lock file ({exc.strerror or exc}); "
                "is the folder writable?"
            ) from None

    def _acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _attempt in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
            if fcntl is None:
                break
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:  # held by another open file: another session
                holder = _read_holder(fd)
                os.close(fd)
                map_name = self.path.name.removesuffix(".lock")
                raise MapLockedError(
                    f"{map_name} is open in another journey session ({holder}). Close that "
                    "session first, or work on a copy."
                ) from None
            except OSError:  # no locking on this file system: not "held by someone"
                os.close(fd)
                raise
            # The holder may have unlinked the file between our open and our flock: then we
            # locked a file nobody else will see. Only a lock on the file at the path counts.
            try:
                if os.stat(self.path).st_ino == os.fstat(fd).st_ino:
                    break
            except FileNotFoundError:
                pass
            os.close(fd)
        else:
            raise MapLockedError(f"{self.path}: could not take the lock; try again")
        self._fd = fd
        info = {"pid": os.getpid(), "host": socket.gethostname()}
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(info).encode(), 0)
        except OSError:
            self.release()
            raise

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(self._fd)  # closing drops the flock
        self._fd = None

    def __enter__(self) -> MapLock:
        self.acquire()
        return self

    def __exit__(self, *_: object) -> None:
        self.release()


def _read_holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return f"pid {info['pid']} on {info.get('host', '?')}"
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "another process"  # it has not written its pid yet, or the file is garbled


# -- autosave: write-ahead record + background atomic save ------------------------------

_WAL_MAGIC = b"journey-wal"


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def read_wal(path: Path) -> str | None:
    """The last complete record of NAME.json.wal, or None (no file, empty, or torn)."""
    try:
        raw = wal_path(path).read_bytes()
    except OSError:
        return None
    newest: bytes | None = None
    position = 0
    while position < len(raw):
        end = raw.find(b"\n", position)
        if end < 0:
            break
        header = raw[position:end].split()
        size = int(header[2]) if len(header) == 3 and header[2].isdigit() else -1
        start, stop = end + 1, end + 1 + size
        if (
            size < 0
            or header[0] != _WAL_MAGIC
            or stop + 1 > len(raw)
            or raw[stop : stop + 1] != b"\n"
        ):
            # Cut by a crash or a full disk mid-write: the record before it stands, unless
            # a complete record was appended after the torn bytes (there was room again).
            # The map text never holds the magic at a line start (JSON lines are indented).
            position = raw.find(_WAL_MAGIC, position + 1)
            if position < 0:
                break
            continue
        newest = raw[start:stop]
        position = stop + 1
    try:
        return newest.decode("utf-8") if newest is not None else None
    except UnicodeDecodeError:
        return None


class AutoSaver:
    """Saves an interview's map after every answer without making the answer wait.

    `save()` appends the new text to NAME.json.wal and flushes it: from then on the
    answer survives the process being killed (`load_map` reads the wal when it is newer).
    A background thread then keeps NAME.json.bak, writes NAME.json atomically with fsync,
    and empties the wal once the file has caught up. Renaming over a file costs ~2 ms on
    ext4 (it flushes on replace), which is why it happens off the answer's path.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._wal = wal_path(path)
        self._cond = threading.Condition()
        self._pending: tuple[int, bytes] | None = None
        self._busy = False
        self._seq = 0
        self._handle: Any = None
        self._thread: threading.Thread | None = None
        self._closing = False
        self.error: str | None = None

    def save(self, text: str) -> None:
        """Raises OSError when even the write-ahead record cannot be written."""
        data = text.encode("utf-8")
        with self._cond:
            self._seq += 1
            header = b"%s %d %d\n" % (_WAL_MAGIC, self._seq, len(data))
            for _attempt in range(2):
                if self._handle is None:
                    if self._seq == 1:  # a folder removed later is not silently made again
                        self.path.parent.mkdir(parents=True, exist_ok=True)
                    # O_NOFOLLOW, as for the lock: a symlink planted as NAME.json.wal is
                    # refused (the person is told), never appended through.
                    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                    self._handle = os.fdopen(os.open(self._wal, flags, 0o666), "ab")
                try:
                    self._handle.write(header + data + b"\n")
                    self._handle.flush()
                    removed = os.fstat(self._handle.fileno()).st_nlink == 0
                except OSError:
                    self._close_handle()
                    raise
                if not removed:
                    break
                # The record went to a file deleted under us (its folder removed, say):
                # nothing on disk holds it. Write a new one, or fail so the person is told.
                self._close_handle()
            else:
                raise FileNotFoundError(errno.ENOENT, "the file was removed", str(self._wal))
            self._pending = (self._seq, data)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="autosave", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._pending is None:
                    if self._closing:
                        return  # closed with nothing left to write: the thread ends
                    self._cond.wait()
                _seq, data = self._pending
                self._pending = None
                self._busy = True
            error: str | None = None
            try:
                keep_backup(self.path)
                write_atomic(self.path, data, sync=False)
            except OSError as exc:
                error = f"{self.path}: {exc.strerror or exc}"
            with self._cond:
                self.error = error
                self._busy = False
                if error is None and self._pending is None and self._handle is not None:
                    with contextlib.suppress(OSError):
                        self._handle.truncate(0)
                        self._handle.seek(0)
                self._cond.notify_all()

    def flush(self, timeout: float = 10.0) -> str | None:
        """Wait for the file to catch up; the last error, if any."""
        with self._cond:
            self._cond.wait_for(lambda: self._pending is None and not self._busy, timeout)
            return self.error

    def close(self) -> str | None:
        error = self.flush()
        with self._cond:
            self._close_handle()
            if error is None:
                with contextlib.suppress(OSError):
                    if self._wal.exists() and self._wal.stat().st_size == 0:
                        self._wal.unlink()
            # Stop the thread: a closed saver left it waiting forever, one per map opened,
            # until the process could start no thread at all.
            thread, self._thread = self._thread, None
            self._closing = True
            self._cond.notify_all()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=10)
        with self._cond:
            self._closing = False  # a save() after close() starts a new thread
        return error

    def _close_handle(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
            self._handle = None
