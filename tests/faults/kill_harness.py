"""SIGKILL the real `journey` commands at random moments and check that nothing is lost.

Two ways to start a command:

* a *zygote*: one Python process imports the CLI once and forks a child per run; the child
  redirects stdin/stdout to files and calls `assistant.cli.main.main(argv)`, exactly what
  the `journey` script does (console scripts only call `main`). A fork costs ~5 ms where a
  fresh interpreter costs 1-4 s on a busy 2-core machine, which is what makes 200 kills fit
  in `make stress`;
* the installed `.venv/bin/journey` executable itself (`exec=True`), for a share of the
  kills, so the real start-up path is killed too.

What "accepted" means: `journey chat --plain` prints `> ANSWER` before it hands an answer
to the engine and prints the reply after; so when the output shows n echoes, the first
n-1 answers had returned (and were saved) before the kill. The output file is emptied
before each run: a child killed before it opened it has shown nothing. After each kill the
map on disk (with its write-ahead record: `load_map`) must validate and be exactly the
state the engine reaches after k inputs for some k >= n-1: anything less is an answer lost.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.interview import Interview
from assistant.store import backup_path, load_map, wal_path

DATA = Path(__file__).resolve().parents[1] / "data"
SARAH_ANSWERS = DATA / "answers" / "sarah-crm.en.yaml"
EPOCH = "1764806400"  # SOURCE_DATE_EPOCH: the same dates in every process (2025-12-04)
JOURNEY = Path(sys.executable).with_name("journey")


def scripted_answers(path: Path = SARAH_ANSWERS) -> list[str]:
    """The answers as the plain chat hands them to the engine: several lines become the
    `- item` lines a person types in plain mode (the list parsers read both the same)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    answers = []
    for value in data["answers"]:
        text = "" if value is None else str(value).strip("\n")
        if "\n" in text:
            text = "\n".join(
                line if line.lstrip().startswith("- ") else f"- {line}" for line in text.split("\n")
            )
        answers.append(text)
    return answers


def plain_lines(answers: list[str]) -> str:
    """What a person pipes into `journey chat --plain`: one line per answer, a list as
    `- item` lines ended by an empty line."""
    lines: list[str] = []
    for answer in answers:
        body = answer.strip("\n")
        if "\n" in body:
            lines.extend(body.split("\n"))
            lines.append("")
        else:
            lines.append(body)
    return "\n".join(lines) + "\n"


def content(journey: Any) -> dict[str, Any]:
    """The map minus what differs between two sessions that typed the same things."""
    data: dict[str, Any] = journey.model_dump(mode="json", exclude={"id"})
    if data.get("interview"):
        data["interview"].pop("saves", None)  # counts saves: resuming saves once more
    return data


def reference_states(answers: list[str], folder: Path) -> list[dict[str, Any]]:
    """states[k]: the map on disk once the first k answers have returned."""
    path = folder / "reference.json"
    states = []
    with Interview.create(path=path, language="en") as interview:
        interview.start()
        interview.flush()
        states.append(content(load_map(path)))
        for text in answers:
            interview.answer(text)
            interview.flush()
            states.append(content(load_map(path)))
    return states


ZYGOTE = r"""
import os, sys, traceback
from assistant.cli.main import main
import assistant.cli.cmd_chat, assistant.cli.cmd_run, assistant.plain, assistant.scripted
import assistant.interview, assistant.export.render, rich.markdown  # what the children use
print("ready", flush=True)
for line in sys.stdin:
    cmd = line.rstrip("\n").split("\t")
    if cmd[0] == "fork":
        stdin_path, out_path, cwd, argv = cmd[1], cmd[2], cmd[3], cmd[4:]
        pid = os.fork()
        if pid == 0:
            code = 70
            try:
                os.chdir(cwd)
                fd = os.open(stdin_path, os.O_RDONLY)
                os.dup2(fd, 0)
                os.close(fd)
                fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.dup2(fd, 1)
                os.dup2(fd, 2)
                os.close(fd)
                sys.stdin = open(0, encoding="utf-8", closefd=False)
                sys.stdout = open(1, "w", encoding="utf-8", buffering=1, closefd=False)
                sys.stderr = sys.stdout
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            except BaseException:
                traceback.print_exc()
            finally:
                try:
                    sys.stdout.flush()
                finally:
                    os._exit(code)
        print("pid", pid, flush=True)
    elif cmd[0] == "reap":
        _, status = os.waitpid(int(cmd[1]), 0)
        print("status", status, flush=True)
"""


