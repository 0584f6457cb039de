"""Real disk faults while a workshop saves: a full disk, a file-size limit, a folder removed.

Whatever happens, the person is told at once (Reply.save_error and an error message), every
answer stays in memory, `/save OTHER_PATH` writes them all somewhere else, and the last good
file on disk still loads.

* RLIMIT_FSIZE in a child process (SIGXFSZ ignored, so writes fail with EFBIG): works for
  any user. The limit is per process, so "space freed" is raising the soft limit again.
* a small tmpfs (only when `mount` works here, i.e. as root): the CLI itself runs on a
  folder that fills up, and `/save` to another folder rescues the session.
* the map's folder removed (`rm -rf`) in the middle of a session.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kill_harness import EPOCH, content, plain_lines, reference_states, scripted_answers

from assistant.interview import Interview
from assistant.store import load_map, read_wal, wal_path

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file-system faults")

ANSWERS = scripted_answers()


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        return reference_states(ANSWERS, tmp_path_factory.mktemp("reference"))
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


# -- the folder disappears ---------------------------------------------------------------


def test_a_folder_removed_mid_session_is_reported_at_once(
    tmp_path: Path, states: list[dict[str, Any]]
) -> None:
    folder = tmp_path / "workshop"
    folder.mkdir()
    path = folder / "map.json"
    elsewhere = tmp_path / "rescue" / "map.json"
    with Interview.create(path=path, language="en") as interview:
        interview.start()
        for text in ANSWERS[:10]:
            assert interview.answer(text).saved
        interview.flush()
        shutil.rmtree(folder)
        reply = interview.answer(ANSWERS[10])
        # Before the fix the write-ahead record went to the deleted file and the answer was
        # reported saved: nothing on disk held it, and `/quit` then said "Everything is saved".
        assert reply.save_error is not None and not reply.saved
        assert any(m.tone == "error" and "/save" in m.text for m in reply.messages)
        assert interview.answer("/quit").save_error is not None
        assert content(interview.journey) == states[11]  # kept in memory
        saved = interview.answer(f"/save {elsewhere}")
        assert saved.saved and saved.save_error is None
        for text in ANSWERS[11:20]:
            reply = interview.answer(text)
            assert reply.saved and reply.save_error is None
    assert content(load_map(elsewhere)) == states[20]
    assert not folder.exists()


def test_a_deleted_write_ahead_file_is_written_again(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    with Interview.create(path=path, language="en") as interview:
        interview.start()
        interview.answer(ANSWERS[0])
        interview.flush()
        wal_path(path).unlink(missing_ok=True)
        path.unlink()
        assert interview.answer(ANSWERS[1]).saved
        assert load_map(path).interview.answers == 2  # type: ignore[union-attr]


# -- the write-ahead record after a failed append -----------------------------------------


def test_a_torn_record_between_two_good_ones_does_not_hide_the_newer_one(tmp_path: Path) -> None:
    """A full disk cuts an append short (EFBIG/ENOSPC after a partial write); once there is
    room again the next answer is appended after the torn bytes and reported saved. Killed
    before the background save catches up, that answer must still be found."""
    path = tmp_path / "map.json"
    with Interview.create(path=path, language="en") as interview:
        interview.start()
        interview.answer("Old title")
    old = path.read_bytes()
    saves = load_map(path).interview.saves  # type: ignore[union-attr]
    new = old.replace(b'"Old title"', b'"New title"').replace(
        b'"saves": %d' % saves, b'"saves": %d' % (saves + 5)
    )
    assert new.count(b'"saves": %d' % (saves + 5)) == 1
    record = b"journey-wal %d %d\n%s\n"
    wal_path(path).write_bytes(
        record % (1, len(old), old)
        + (record % (2, len(new), new))[:700]  # torn by the full disk
        + record % (3, len(new), new)
    )
    assert load_map(path).title == "New title"
    # and a record torn inside its header is skipped the same way
    wal_path(path).write_bytes(
        record % (1, len(old), old) + b"journey-wal 2 8" + record % (3, len(new), new)
    )
    assert load_map(path).title == "New title"
    assert read_wal(path) is not None


# -- RLIMIT_FSIZE: writes fail with EFBIG ---------------------------------------------------

FSIZE_CHILD = r"""
import json, resource, signal, sys
from pathlib import Path
from assistant.interview import Interview
from assistant.store import load_map

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
path, rescue, answers_file = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
limit = int(sys.argv[4])
answers = json.loads(answers_file.read_text(encoding="utf-8"))
report = []
interview = Interview.create(path=path, language="en")
interview.start()
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
for n, text in enumerate(answers, start=1):
    reply = interview.answer(text)
    told = any(m.tone == "error" and "/save" in m.text for m in reply.messages)
    report.append({"n": n, "saved": reply.saved, "error": reply.save_error, "told": told})
