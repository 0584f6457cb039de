"""SIGKILL `journey chat --plain` and `journey run` at random moments: nothing accepted is lost.

10 kills in `make test` (7 chat, 3 run), 220 in `make stress` (160 chat, 60 run; every 10th
kill hits the installed `journey` executable instead of a fork). Each test prints one
summary line (`kill summary (...): kills survived X/Y, answers lost 0, ...`) that
docs/robustness.md quotes; run with `-s` to see it.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from kill_harness import (
    EPOCH,
    Zygote,
    kill_chat_sessions,
    kill_scripted_runs,
    reference_states,
    scripted_answers,
    zygote_env,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX"),
]


@pytest.fixture
def states(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[dict[str, Any]]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    folder = tmp_path / "reference"
    folder.mkdir()
    return reference_states(scripted_answers(), folder)


def _seed() -> int:
    return int(os.environ.get("JOURNEY_KILL_SEED", random.randrange(1_000_000)))


def _chat(
    zygote: Zygote, states: list[dict[str, Any]], tmp_path: Path, kills: int, exec_every: int
) -> None:
    seed = _seed()
    tally = kill_chat_sessions(
        zygote, tmp_path, zygote_env(), scripted_answers(), states, kills, random.Random(seed),
        exec_every=exec_every,
    )  # fmt: skip
    print(f"\n{tally.line('journey chat --plain')} (seed {seed})")
    assert tally.lost == 0 and tally.survived == tally.tried == kills, (seed, tally.problems)


def _run(zygote: Zygote, tmp_path: Path, kills: int, exec_every: int) -> None:
    seed = _seed()
    tally = kill_scripted_runs(
        zygote, tmp_path, zygote_env(), kills, random.Random(seed), exec_every=exec_every
    )
    print(f"\n{tally.line('journey run')} (seed {seed})")
    assert tally.lost == 0 and tally.survived == tally.tried == kills, (seed, tally.problems)


def test_kill_plain_chat_7_times(
    zygote: Zygote, states: list[dict[str, Any]], tmp_path: Path
) -> None:
    _chat(zygote, states, tmp_path, kills=7, exec_every=7)


def test_kill_scripted_run_3_times(zygote: Zygote, tmp_path: Path) -> None:
    _run(zygote, tmp_path, kills=3, exec_every=0)


@pytest.mark.slow
def test_kill_plain_chat_160_times(
    zygote: Zygote, states: list[dict[str, Any]], tmp_path: Path
) -> None:
    _chat(zygote, states, tmp_path, kills=160, exec_every=10)


@pytest.mark.slow
def test_kill_scripted_run_60_times(zygote: Zygote, tmp_path: Path) -> None:
    _run(zygote, tmp_path, kills=60, exec_every=10)
