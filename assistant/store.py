"""Map files on disk: canonical JSON, atomic saves with a `.bak`, a lock, and migrations.

A workshop's answers are an afternoon of several people's time. A save either fully
happens or leaves the previous file untouched, and loading never writes.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import tempfile
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
    """Canonical JSON: model field order, two-space indent, UTF-8 text, trailing newline."""
    data = journey.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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
    """Read and validate a map. Raises MapFileError with one line naming file and field."""
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


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers only ever see the old or the new content.

    The temp file is created fresh (O_EXCL, so a symlink planted in its place is never
    followed) in the same folder, fsynced, then renamed over the target.
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        # mkstemp creates 0600; give the file the user's usual permissions (umask).
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _keep_backup(path: Path) -> None:
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
            _keep_backup(path)
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
