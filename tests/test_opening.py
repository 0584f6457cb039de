"""The words the TUI shows before the engine loads are the engine's own first words."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.interview import Interview
from assistant.interview.prompts import available_languages
from assistant.opening import FIRST_STEP, opening_texts
from assistant.paths import prompts_dir

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("language", available_languages())
@pytest.mark.parametrize("template", [None, "saas-crm"])
def test_the_opening_is_what_the_engine_says_first(language: str, template: str | None) -> None:
    with Interview.create(path=None, language=language, template=template) as interview:  # type: ignore[arg-type]
        reply = interview.start()
    assert reply.question is not None and reply.question.key == FIRST_STEP
    assert opening_texts(language) == [m.text for m in reply.messages]


def test_an_unusual_prompt_file_falls_back_to_a_full_parse_or_to_the_engine(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "en"
    folder.mkdir()
    # Flow style: the entry's own lines cannot be told apart, the whole file is read.
    (folder / "messages.yaml").write_text('{welcome: "Hello", other: "x"}\n', encoding="utf-8")
    (folder / "questions.yaml").write_text(
        json.dumps({FIRST_STEP: {"text": "Title?", "kind": "text"}}), encoding="utf-8"
    )
    assert opening_texts("en", root=tmp_path) == ["Hello", "Title?"]
    # A placeholder needs the engine's values: no opening, the UI waits for the engine.
    (folder / "messages.yaml").write_text('welcome: "Hello {name}"\n', encoding="utf-8")
    assert opening_texts("en", root=tmp_path) is None
    (folder / "messages.yaml").write_text("welcome: [unclosed\n", encoding="utf-8")
    assert opening_texts("en", root=tmp_path) is None
    assert opening_texts("xx", root=tmp_path) is None


def test_the_block_read_equals_the_whole_file_read() -> None:
    import yaml

    for language in available_languages():
        folder = prompts_dir() / language
        welcome = yaml.safe_load((folder / "messages.yaml").read_text("utf-8"))["welcome"]
        questions = yaml.safe_load((folder / "questions.yaml").read_text("utf-8"))
        assert opening_texts(language) == [welcome.strip(), questions[FIRST_STEP]["text"].strip()]


def test_the_first_frame_does_not_load_the_model() -> None:
    """What `journey new` needs before its first frame stays free of pydantic (the engine
    loads on a thread after it): ~0.4 s of start-up."""
    code = (
        "import sys\n"
        "import assistant.cli.main, assistant.cli.cmd_new, assistant.opening\n"
        "import assistant.tui.app, assistant.tui.screens.interview, assistant.tui.session\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'"
        " or m.startswith(('assistant.model', 'assistant.interview', 'assistant.store')))\n"
        "print(loaded)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