interview.flush()
refused = interview.answer("/save " + str(rescue))  # still over the limit: told, kept
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # room again
rescued = interview.answer("/save " + str(rescue))
interview.close()
print(json.dumps({"steps": report, "refused": [m.text for m in refused.messages],
                  "rescued": rescued.saved}))
"""


def test_a_file_size_limit_is_reported_and_the_session_can_save_elsewhere(
    tmp_path: Path, states: list[dict[str, Any]]
) -> None:
    path = tmp_path / "full" / "map.json"
    rescue = tmp_path / "rescue" / "map.json"
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(ANSWERS), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", FSIZE_CHILD, str(path), str(rescue), str(answers_file), "5000"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    steps = result["steps"]
    failed = [s for s in steps if not s["saved"] and s["error"]]
    assert failed, "the limit never bit: make the map bigger or the limit smaller"
    last_good = load_map(path)  # intact and valid
    index = states.index(content(last_good))
    # told at once: no answer after the one on disk was reported saved without an error
    for step in steps[index:]:
        if step["n"] > index and step["saved"]:
            pytest.fail(f"answer {step['n']} was reported saved but the disk holds {index}")
    first_error = min(s["n"] for s in steps if s["error"])
    assert first_error <= index + 1
    assert all(s["told"] for s in steps if s["error"])
    assert any("Could not save" in text or "could not save" in text for text in result["refused"])
    assert result["rescued"]
    assert content(load_map(rescue)) == states[-1]  # every answer, kept in memory, written


# -- a small tmpfs through the real CLI -----------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = shutil.which("mount")
    point = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    point.mkdir()
    if mount is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(point)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def test_a_full_disk_through_the_plain_chat(
    small_disk: Path, tmp_path: Path, states: list[dict[str, Any]]
) -> None:
    path = small_disk / "workshop.json"
    rescue = tmp_path / "rescue" / "workshop.json"
    (small_disk / "filler").write_bytes(b"x" * 56 * 1024)  # leaves ~40 KB: fills mid-way
    split = len(ANSWERS) - 5
    text = plain_lines(ANSWERS[:split]) + f"/save {rescue}\n" + plain_lines(ANSWERS[split:])
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "chat", "--plain", str(path), "--lang", "en"],
        input=text,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "NO_COLOR": "1", "TERM": "dumb", "SOURCE_DATE_EPOCH": EPOCH},
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    out = done.stdout
    assert "Could not save" in out, "the disk never filled: make the filler bigger"
    last_good = load_map(path)  # intact and valid
    index = states.index(content(last_good))
    assert index < split, "everything fitted: make the filler bigger"
    # told at once: the first error comes with the first answer the disk does not hold
    blocks = out.split("\n> ")
    first_error = next(i for i, block in enumerate(blocks) if "Could not save" in block)
    assert first_error <= index + 1
    assert f"Saved to {rescue}" in out
    assert content(load_map(rescue)) == states[-1]
