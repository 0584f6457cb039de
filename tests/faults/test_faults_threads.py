"""Long sessions: opening, saving elsewhere and closing maps must not leak threads.

Found by the 10,000-example engine property in `make stress`: every closed interview left
its autosave thread waiting forever, and after a few thousand maps the process could not
start a thread any more ("RuntimeError: can't start new thread"). The TUI opens map after
map from its welcome screen, and `/save OTHER_PATH` starts a new saver each time.
"""

from __future__ import annotations

import threading
from pathlib import Path

from assistant.interview import Interview


def autosave_threads() -> int:
    return sum(1 for t in threading.enumerate() if t.name == "autosave")


def test_closing_interviews_stops_their_autosave_threads(tmp_path: Path) -> None:
    before = autosave_threads()
    for n in range(20):
        with Interview.create(path=tmp_path / f"map-{n}.json", language="en") as interview:
            interview.start()
            interview.answer(f"Workshop {n}")
    assert autosave_threads() == before


def test_save_elsewhere_stops_the_previous_saver(tmp_path: Path) -> None:
    before = autosave_threads()
    with Interview.create(path=tmp_path / "first.json", language="en") as interview:
        interview.start()
        interview.answer("Moving workshop")
        for n in range(10):
            assert interview.answer(f"/save {tmp_path / f'copy-{n}.json'}").saved
        assert autosave_threads() <= before + 1
    assert autosave_threads() == before
