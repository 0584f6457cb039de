"""The kill harness itself: what it counts as accepted must come from the run it checks.

The one chat kill in 160 that "lost" answers (seed 720783: "87 answers lost after input 87")
was a kill within a millisecond of the fork: the child had not yet opened its output file,
so the harness read the previous run's output and counted its echoes as this run's.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from kill_harness import (
    EPOCH,
    Outcome,
    Zygote,
    check_chat_after,
    reference_states,
    run_once,
    scripted_answers,
    zygote_env,
)

from assistant.interview import Interview

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL, fork and FIFOs")


def test_a_child_killed_before_it_opens_its_output_has_shown_nothing(
    zygote: Zygote, tmp_path: Path
) -> None:
    """The child blocks opening its stdin (a FIFO nobody writes), before it opens `out`:
    exactly where the millisecond kills landed, made deterministic."""
    out = tmp_path / "out.txt"
    out.write_text("> an answer of the previous run\n" * 57, encoding="utf-8")
    fifo = tmp_path / "stdin.fifo"
    os.mkfifo(fifo)
    argv = ["chat", "--plain", str(tmp_path / "m.json"), "--lang", "en"]
    outcome = run_once(zygote, argv, fifo, out, tmp_path, zygote_env(), kill_after=0.3)
    assert outcome.killed
    assert outcome.output == ""
    assert check_chat_after(tmp_path / "m.json", [{}, {}], 0, outcome) == (0, 0)


@pytest.fixture
def three_answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[Path, list[Any]]:
    """The reference states of the first three answers; reference.json holds the last."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    states = reference_states(scripted_answers()[:3], tmp_path)
    return tmp_path / "reference.json", states


def test_more_echoes_than_inputs_fed_is_an_error_not_a_loss_figure(
    three_answers: tuple[Path, list[Any]],
) -> None:
    path, states = three_answers
    with pytest.raises(AssertionError, match="2 echoes for 1 inputs fed"):
        check_chat_after(path, states, 2, _killed("> a\n> b\n"))


def test_the_matcher_still_counts_a_real_loss(three_answers: tuple[Path, list[Any]]) -> None:
    """The new check only refuses impossible counts: a map behind the echoes is still a
    loss. Two echoes from the start: the first answer had been accepted."""
    path, states = three_answers
    fresh = path.with_name("fresh.json")  # state 0: no answer given
    with Interview.create(path=fresh, language="en") as interview:
        interview.start()
        interview.flush()
    assert check_chat_after(fresh, states, 0, _killed("> a\n> b\n")) == (0, 1)
    assert check_chat_after(fresh, states, 0, _killed("> a\n")) == (0, 0)
    assert check_chat_after(path, states, 0, _killed("> a\n> b\n> c\n")) == (3, 0)


def _killed(output: str) -> Outcome:
    return Outcome(killed=True, output=output, exit_code=None)
