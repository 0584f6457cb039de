"""Security: sandboxed templates through the CLI, no dangerous call in the code, and export
paths that follow no planted symlink, respect the umask and never leave the output folder.
"""

from __future__ import annotations

import ast
import io
import os
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "export"))

from test_export_sandbox import ESCAPES

from assistant.cli.main import main
from assistant.export import write
from assistant.interview import Interview
from assistant.store import backup_path, load_map, save_map, wal_path

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "data" / "fixtures" / "sarah-crm.en.json"
JOURNEY = Path(sys.executable).with_name("journey")


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


# -- templates --------------------------------------------------------------------------

MORE_ESCAPES = [
    "{{ report.__init__.__globals__ }}",
    "{{ ().__class__.__base__.__subclasses__() }}",
    "{{ report.mro() }}",
    "{{ ''.__class__.mro() }}",
    "{% include 'en/../../pyproject.toml' %}",
    "{% include '/proc/self/environ' %}",
    "{% from 'os' import system %}",
    "{{ range.__self__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__.__builtins__ }}",
]


@pytest.mark.parametrize("source", ESCAPES + MORE_ESCAPES)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_user_template_cannot_escape_through_the_cli(
    source: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "evil.j2"
    template.write_text(source, encoding="utf-8")
    out_file = tmp_path / "out" / f"r.{fmt}"
    code, out, err = run_main(
        ["export", str(FIXTURE), "-f", fmt, "--template", str(template), "--out", str(out_file)],
        capsys,
    )
    assert code == 1 and out == "" and err.count("\n") == 1, err
    for leak in ("root:", "<class", "<module", "<built-in", "[build-system]", "PATH="):
        assert leak not in err
    assert not out_file.exists()


@pytest.mark.e2e
def test_the_installed_command_refuses_a_template_reading_passwd(tmp_path: Path) -> None:
    template = tmp_path / "evil.md.j2"
    template.write_text("{% include '/etc/passwd' %}{{ lipsum.__globals__ }}", encoding="utf-8")
    done = subprocess.run(
        [str(JOURNEY), "export", str(FIXTURE), "--template", str(template)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "root:" not in done.stderr


# -- no dangerous call anywhere in assistant/ -------------------------------------------

FORBIDDEN_CALLS = {
    "eval", "exec", "compile", "__import__", "os.system", "os.popen", "os.execv", "os.spawnl",
    "pickle.load", "pickle.loads", "marshal.loads", "shelve.open", "yaml.load", "yaml.load_all",
    "yaml.unsafe_load", "yaml.full_load", "yaml.unsafe_load_all", "yaml.full_load_all",
    "subprocess.getoutput", "subprocess.getstatusoutput",
}  # fmt: skip
FORBIDDEN_MODULES = {"pickle", "cPickle", "marshal", "shelve", "dill", "cloudpickle"}
FORBIDDEN_NAMES = {"yaml.Loader", "yaml.UnsafeLoader", "yaml.FullLoader", "yaml.CLoader"}


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return "?"


SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}


def _safe_loader_names(tree: ast.AST) -> set[str]:
    """Names assigned only from safe loaders: `x = getattr(yaml, "CSafeLoader", yaml.SafeLoader)`."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            mentioned = {
                n.attr if isinstance(n, ast.Attribute) else n.value
                for n in ast.walk(node.value)
                if isinstance(n, ast.Attribute)
                or (isinstance(n, ast.Constant) and isinstance(n.value, str))
            }
            loaders = {m for m in mentioned if isinstance(m, str) and m.endswith("Loader")}
            if loaders and loaders <= SAFE_LOADERS:
                names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _yaml_load_is_safe(node: ast.Call, safe_names: set[str]) -> bool:
    for keyword in node.keywords:
        if keyword.arg == "Loader":
            value = keyword.value
            if isinstance(value, ast.Attribute) and value.attr in SAFE_LOADERS:
                return True
            return isinstance(value, ast.Name) and value.id in safe_names
    return False


def problems_in(source: str, name: str) -> list[str]:
    found = []
    tree = ast.parse(source)
    safe_names = _safe_loader_names(tree)
    for node in ast.walk(tree):
        where = f"{name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Import | ast.ImportFrom):
            modules = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            for module in modules:
                if module.split(".")[0] in FORBIDDEN_MODULES:
                    found.append(f"{where}: imports {module}")
            if isinstance(node, ast.ImportFrom) and node.module == "yaml":
                for alias in node.names:
                    if f"yaml.{alias.name}" in FORBIDDEN_CALLS | FORBIDDEN_NAMES:
                        found.append(f"{where}: imports yaml.{alias.name}")
        elif isinstance(node, ast.Attribute) and dotted(node) in FORBIDDEN_NAMES:
            found.append(f"{where}: uses {dotted(node)}")
        elif isinstance(node, ast.Call):
            callee = dotted(node.func)
            if callee in ("yaml.load", "yaml.load_all") and _yaml_load_is_safe(node, safe_names):
                continue
            if callee in FORBIDDEN_CALLS:
                found.append(f"{where}: calls {callee}")
            for keyword in node.keywords:
                if keyword.arg == "shell" and not (
                    isinstance(keyword.value, ast.Constant) and keyword.value.value is False
                ):
                    found.append(f"{where}: {callee}(shell=...)")
    return found


def test_no_eval_pickle_unsafe_yaml_or_shell_in_the_code() -> None:
    files = sorted((REPO / "assistant").rglob("*.py"))
    assert len(files) > 50
    found = [
        p
        for f in files
        for p in problems_in(f.read_text(encoding="utf-8"), str(f.relative_to(REPO)))
    ]
    assert found == []


def test_the_scan_catches_every_form() -> None:
    bad = (
        "import pickle\nfrom yaml import load\nimport subprocess, os, yaml\n"
        "eval('1')\nexec('x')\nos.system('ls')\nsubprocess.run('ls', shell=True)\n"
        "yaml.load(s, Loader=yaml.Loader)\nyaml.full_load(s)\nsubprocess.Popen(x, shell=flag)\n"
    )
    assert len(problems_in(bad, "x")) == 10
    good = (
        "import yaml\nyaml.safe_load(s)\nsubprocess.run(['ls'], shell=False)\n"
        "L = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\nyaml.load(s, Loader=L)\n"
        "yaml.load(s, Loader=yaml.SafeLoader)\n"
    )
    assert len(problems_in("U = yaml.UnsafeLoader\nyaml.load(s, Loader=U)\n", "x")) == 2
    assert problems_in(good, "x") == []


def test_ruff_security_rules_are_on() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    lint = config["tool"]["ruff"]["lint"]
    assert "S" in lint["select"]
    kept = {"S102", "S301", "S307", "S506", "S602", "S604", "S605", "S606"}
    assert kept.isdisjoint(lint.get("ignore", []))
    assert all(not str(path).startswith("assistant") for path in lint.get("per-file-ignores", {}))


# -- export paths ----------------------------------------------------------------------


def test_write_atomic_never_follows_a_symlink_planted_as_its_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temp file's name is random (mkstemp); even if an attacker guessed it and planted
    a symlink there, O_EXCL makes mkstemp pick another name. Proved by making the names
    predictable and planting a symlink on the first one."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    names = iter(["planted", "planted", "second", "third"])
    monkeypatch.setattr(tempfile, "_get_candidate_names", lambda: names)
    (out / ".r.md.planted.tmp").symlink_to(victim)
    written = write(load_map(FIXTURE), "md", out / "r.md")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert written.read_text(encoding="utf-8").startswith("# Sarah chooses a CRM")
    assert (out / ".r.md.planted.tmp").is_symlink()


def test_an_output_file_that_is_a_symlink_is_replaced_not_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "sarah-chooses-a-crm.md").symlink_to(victim)
    code, _, err = run_main(["export", str(FIXTURE), "--out", f"{out}/"], capsys)
    assert code == 0, err
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (out / "sarah-chooses-a-crm.md").is_symlink()


def test_the_backup_link_name_is_not_followed(tmp_path: Path) -> None:
    """keep_backup uses a predictable `.NAME.bak.PID.tmp`: a symlink there is removed, not
    written through."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    path = tmp_path / "map.json"
    journey = load_map(FIXTURE)
    save_map(journey, path)
    bak = backup_path(path)
    (tmp_path / f".{bak.name}.{os.getpid()}.tmp").symlink_to(victim)
    save_map(journey, path)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert load_map(bak) == journey


def test_the_write_ahead_record_does_not_follow_a_symlink(tmp_path: Path) -> None:
    """Bug: NAME.json.wal was opened with open('ab'), appending every answer's map into
    whatever a symlink planted in the map's folder pointed at."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    path = tmp_path / "map.json"
    wal_path(path).symlink_to(victim)
    with Interview.create(path=path, language="en") as interview:
        reply = interview.start()
        reply = interview.answer("Title")
        assert reply.save_error is not None  # told, not silently written elsewhere
    assert victim.read_text(encoding="utf-8") == "precious"


def test_the_transcript_does_not_follow_a_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    path = tmp_path / "map.json"
    with Interview.create(path=path, language="en") as interview:
        interview.start()
        transcript = tmp_path / "map.transcript.jsonl"
        interview.flush()
        interview._writer.close()  # the next answer opens the file again, by name
        transcript.unlink()
        transcript.symlink_to(victim)
        interview.answer("Title")
    assert victim.read_text(encoding="utf-8") == "precious"


@pytest.fixture
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_exports_follow_the_users_umask(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], umask_027: None
) -> None:
    for fmt in ("md", "html", "csv", "json", "mermaid"):
        code, _, err = run_main(
            ["export", str(FIXTURE), "-f", fmt, "--out", f"{tmp_path}/"], capsys
        )
        assert code == 0, err
    modes = {p.name: p.stat().st_mode & 0o777 for p in tmp_path.iterdir()}
    assert len(modes) == 5 and set(modes.values()) == {0o640}, modes


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


@pytest.mark.parametrize(
    "title",
    ["../../etc/x", "/abs/path", "..", "./../up", "a/../../b", "~/home", "C:\\win", "x\\..\\..\\y"],
)
def test_a_map_title_never_escapes_the_output_folder(
    title: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "root"
    out = root / "a" / "b" / "out"
    out.mkdir(parents=True)
    monkeypatch.chdir(out)
    answers = tmp_path / "answers.yaml"
    typed = "/" + title if title.startswith("/") else title  # `//x` types `/x`, not a command
    answers.write_text(yaml.safe_dump({"language": "en", "answers": [typed, "current"]}), "utf-8")
    before = files_under(tmp_path)
    code, stdout, err = run_main(["run", "--answers", str(answers), "--out", str(out)], capsys)
    assert code == 0, err
    new = files_under(tmp_path) - before
    assert new and all(p.parent == out for p in new), new
    journey = load_map(Path(stdout.splitlines()[0]))
    assert journey.title == title
    export_dir = root / "exports"
    export_dir.mkdir()
    before = files_under(tmp_path)
    for fmt in ("md", "json", "html"):
        code, _, err = run_main(
            ["export", stdout.splitlines()[0], "-f", fmt, "--out", f"{export_dir}/"], capsys
        )
        assert code == 0, err
    new = files_under(tmp_path) - before
    assert len(new) == 3 and all(p.parent == export_dir for p in new), new


def test_stdin_is_never_read_by_export(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("{% include '/etc/passwd' %}"))
    code, out, _ = run_main(["export", str(FIXTURE)], capsys)
    assert code == 0 and "root:" not in out
