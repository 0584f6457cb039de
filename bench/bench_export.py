"""Export speed for maps of 10 .. 10,000 touchpoints (a plain script: `make bench`).

Prints one row per map size with the best of a few runs for each format. Target: Markdown
for 10,000 touchpoints in under 1 s, growing linearly.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.export import FORMATS, render
from assistant.model import (
    Emotion,
    JourneyMap,
    Opportunity,
    PainPoint,
    Persona,
    Stage,
    TextItem,
    Touchpoint,
)

SIZES = (10, 100, 1_000, 10_000)
STAGES = 10
CHANNELS = ("web", "mobile_app", "phone", "email", "chat")


def make_map(touchpoints: int) -> JourneyMap:
    personas = [Persona(id=f"per-{i}", name=f"Persona {i}") for i in range(1, 4)]
    stages = []
    per_stage = max(1, touchpoints // STAGES)
    n = 0
    pain_ids = []
    for s in range(1, min(STAGES, touchpoints) + 1):
        tps = []
        for _ in range(per_stage):
            n += 1
            tps.append(
                Touchpoint(
                    id=f"tp-{n}",
                    name=f"Touchpoint {n}: the | customer's step #{n}",
                    channel=CHANNELS[n % len(CHANNELS)],  # type: ignore[arg-type]
                    persona_ids=[f"per-{1 + n % 3}"],
                    emotion=Emotion(score=(n % 5) - 2, word="word"),
                )
            )
        pains = [  # one pain point per five touchpoints, linked to one of them
            PainPoint(
                id=f"pp-{s * 100_000 + k}",
                text=f"Pain {k} of stage {s}; it hurts",
                severity=1 + k % 3,
                touchpoint_ids=[tps[(k * 5) % len(tps)].id],
            )
            for k in range(max(1, per_stage // 5))
        ]
        pain_ids += [p.id for p in pains]
        stages.append(
            Stage(
                id=f"st-{s}",
                name=f"Stage {s}",
                actions=[
                    TextItem(id=f"act-{s * 100_000 + k}", text=f"Action {k}") for k in range(3)
                ],
                touchpoints=tps,
                pain_points=pains,
            )
        )
    opps = [
        Opportunity(
            id=f"opp-{i}",
            text=f"Opportunity {i}",
            pain_point_ids=[pain_ids[i % len(pain_ids)]],
            impact=1 + i % 5,
            effort=1 + (i * 3) % 5,
        )
        for i in range(1, max(2, touchpoints // 10) + 1)
    ]
    return JourneyMap(
        id="bench", title="Bench", personas=personas, stages=stages, opportunities=opps
    )


def best_of(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    render(make_map(10), "md")  # warm up: templates compiled, labels loaded
    header = f"{'touchpoints':>12} " + " ".join(f"{fmt:>9}" for fmt in FORMATS) + "   md/tp (µs)"
    print(header)
    print("-" * len(header))
    slow = False
    for size in SIZES:
        journey = make_map(size)
        runs = 5 if size <= 1_000 else 3
        cells = []
        md_time = 0.0
        for fmt in FORMATS:
            seconds = best_of(lambda j=journey, f=fmt: render(j, f), runs)  # type: ignore[misc]
            if fmt == "md":
                md_time = seconds
            cells.append(f"{seconds * 1000:8.1f}ms")
        print(f"{size:>12,} " + " ".join(cells) + f"   {md_time / size * 1e6:10.1f}")
        if size == 10_000 and md_time >= 1.0:
            slow = True
    # A benchmark reports; it does not gate (machine noise would make `make bench` flaky).
    verdict = "NOT met" if slow else "met"
    print(f"target: Markdown for 10,000 touchpoints under 1 s: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
