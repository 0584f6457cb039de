"""A whole workshop driven by the keyboard only, from the welcome screen to the export."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

from assistant.store import load_map
from assistant.tui.app import JourneyApp
from assistant.tui.screens.export import ExportScreen
from assistant.tui.screens.interview import InterviewScreen
from assistant.tui.screens.opportunities import OpportunitiesScreen
from assistant.tui.screens.review import ReviewScreen
from assistant.tui.widgets.map_preview import MapPreview
from assistant.tui.widgets.review_grid import ReviewGrid
from assistant.tui.widgets.transcript import Transcript
from tests.tui.conftest import SIZE, make_app

STAGE_ANSWERS = {
    "stage.goal": "Decide",
    "stage.actions": ["Reads", "Asks"],
    "stage.thoughts": "Hmm",
    "stage.touchpoints": ["Site", "Call"],
    "stage.pains": "Slow",
    "stage.negative_followup": "Lost",
}


async def keys(pilot: Pilot[int], *names: str) -> None:
    """Key events through the driver, as a terminal sends them, then wait once.

    Pilot.press waits for the app to go idle after every key (~40-80 ms each); a workshop
    is ~1,000 keys, so they are queued back to back here and the test waits per answer.
    """
    app = pilot.app
    driver = app._driver
    assert driver is not None
    for name in names:
        key = _character_to_key(name) if len(name) == 1 and not name.isalnum() else name
        character = name if len(name) == 1 else {"space": " ", "enter": "\r"}.get(name)
        event = events.Key(key, character)
        event.set_sender(app)
        driver.send_message(event)
    for _ in range(1000):  # until the app has taken every key from its queue
        await pilot.pause()
        if app._message_queue.empty():
            break


async def type_answer(pilot: Pilot[int], answer: str | list[str]) -> None:
    """Type like a person: characters, Ctrl+J between list lines, Enter to send."""
    lines = [answer] if isinstance(answer, str) else answer
    typed: list[str] = []
    for index, line in enumerate(lines):
        if index:
            typed.append("ctrl+j")
        typed.extend(line)
    await keys(pilot, *typed, "enter")
    await pilot.pause()


async def pick_with_choice_bar(pilot: Pilot[int], number: int) -> None:
    """Tab into the choices row and press the option's number."""
    await keys(pilot, "tab", str(number))


def screen(app: JourneyApp) -> InterviewScreen:
    assert isinstance(app.screen, InterviewScreen), app.screen
    return app.screen


