"""The installed `journey`, in a real terminal (tmux): answers survive a SIGKILL.

Types answers, kills the process with SIGKILL mid-interview, runs `journey resume`, and
finds every accepted answer in the map.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.store import load_map

pytestmark = pytest.mark.e2e

TMUX = shutil.which("tmux")


def journey_command() -> str:
    local = Path(sys.executable).with_name("journey")
    found = str(local) if local.exists() else shutil.which("journey")
    if found is None:
        pytest.fail("the journey command is not installed (pip install -e .)")
    return found


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Callable[..., str]]:
    if TMUX is None:
        pytest.skip("tmux is not installed")
    session = f"journey-e2e-{uuid.uuid4().hex[:8]}"
    socket = tmp_path / "tmux.sock"

    def run(*args: str) -> str:
        done = subprocess.run(
            [TMUX, "-S", str(socket), *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    run.session = session  # type: ignore[attr-defined]
    yield run
    run("kill-server")


def wait_for(read: Callable[[], str], text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = read()
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; screen was:\n{screen}")


def test_answers_survive_sigkill(tmux: Callable[..., str], tmp_path: Path) -> None:
    journey = journey_command()
    map_path = tmp_path / "kill.json"
    env = {
        "JOURNEY_DATA_DIR": str(tmp_path / "data"),
        "JOURNEY_MAPS_DIR": str(tmp_path / "maps"),
        "TERM": "xterm-256color",
    }
    exports = " ".join(f"{k}={v}" for k, v in env.items())
    session: str = tmux.session  # type: ignore[attr-defined]

    def screen() -> str:
        return tmux("capture-pane", "-p", "-t", session)

    def type_answer(text: str) -> None:
        tmux("send-keys", "-t", session, "-l", text)
        tmux("send-keys", "-t", session, "Enter")

    def pane_pid() -> int:
        return int(tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())

    command = f"env {exports} {journey} new --lang en --out {map_path}"
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "36", command)
    wait_for(screen, "title of this journey map")
    answers = ["Killed mid-way", "1", "Keep every answer", "Two agencies"]
    type_answer(answers[0])
    wait_for(screen, "kind of map")
    type_answer(answers[1])
    wait_for(screen, "business goal")
    type_answer(answers[2])
    wait_for(screen, "scenario")
    type_answer(answers[3])
    wait_for(screen, "alone, or facilitating")
    # Half-typed, never sent: not an accepted answer, so it may be lost.
    tmux("send-keys", "-t", session, "-l", "unsent")

    # SIGKILL: no handler runs, no terminal reset, no chance to save anything more.
    shell_pid = pane_pid()
    children = subprocess.run(
        ["pgrep", "-P", str(shell_pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    victims = [int(pid) for pid in children] or [shell_pid]
    for pid in victims:
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.5)

    saved = load_map(map_path)
    assert saved.title == "Killed mid-way"
    assert saved.scope.business_goal == "Keep every answer"
    assert saved.scope.scenario == "Two agencies"

    resume = f"env {exports} {journey} resume {map_path}"
    tmux("kill-server")
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "36", resume)
    text = wait_for(screen, "alone, or facilitating")  # the exact question where it stopped
    assert "Keep every answer" in text or "Two agencies" in text  # the transcript is back
    type_answer("1")  # solo
    wait_for(screen, "Mode")
    tmux("send-keys", "-t", session, "C-q")
    time.sleep(0.5)

    journey_map = load_map(map_path)
    assert journey_map.title == "Killed mid-way"
    assert journey_map.map_type == "current"
    assert journey_map.scope.business_goal == "Keep every answer"
    assert journey_map.scope.scenario == "Two agencies"
    assert journey_map.workshop.mode == "solo"
