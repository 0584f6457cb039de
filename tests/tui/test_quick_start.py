"""A new workshop's first question shows before the engine has loaded (bench/bench_tui.py
(a)); the engine then arrives on a thread. Nothing typed meanwhile is lost, the opening is
never shown twice, and a failure to start is one line, as before."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from assistant.interview import InterviewError
from assistant.tui import session as session_module
from assistant.tui.app import JourneyApp, create_app
from assistant.tui.session import NewWorkshop, Session, Starting, quick_start
from assistant.tui.widgets.answer_box import AnswerBox
from assistant.tui.widgets.transcript import Transcript
from tests.tui.conftest import SIZE
from tests.tui.conftest import test_config as config


def _starting(path: Path, language: str = "en") -> Starting:
    starting = quick_start(NewWorkshop(path=path, language=language))  # type: ignore[arg-type]
    assert starting is not None
    return starting


async def _until(pilot: object, condition: object, seconds: float = 10.0) -> None:
    import asyncio
    import time

    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.02)  # type: ignore[attr-defined]
        await asyncio.sleep(0)


def test_quick_start_only_when_the_first_words_are_known(tmp_path: Path) -> None:
    free = tmp_path / "new.json"
    assert quick_start(NewWorkshop(path=free, language="fr")) is not None
    assert quick_start(NewWorkshop(path=free, language=None)) is None  # the engine asks
    assert quick_start(NewWorkshop(path=free, language="en", title="T")) is None
    assert quick_start(NewWorkshop(path=None, language="en")) is None
    taken = tmp_path / "taken.json"
    taken.write_text("{}", encoding="utf-8")
    assert quick_start(NewWorkshop(path=taken, language="en")) is None  # engine refuses
    (tmp_path / "crashed.json.wal").write_bytes(b"")
    assert quick_start(NewWorkshop(path=tmp_path / "crashed.json", language="en")) is None


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_the_opening_shows_at_once_and_the_engine_takes_over(
    tmp_path: Path, language: str
) -> None:
    path = tmp_path / "map.json"
    starting = _starting(path, language)
    app = create_app(config(), starting=starting)
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: app.session is not None)
        await pilot.pause()
        transcript = app.screen.query_one(Transcript)
        texts = [m.text for m in transcript.messages]
        assert texts == list(starting.texts)  # shown once, not again by the engine
        assert app.session is not None
        assert app.session.engine.question is not None
        assert app.session.engine.question.key == "setup.title"
        await pilot.press(*"Branch visit", "enter")
        await pilot.pause()
        assert app.session.journey.title == "Branch visit"
        assert app.screen.query("#preview")  # the rest of the screen came with the engine
        await pilot.pause(0.1)
        keys = [key.description for key in app.screen.query("FooterKey")]  # type: ignore[attr-defined]
        assert keys, "the footer shows its keys"
    session = app.session
    assert session is not None
    session.close()
    assert '"title": "Branch visit"' in path.read_text(encoding="utf-8")


async def test_an_answer_sent_while_the_engine_loads_waits_and_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real = session_module.new_session

    def slow(request: NewWorkshop, **kwargs: object) -> Session:
        assert release.wait(10)
        return real(request, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(session_module, "new_session", slow)
    app = create_app(config(), starting=_starting(tmp_path / "map.json"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session is None
        await pilot.press(*"Opening an account", "enter")
        await pilot.press("f2", "f3", "f4", "f5", "f6", "f7", "f8")  # no panel yet: nothing
        await pilot.pause()
        assert app.screen.__class__.__name__ == "InterviewScreen"
        box = app.screen.query_one(AnswerBox)
        assert box.locked
        assert box.text == "Opening an account"  # still visible, not lost
        release.set()
        await _until(pilot, lambda: app.session is not None and app.session.answers > 0)
        await pilot.pause()
        assert app.session is not None
        assert app.session.journey.title == "Opening an account"
        assert not box.locked
        assert box.text == ""
        transcript = app.screen.query_one(Transcript).plain_text()
        assert transcript.count("What is the title of this journey map?") == 1
    assert app.session is not None
    app.session.close()


async def test_the_engine_words_win_when_they_differ(tmp_path: Path) -> None:
    starting = _starting(tmp_path / "map.json")
    stale = Starting(starting.request, "en", ("Old welcome", "Old question?"))
    app = create_app(config(), starting=stale)
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: app.session is not None)
        await pilot.pause()
        texts = [m.text for m in app.screen.query_one(Transcript).messages]
        assert texts == list(starting.texts)
    assert app.session is not None
    app.session.close()


async def test_a_failure_to_start_closes_the_app_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(request: NewWorkshop, **kwargs: object) -> Session:
        raise InterviewError("map.json is open in another journey session (pid 42)")

    monkeypatch.setattr(session_module, "new_session", locked)
    app: JourneyApp = create_app(config(), starting=_starting(tmp_path / "map.json"))
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: app.startup_error is not None)
    assert app.startup_error == "map.json is open in another journey session (pid 42)"
    assert app.return_value == 1
    assert app.session is None
