"""A writer killed (SIGKILL) in the middle of repeated saves never leaves a mixed file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.store import backup_path, load_map

DATA = Path(__file__).resolve().parents[1] / "data"
MAP_A = DATA / "fixtures" / "sarah-crm.en.json"
MAP_B = DATA / "fixtures" / "banque-ouverture-compte.fr.json"
KILLS = 8

# One process imports the package once, then forks a writer per round (cheaper than a new
# interpreter each time). A writer saves A and B alternately, forever, printing the number
# of each finished save; the test reads a random number of those lines, then SIGKILLs the
# writer, which is by then somewhere in a later save.
ZYGOTE = """
import os, sys
from pathlib import Path
from assistant.store import load_map, save_map
maps = [load_map(Path(sys.argv[1])), load_map(Path(sys.argv[2]))]
target = Path(sys.argv[3])
for command in sys.stdin:
    if command.strip() == "fork":
        pid = os.fork()
        if pid == 0:
            n = 0
            try:
                while True:
                    save_map(maps[n % 2], target)
                    n += 1
                    print(n, flush=True)
            finally:
                os._exit(3)
        print("writer", pid, flush=True)
    else:
        _, status = os.waitpid(int(command), 0)
        print("reaped", status, flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")
def test_sigkill_during_saves_leaves_the_old_or_the_new_map(tmp_path: Path) -> None:
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    maps = [load_map(MAP_A), load_map(MAP_B)]
    target = tmp_path / "team.json"

    def one_of_the_two(path: Path) -> None:
        journey = load_map(path)  # never truncated, never a mix, never invalid
        assert journey in maps, f"{path.name} is neither map (seed {seed})"

    zygote = subprocess.Popen(
        [sys.executable, "-c", ZYGOTE, str(MAP_A), str(MAP_B), str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    try:
        for _kill in range(KILLS):
            zygote.stdin.write("fork\n")
            zygote.stdin.flush()
            first = zygote.stdout.readline().split()
            assert first[:1] == ["writer"], f"zygote failed: {first} (seed {seed})"
            pid = int(first[1])
            for _ in range(rng.randint(2, 25)):
                line = zygote.stdout.readline()
                assert line.strip().isdigit(), f"the writer died on its own (seed {seed})"
            os.kill(pid, signal.SIGKILL)
            zygote.stdin.write(f"{pid}\n")
            zygote.stdin.flush()
            while not (line := zygote.stdout.readline()).startswith("reaped"):
                assert line, f"zygote died (seed {seed})"  # else: a late save number
            status = int(line.split()[1])
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL

            one_of_the_two(target)
            one_of_the_two(backup_path(target))
    finally:
        zygote.stdin.close()
        assert zygote.wait(timeout=30) == 0
        zygote.stdout.close()

    # Interrupted saves may leave a hidden temp file behind, but never a visible one.
    visible = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert visible == ["team.json", "team.json.bak"]