async def test_keyboard_workshop(tmp_path: Path, monkeypatch: object) -> None:
    app = make_app()
    out = tmp_path / "reports"
    async with app.run_test(size=SIZE) as pilot:
        # -- welcome: title, facilitated mode, start -------------------------------------
        await keys(
            pilot, *"Sam buys", "tab", "tab", "tab", "tab"
        )  # title, language, type, template
        await pilot.press("enter", "down", "enter")  # mode: facilitated
        await pilot.press("tab", "enter")  # Start
        await pilot.pause()
        interview = screen(app)
        session = interview.session
        assert session.journey.title == "Sam buys"
        assert session.journey.workshop.mode == "facilitated"
        path = session.path
        assert path is not None

        personas_done = 0
        vote_rounds = 0
        opportunity_ideas = 0
        asked: list[tuple[str, str | None]] = []
        for _ in range(250):
            question = session.engine.question
            if question is None:
                break
            key = question.key
            asked.append((key, question.item_id))
            if asked[-3:] == [asked[-1]] * 3:  # the same question three times: refused
                said = "\n".join(f"{m.role}: {m.text[:80]}" for m in session.engine.transcript[-8:])
                raise AssertionError(f"stuck on {key}:\n{said}")
            if key == "setup.business_goal":
                await type_answer(pilot, "Convert")
            elif key == "setup.scenario":
                await type_answer(pilot, "Trial")
            elif key == "setup.facilitator":
                await type_answer(pilot, "Fran")
            elif key == "setup.participants":
                await type_answer(pilot, ["Alex", "Bea"])
            elif key == "setup.template":
                await pick_with_choice_bar(pilot, 1)  # blank map
            elif key == "personas.pick":
                await type_answer(pilot, "1, 2")  # two personas
            elif key == "persona.name":
                personas_done += 1
                await type_answer(pilot, f"P{personas_done}")
            elif key.startswith("persona."):
                await type_answer(pilot, "Busy")
            elif key == "stage.personas":
                # "(Enter for all)" says the question, but the engine refuses an empty answer.
                await type_answer(pilot, "1, 2")
            elif key in ("personas.more", "stages.confirm", "stage.recap", "review"):
                await type_answer(pilot, "")  # Enter: keep going
            elif key in STAGE_ANSWERS:
                await type_answer(pilot, STAGE_ANSWERS[key])
            elif key == "touchpoint.channel":
                await pick_with_choice_bar(pilot, 1)
            elif key == "touchpoint.emotion":
                stage = question.progress.stage_index or 1
                await type_answer(pilot, "2" if stage % 2 else "-1")
            elif key == "pain.severity":
                await pick_with_choice_bar(pilot, 3)
            elif key == "pain.touchpoints":
                await type_answer(pilot, "2")
            elif key == "opp.ideas":
                opportunity_ideas += 1
                await type_answer(pilot, f"Idea {opportunity_ideas}")
            elif key in ("opp.impact", "opp.effort"):
                await type_answer(pilot, "4" if key == "opp.impact" else "2")
            elif key == "opp.owner":
                await type_answer(pilot, "/skip")
            elif key == "votes.participant":
                # Dot voting on the opportunities screen: + adds a dot, Enter sends them.
                vote_rounds += 1
                await pilot.press("f4")
                await pilot.pause()
                assert isinstance(app.screen, OpportunitiesScreen)
                if vote_rounds == 1:
                    await pilot.press("plus", "plus", "down", "plus")
                else:
                    await pilot.press("down", "down", "plus")
                await pilot.press("enter")
                await pilot.pause()
                await pilot.press("escape")
                await pilot.pause()
            else:
                raise AssertionError(f"unexpected question {key}: {question.text}")
            # The preview follows every answer.
            assert interview.query_one(MapPreview)._journey is session.journey

        assert session.engine.question is None, session.engine.question
        assert personas_done == 2
        assert vote_rounds == 2
        transcript = interview.query_one(Transcript)
        assert transcript.message_count > 100

        # -- review: edit one cell in place ----------------------------------------------
        if isinstance(app.screen, ExportScreen):  # the end of the interview offers the export
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        grid = app.screen.query_one(ReviewGrid)
        grid.focus()
        grid.cursor_coordinate = grid.cursor_coordinate._replace(row=0, column=1)
        await pilot.press("enter", "ctrl+a", "ctrl+k", *"Discover", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()

        # -- export ------------------------------------------------------------------------
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("tab", "ctrl+a", "ctrl+k", *str(out), "enter")
        await pilot.pause()
        written = app.screen.written
        assert written, "nothing exported"
        await pilot.press("escape", "ctrl+q")
        await pilot.pause()

    journey = load_map(path)
    assert journey.title == "Sam buys"
    assert [p.name for p in journey.personas] == ["P1", "P2"]
    assert len(journey.stages) == 5
    assert journey.stages[0].name == "Discover"
    for stage in journey.stages:
        assert [tp.name for tp in stage.touchpoints] == ["Site", "Call"]
        assert all(tp.emotion is not None for tp in stage.touchpoints)
        assert [a.text for a in stage.actions] == ["Reads", "Asks"]
    assert [p.name for p in journey.workshop.participants] == ["Alex", "Bea"]
    assert journey.opportunities
    assert sum(o.total_votes for o in journey.opportunities) == 4
    assert all(o.impact == 4 and o.effort == 2 for o in journey.opportunities)
    assert {p.suffix for p in written} == {".md", ".html"}
    assert all(p.is_file() and p.parent == out for p in written)