class Zygote:
    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", ZYGOTE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self.readline() == "ready"

    def readline(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def send(self, *parts: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("\t".join(parts) + "\n")
        self.proc.stdin.flush()

    def start(self, stdin: Path, out: Path, cwd: Path, argv: list[str]) -> int:
        self.send("fork", str(stdin), str(out), str(cwd), *argv)
        line = self.readline().split()
        assert line[:1] == ["pid"], f"zygote failed: {line}"
        return int(line[1])

    def reap(self, pid: int) -> int:
        self.send("reap", str(pid))
        line = self.readline().split()
        assert line[:1] == ["status"], f"zygote failed: {line}"
        return int(line[1])

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


@dataclass
class Outcome:
    killed: bool  # the signal reached a live process
    output: str
    exit_code: int | None


def run_once(
    zygote: Zygote | None,
    argv: list[str],
    stdin: Path,
    out: Path,
    cwd: Path,
    env: dict[str, str],
    kill_after: float | None,
) -> Outcome:
    """Run `journey ARGV` (forked from the zygote, or exec'd when zygote is None) and SIGKILL
    it after `kill_after` seconds (None: let it finish).

    `out` is emptied here, before the child exists: a forked child opens (and truncates) it
    only once it runs, and a kill within the first millisecond or so (kill_after is drawn
    from 0 up) lands before that. The output read back was then the previous run's whole
    output, whose echoes were counted as this run's accepted answers ("87 answers lost").
    """
    out.write_bytes(b"")
    if zygote is not None:
        pid = zygote.start(stdin, out, cwd, argv)
        if kill_after is not None:
            time.sleep(kill_after)
            os.kill(pid, signal.SIGKILL)  # a zombie ignores it: then it had finished
        status = zygote.reap(pid)
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
    else:
        with stdin.open("rb") as source, out.open("wb") as sink:
            proc = subprocess.Popen(
                [str(JOURNEY), *argv],
                stdin=source,
                stdout=sink,
                stderr=subprocess.STDOUT,
                cwd=cwd,
                env={**env, "PYTHONUNBUFFERED": "1"},
            )
            try:
                proc.wait(timeout=kill_after if kill_after is not None else 300)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
        killed = proc.returncode == -signal.SIGKILL
        code = None if killed else proc.returncode
    return Outcome(killed, out.read_text(encoding="utf-8", errors="replace"), code)


@dataclass
class Tally:
    tried: int = 0  # SIGKILLs that reached a live process
    survived: int = 0  # ... after which the map validated and held every accepted answer
    lost: int = 0  # accepted answers missing after a kill
    finished_runs: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self, what: str) -> str:
        return (
            f"kill summary ({what}): kills survived {self.survived}/{self.tried}, "
            f"answers lost {self.lost}, sessions finished {self.finished_runs}"
        )


def check_chat_after(
    path: Path, states: list[dict[str, Any]], start: int, outcome: Outcome
) -> tuple[int, int]:
    """(inputs the disk holds, answers lost); raises AssertionError on a broken map."""
    total = len(states) - 1
    echoes = sum(1 for line in outcome.output.splitlines() if line.startswith("> "))
    assert "Traceback" not in outcome.output, outcome.output[-2000:]
    # One echo per input fed (answers[start:]): more means the output is not this run's.
    assert echoes <= total - start, (
        f"{echoes} echoes for {total - start} inputs fed: output of another run?\n"
        + outcome.output[-1500:]
    )
    if not outcome.killed:
        assert outcome.exit_code == 0, outcome.output[-2000:]
        lo = hi = total
    else:
        lo = start + max(echoes - 1, 0)
        hi = min(start + echoes, total)
    if not path.exists() and not wal_path(path).exists():
        assert start == 0 and echoes == 0, f"{echoes} answer(s) shown but no map on disk"
        return 0, 0
    journey = load_map(path)  # validates: a broken map fails the test here
    if backup_path(path).exists():
        load_map(backup_path(path))
    found = content(journey)
    matches = [k for k in range(len(states)) if states[k] == found]
    assert matches, (
        "the map on disk is none of the states the engine went through: "
        + _closest(found, states, lo, hi)
        + "\n"
        + outcome.output[-1500:]
    )
    in_window = [k for k in matches if lo <= k <= hi]
    if in_window:
        return in_window[0], 0
    below = [k for k in matches if k < lo]
    if below:
        return below[-1], lo - below[-1]
    raise AssertionError(f"the map is ahead of what was typed: {matches} > {hi}")


def _closest(found: dict[str, Any], states: list[dict[str, Any]], lo: int, hi: int) -> str:
    def differences(a: Any, b: Any, where: str = "") -> list[str]:
        if isinstance(a, dict) and isinstance(b, dict):
            return [
                d
                for k in a.keys() | b.keys()
                for d in differences(a.get(k), b.get(k), f"{where}.{k}")
            ]
        if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            return [
                d
                for i, (x, y) in enumerate(zip(a, b, strict=True))
                for d in differences(x, y, f"{where}[{i}]")
            ]
        return [] if a == b else [f"{where}: {a!r:.80} != {b!r:.80}"]

    best = min(range(len(states)), key=lambda k: len(differences(found, states[k])))
    return f"closest state {best} (window {lo}..{hi}): {differences(found, states[best])[:6]}"


def kill_chat_sessions(
    zygote: Zygote,
    folder: Path,
    env: dict[str, str],
    answers: list[str],
    states: list[dict[str, Any]],
    kills: int,
    rng: random.Random,
    exec_every: int = 0,
) -> Tally:
    """Kill `journey chat --plain MAP` `kills` times, resuming each time from the disk."""
    tally = Tally()
    duration = _timed_full_chat(zygote, folder, env, answers)
    session = 0
    path, start = _new_session(folder, session)
    while tally.tried < kills:
        use_exec = exec_every > 0 and (tally.tried + 1) % exec_every == 0
        stdin = folder / "stdin.txt"
        stdin.write_text(plain_lines(answers[start:]), encoding="utf-8")
        argv = ["chat", "--plain", str(path), "--lang", "en"]
        startup = 3.0 if use_exec else 0.0
        kill_after = rng.uniform(0.0, startup + duration * (len(answers) - start) / len(answers))
        outcome = run_once(
            None if use_exec else zygote, argv, stdin, folder / "out.txt", folder, env, kill_after
        )
        done, lost = check_chat_after(path, states, start, outcome)
        if outcome.killed:
            tally.tried += 1
            if lost == 0:
                tally.survived += 1
            else:
                tally.lost += lost
                tally.problems.append(
                    f"session {session}: {lost} answer(s) lost after input {done}"
                )
        start = done
        if start >= len(answers) or not outcome.killed:
            assert states[-1] == content(load_map(path)), "the finished map differs"
            tally.finished_runs += 1
            session += 1
            path, start = _new_session(folder, session)
    # and the last session can always be finished
    stdin = folder / "stdin.txt"
    stdin.write_text(plain_lines(answers[start:]), encoding="utf-8")
    outcome = run_once(
        zygote, ["chat", "--plain", str(path), "--lang", "en"], stdin, folder / "out.txt",
        folder, env, None,
    )  # fmt: skip
    assert outcome.exit_code == 0, outcome.output[-2000:]
    assert content(load_map(path)) == states[-1]
    tally.finished_runs += 1
    return tally


def _new_session(folder: Path, number: int) -> tuple[Path, int]:
    sub = folder / f"session-{number}"
    sub.mkdir()
    return sub / "workshop.json", 0


def _timed_full_chat(
    zygote: Zygote, folder: Path, env: dict[str, str], answers: list[str]
) -> float:
    sub = folder / "timing"
    sub.mkdir()
    stdin = sub / "stdin.txt"
    stdin.write_text(plain_lines(answers), encoding="utf-8")
    began = time.monotonic()
    outcome = run_once(
        zygote, ["chat", "--plain", str(sub / "m.json"), "--lang", "en"], stdin,
        sub / "out.txt", sub, env, None,
    )  # fmt: skip
    assert outcome.exit_code == 0, outcome.output[-2000:]
    return time.monotonic() - began


def kill_scripted_runs(
    zygote: Zygote,
    folder: Path,
    env: dict[str, str],
    kills: int,
    rng: random.Random,
    exec_every: int = 0,
) -> Tally:
    """Kill `journey run --answers FILE --out DIR` at random moments, re-running into the
    same folder: the map and report there are always the whole old or the whole new one."""
    tally = Tally()
    out_dir = folder / "out"
    empty = folder / "empty.txt"
    empty.write_text("", encoding="utf-8")
    argv = ["run", "--answers", str(SARAH_ANSWERS), "--out", str(out_dir)]
    began = time.monotonic()
    first = run_once(zygote, argv, empty, folder / "out.txt", folder, env, None)
    duration = time.monotonic() - began
    assert first.exit_code == 0, first.output
    names = {"sarah-chooses-a-crm.json", "sarah-chooses-a-crm.md"}
    expected = {name: (out_dir / name).read_bytes() for name in names}
    for name in names:  # start the kills from an empty folder half of the time
        (out_dir / name).unlink()
    while tally.tried < kills:
        if rng.random() < 0.3:
            for leftover in out_dir.iterdir():
                leftover.unlink()
        use_exec = exec_every > 0 and (tally.tried + 1) % exec_every == 0
        startup = 3.0 if use_exec else 0.0
        outcome = run_once(
            None if use_exec else zygote,
            argv,
            empty,
            folder / "out.txt",
            folder,
            env,
            rng.uniform(0.0, startup + duration * 1.1),
        )
        assert "Traceback" not in outcome.output, outcome.output
        printed = str(out_dir / "sarah-chooses-a-crm.json") in outcome.output
        ok = True
        for name in names:
            target = out_dir / name
            if target.exists():
                ok &= target.read_bytes() == expected[name]
            elif printed:
                ok = False
        if (out_dir / "sarah-chooses-a-crm.json.bak").exists():
            ok &= (out_dir / "sarah-chooses-a-crm.json.bak").read_bytes() == expected[
                "sarah-chooses-a-crm.json"
            ]
        if outcome.killed:
            tally.tried += 1
            tally.survived += ok
            if not ok:
                tally.lost += len(scripted_answers())
                tally.problems.append(f"run {tally.tried}: the output folder is damaged")
        else:
            assert outcome.exit_code == 0 and ok, outcome.output
            tally.finished_runs += 1
    final = run_once(zygote, argv, empty, folder / "out.txt", folder, env, None)
    assert final.exit_code == 0, final.output
    assert {name: (out_dir / name).read_bytes() for name in names} == expected
    visible = sorted(p.name for p in out_dir.iterdir() if not p.name.startswith("."))
    assert visible == sorted([*names, "sarah-chooses-a-crm.json.bak"]) or visible == sorted(names)
    tally.finished_runs += 1
    return tally


def zygote_env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1", "TERM": "dumb"}


def zygote_session(env: dict[str, str]) -> Iterator[Zygote]:
    zygote = Zygote(env)
    try:
        yield zygote
    finally:
        zygote.close()
