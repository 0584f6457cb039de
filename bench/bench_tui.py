"""Measure the workshop app: start-up, keystroke-to-frame and Enter-to-frame.

    .venv/bin/python bench/bench_tui.py            # all three, a table at the end
    .venv/bin/python bench/bench_tui.py --quick    # fewer rounds

(a) whole-process time from start to the first question on screen, headless, next to a
    bare Textual app that shows an Input (same run, same interpreter);
(b) keystroke -> painted frame in the answer box;
(c) Enter -> next question and updated preview painted.
(b) and (c) run with 10 and with 1,000 messages in the transcript.

Keys are posted straight to the app (Pilot's typing waits for idle after every key, which
would measure the harness). A frame counts as painted when the compositor's update has
been turned into terminal output (the headless driver then drops it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


# -- children for (a) ---------------------------------------------------------------------


def child_bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Input(placeholder="answer")

        def on_mount(self) -> None:
            self.call_after_refresh(self._shown)

        def _shown(self) -> None:
            print(json.dumps({"shown": time.time()}), flush=True)
            self.exit()

    Bare().run(headless=True)


def child_journey(out: str, question: str) -> None:
    """Run the real CLI entry point, headless, and report the first painted frame whose
    transcript shows the first question (whichever path put it there)."""
    from assistant.tui.app import JourneyApp

    original_run = JourneyApp.run

    def run(self: JourneyApp, *args: object, **kwargs: object) -> object:
        kwargs["headless"] = True
        original_display = self._display

        def display(screen: object, renderable: object) -> None:
            original_display(screen, renderable)  # type: ignore[arg-type]
            if renderable is None or getattr(self, "_bench_reported", False):
                return
            from assistant.tui.widgets.transcript import Transcript

            found = self.screen.query(Transcript)
            if found and question in found.first().plain_text():
                self._bench_reported = True  # type: ignore[attr-defined]
                print(json.dumps({"shown": time.time()}), flush=True)
                self.exit()

        self._display = display  # type: ignore[method-assign]
        return original_run(self, *args, **kwargs)  # type: ignore[arg-type]

    JourneyApp.run = run  # type: ignore[method-assign]
    from assistant.cli.main import main

    main(["new", "--lang", "en", "--out", out])


def first_question() -> str:
    """The text to wait for (tests/test_opening.py keeps it equal to the engine's)."""
    from assistant.opening import opening_texts

    texts = opening_texts("en")
    assert texts is not None
    return texts[-1]


def startup(rounds: int) -> tuple[float, float]:
    env = dict(os.environ)
    tmp = Path(tempfile.mkdtemp(prefix="journey-bench-"))
    env["JOURNEY_DATA_DIR"] = str(tmp / "data")
    env.pop("TEXTUAL", None)
    # Measure what users run: modules with their bytecode cached, as pip leaves an
    # installed package and as any second start leaves a checkout. (This sandbox sets
    # PYTHONDONTWRITEBYTECODE, which made every start compile our sources, ~60 ms; the
    # site-packages side, textual included, was compiled by pip either way.) The warm-up
    # rounds below write the cache.
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def once(args: list[str]) -> float:
        start = time.time()
        proc = subprocess.run(
            [sys.executable, __file__, *args], capture_output=True, text=True, env=env, check=False
        )
        for line in proc.stdout.splitlines():
            if line.startswith("{"):
                return float(json.loads(line)["shown"]) - start
        raise RuntimeError(f"child failed: {proc.stderr[-2000:]}")

    bare: list[float] = []
    journey: list[float] = []
    once(["--child-bare"])  # warm the OS file cache for both
    question = first_question()
    once(["--child-journey", str(tmp / "warm.json"), question])
    for index in range(rounds):
        bare.append(once(["--child-bare"]))
        journey.append(once(["--child-journey", str(tmp / f"map-{index}.json"), question]))
    shutil.rmtree(tmp, ignore_errors=True)
    return statistics.median(bare), statistics.median(journey)


# -- in-process measurements for (b) and (c) --------------------------------------------------


def generic_answer(question: object) -> str:
    kind = getattr(question, "kind", "text")
    key = getattr(question, "key", "")
    if key in ("personas.more", "stages.confirm", "stage.personas", "stage.recap", "review"):
        return ""
    return {
        "choice": "1",
        "confirm": "",
        "text": "Some words",
        "list": "First thing\nSecond thing",
        "lines": "One idea",
        "emotion": "1",
        "rating": "3",
        "severity": "2",
        "multi": "1",
        "votes": "1",
    }.get(kind, "ok")


async def interactive(messages: int, keys: int, enters: int) -> tuple[list[float], list[float]]:
    from textual import events

    from assistant.interview.api import Message
    from assistant.tui.app import TuiConfig, create_app
    from assistant.tui.session import NewWorkshop, new_session
    from assistant.tui.widgets.answer_box import AnswerBox
    from assistant.tui.widgets.transcript import Transcript

    tmp = Path(tempfile.mkdtemp(prefix="journey-bench-"))
    os.environ["JOURNEY_DATA_DIR"] = str(tmp / "data")
    session = new_session(NewWorkshop(path=tmp / "map.json", language="en", title="Bench"))
    config = TuiConfig(cursor_blink=False, remember_recent=False)
    app = create_app(config, session=session)
    paints: list[float] = []
    original_display = app._display

    def display(screen: object, renderable: object) -> None:
        if renderable is not None:
            render = getattr(renderable, "render_segments", None)
            if render is not None:
                render(app.console)  # the work a real terminal write needs
            paints.append(time.perf_counter())
        original_display(screen, renderable)  # type: ignore[arg-type]

    app._display = display  # type: ignore[method-assign]

    async def settle() -> None:
        for _ in range(3):
            await asyncio.sleep(0.02)

    async def post_and_wait(key: str, character: str | None) -> float:
        before = len(paints)
        start = time.perf_counter()
        app.post_message(events.Key(key, character))
        deadline = start + 2.0
        while len(paints) == before and time.perf_counter() < deadline:
            await asyncio.sleep(0)
        return (paints[before] if len(paints) > before else deadline) - start

    key_times: list[float] = []
    enter_times: list[float] = []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        screen = app.screen
        transcript = screen.query_one(Transcript)
        filler = max(0, messages - transcript.message_count)
        if filler:
            transcript.add(
                Message("assistant" if i % 2 else "user", f"Earlier message {i}: **words** here")
                for i in range(filler)
            )
        await settle()
        box = screen.query_one(AnswerBox)
        box.focus()
        await settle()
        text = "typing speed"
        for index in range(keys):
            char = text[index % len(text)]
            key_times.append(await post_and_wait("space" if char == " " else char, char))
            await asyncio.sleep(0.005)
        box.clear()
        await settle()
        for _ in range(enters):
            question = session.engine.question
            if question is None:
                break
            box.put(generic_answer(question))
            await settle()
            enter_times.append(await post_and_wait("enter", "\r"))
            await settle()
    session.close()
    shutil.rmtree(tmp, ignore_errors=True)
    return key_times, enter_times


def ms(value: float) -> str:
    return f"{value * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child-bare", action="store_true")
    parser.add_argument("--child-journey", nargs=2, metavar=("OUT", "QUESTION"))
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.child_bare:
        child_bare()
        return
    if args.child_journey:
        child_journey(*args.child_journey)
        return
    rounds = 3 if args.quick else 7
    bare, journey = startup(rounds)
    print(
        f"(a) start-up to first question: journey {ms(journey)}   bare Input app {ms(bare)}"
        f"   ratio {journey / bare:.2f} (target <= 1.30)"
    )
    results = {}
    for messages in (10, 1000):
        keys, enters = asyncio.run(
            interactive(messages, 40 if args.quick else 80, 15 if args.quick else 30)
        )
        results[messages] = (statistics.median(keys), statistics.median(enters))
        print(
            f"    {messages:>5} messages: keystroke->frame median {ms(results[messages][0])}"
            f" (p90 {ms(sorted(keys)[int(len(keys) * 0.9)])}),"
            f" Enter->frame median {ms(results[messages][1])}"
            f" (p90 {ms(sorted(enters)[int(len(enters) * 0.9)])})"
        )
    k10, e10 = results[10]
    k1000, e1000 = results[1000]
    print(
        f"(b) keystroke->frame: {ms(k10)} at 10, {ms(k1000)} at 1,000 messages"
        f" (target < 17 ms; ratio {k1000 / k10:.2f}, target <= 1.2)"
    )
    print(
        f"(c) Enter->frame:     {ms(e10)} at 10, {ms(e1000)} at 1,000 messages"
        f" (target < 60 ms; ratio {e1000 / e10:.2f}, target <= 1.2)"
    )


if __name__ == "__main__":
    main()
