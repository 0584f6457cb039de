"""`journey --help`, `--version`, every subcommand's --help, and the exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant import __version__
from assistant.cli.common import EXIT_DATA, EXIT_OK, EXIT_USAGE
from assistant.cli.main import COMMANDS, build_parser, main

REPO = Path(__file__).resolve().parents[2]
NAMES = [module.NAME for module in COMMANDS]


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_codes() -> None:
    assert (EXIT_OK, EXIT_DATA, EXIT_USAGE) == (0, 1, 2)


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(capsys, "--help")
    assert (code, err) == (0, "")
    assert out.startswith("usage: journey")
    words = " ".join(out.split())  # argparse wraps long help lines
    for module in COMMANDS:
        assert f"{module.NAME} {module.HELP}" in words


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(capsys, "--version") == (0, f"journey {__version__}\n", "")


@pytest.mark.parametrize("name", NAMES)
def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, err = run_main(capsys, name, "--help")
    assert (code, err) == (0, "")
    assert out.startswith(f"usage: journey {name}")
    assert len(out.splitlines()) >= 3  # usage, a description, the options


def test_subcommand_names_are_unique() -> None:
    assert len(NAMES) == len(set(NAMES))
    assert {"validate", "schema", "new", "resume", "export"} <= set(NAMES)


@pytest.mark.parametrize(
    "argv",
    [["no-such-command"], ["--no-such-option"], ["validate"], ["validate", "a", "b"]],
    ids=["unknown command", "unknown option", "missing argument", "extra argument"],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run_main(capsys, *argv)
    assert code == EXIT_USAGE
    assert out == ""
    assert "usage: journey" in err
    assert "error:" in err


def test_the_parser_is_built_fresh_each_time() -> None:
    assert build_parser() is not build_parser()
    assert build_parser(only="validate") is not None


@pytest.mark.e2e
def test_python_dash_m_assistant(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"journey {__version__}\n",
        "",
    )


@pytest.mark.e2e
def test_the_journey_script_is_installed() -> None:
    script = Path(sys.executable).with_name("journey")
    if not script.exists():
        pytest.skip("no `journey` script next to this interpreter")
    result = subprocess.run(
        [str(script), "--help"], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.startswith("usage: journey")
