"""questions.yaml and messages.yaml against the code: every key the engine says or asks exists,
in English and in French, and a broken prompt folder is an error naming the file and the key.

Message keys are found by reading the engine's source: literal keys (`say("echo_noted")`,
`AnswerError("error_pick")`, `"echo_parked"` handed to a helper) and the f-string families
(`f"channel.{channel}"`), which are enumerated below. A new family in the code without an
entry here fails `test_every_f_string_family_is_enumerated`.
"""

from __future__ import annotations

import re
import shutil
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.interview import PromptFileError, load_prompt_book
from assistant.interview.commands import COMMANDS
from assistant.interview.flow import steps
from assistant.interview.prompts import PromptBook
from assistant.interview.registry import HANDLERS
from assistant.model import (
    CHANNELS,
    MAP_TYPES,
    Cursor,
    Emotion,
    InterviewState,
    JourneyMap,
    Opportunity,
    PainPoint,
    Participant,
    Persona,
    Stage,
    Touchpoint,
)

REPO = Path(__file__).resolve().parents[2]
PROMPTS = REPO / "prompts"
SOURCE = REPO / "assistant" / "interview"
LANGUAGES = ("en", "fr")
KINDS = {
    "text",
    "list",
    "lines",
    "choice",
    "multi",
    "emotion",
    "rating",
    "severity",
    "confirm",
    "votes",
}

# f-string families: the pattern as written in the code -> every key it can produce.
FAMILIES: dict[str, list[str]] = {
    "severity.{n}": [f"severity.{n}" for n in (1, 2, 3)],
    "severity.{pain.severity}": [f"severity.{n}" for n in (1, 2, 3)],
    "{f}.{n}": [f"{f}.{n}" for f in ("impact", "effort") for n in range(1, 6)],
    "echo_{field}": ["echo_impact", "echo_effort"],
    "help_{field}": ["help_parking_lot", "help_notes"],
    "command.{name}": [f"command.{name}" for name in COMMANDS],
    "channel.{channel}": [f"channel.{c}" for c in CHANNELS],
    # labelled_choices(ctx, family, values): map types and modes
    "{family}.{value}": [f"map_type.{t}" for t in MAP_TYPES] + ["mode.solo", "mode.facilitated"],
    "{family}.{value}.detail": [f"map_type.{t}.detail" for t in MAP_TYPES]
    + ["mode.solo.detail", "mode.facilitated.detail"],
    "{family}.{value}.names": [f"map_type.{t}.names" for t in MAP_TYPES]
    + ["mode.solo.names", "mode.facilitated.names"],
    "map_type.{ctx.journey.map_type}": [f"map_type.{t}" for t in MAP_TYPES],
    "mode.{ctx.journey.workshop.mode}": ["mode.solo", "mode.facilitated"],
    # the engine's progress: the prefix of the question key, touchpoint/emotion/pain -> stage
    "phase.{phase}": [
        f"phase.{p}"
        for p in ("setup", "personas", "persona", "stages", "stage", "opp", "votes", "review")
    ],
}

_LITERAL = re.compile(
    r"""(?:say|AnswerError|ParseError)\(\s*"([a-z_.0-9]+)"|"((?:echo|error|help|warn)_[a-z_]+)\""""
)
_FAMILY = re.compile(r"""say\(\s*f"([^"]+)\"""")


def _sources() -> Iterator[tuple[Path, str]]:
    for path in sorted(SOURCE.glob("*.py")):
        yield path, path.read_text(encoding="utf-8")


def literal_keys() -> set[str]:
    keys = set()
    for _path, text in _sources():
        for match in _LITERAL.finditer(text):
            keys.add(match[1] or match[2])
    return keys


def family_patterns() -> set[str]:
    return {m[1] for _path, text in _sources() for m in _FAMILY.finditer(text)}


def used_message_keys() -> set[str]:
    keys = literal_keys()
    for pattern in family_patterns():
        keys.update(FAMILIES.get(pattern, []))
    return keys


def _french_ready() -> None:
    missing = [n for n in ("questions.yaml", "messages.yaml") if not (PROMPTS / "fr" / n).is_file()]
    if missing:
        pytest.skip(f"prompts/fr/{missing[0]} is not written yet")


def book(language: str) -> PromptBook:
    if language == "fr":
        _french_ready()
    return load_prompt_book(language)


# -- the keys the code uses -----------------------------------------------------------------------


def test_the_source_scan_finds_the_keys() -> None:
    """Guards the scan itself: if the regexes stop matching, every other test is hollow."""
    keys = literal_keys()
    assert {"echo_noted", "error_pick", "welcome", "echo_parked", "echo_persona_name"} <= keys
    assert {"summary_head", "recap_title", "error_emotion_unknown"} <= keys
    assert len(keys) > 80
    assert {"channel.{channel}", "command.{name}", "phase.{phase}"} <= family_patterns()


def test_every_f_string_family_is_enumerated() -> None:
    assert family_patterns() - set(FAMILIES) == set(), "add the new family to FAMILIES"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_key_the_code_uses_exists(language: str) -> None:
    missing = sorted(used_message_keys() - set(book(language).messages))
    assert missing == [], f"prompts/{language}/messages.yaml lacks {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_messages_are_not_blank(language: str) -> None:
    blank = [k for k, v in book(language).messages.items() if not v.strip()]
    assert blank == []


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_french_messages_use_only_the_placeholders_english_gets() -> None:
    en, fr = book("en"), book("fr")
    wrong = {
        key: sorted(_fields(text) - _fields(en.messages[key]))
        for key, text in fr.messages.items()
        if key in en.messages and _fields(text) - _fields(en.messages[key])
    }
    assert wrong == {}
    assert set(fr.messages) == set(en.messages)


def test_french_questions_use_only_the_placeholders_english_gets() -> None:
    en, fr = book("en"), book("fr")
    for key, spec in fr.questions.items():
        assert _fields(spec.text) <= _fields(en.questions[key].text), key
        assert _fields(spec.help) <= _fields(en.questions[key].help), key


# -- the questions the flow can ask ------------------------------------------------------------------


def _everything_map() -> JourneyMap:
    """A map that makes the flow walk every step it has."""
    tp1 = Touchpoint(
        id="tp-1", name="Form", emotion=Emotion(score=-2, provenance={"how": "inferred"})
    )
    tp2 = Touchpoint(id="tp-2", name="Call", channel="phone")
    pain = PainPoint(id="pp-1", text="Too long", severity=3)
    return JourneyMap(
        id="m",
        title="T",
        map_type="blueprint",
        workshop={"mode": "facilitated", "participants": [Participant(id="pt-1", name="Mehdi")]},
        personas=[Persona(id="per-1", name="A"), Persona(id="per-2", name="B")],
        stages=[Stage(id="st-1", name="S", touchpoints=[tp1, tp2], pain_points=[pain])],
        opportunities=[Opportunity(id="opp-1", text="Shorter", pain_point_ids=["pp-1"])],
        interview=InterviewState(ask_language=True, cursor=Cursor(key="setup.title")),
    )


def flow_keys() -> set[str]:
    journey = _everything_map()
    return {step.key for step in steps(journey)}


def test_the_flow_walks_every_handler() -> None:
    assert flow_keys() == set(HANDLERS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_question_the_flow_can_ask_exists_with_a_valid_kind(language: str) -> None:
    questions = book(language).questions
    assert sorted(flow_keys() - set(questions)) == []
    assert sorted(set(questions) - set(HANDLERS)) == [], "questions nobody asks"
    for key in flow_keys():
        spec = questions[key]
        assert spec.kind in KINDS, key
        assert spec.text.strip(), key


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("touchpoint.emotion", "emotion"),
        ("emotion.confirm", "confirm"),
        ("pain.severity", "severity"),
        ("opp.impact", "rating"),
        ("opp.effort", "rating"),
        ("votes.participant", "votes"),
        ("stage.touchpoints", "list"),
        ("opp.ideas", "lines"),
        ("touchpoint.channel", "choice"),
        ("personas.pick", "multi"),
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_kinds_match_what_the_handlers_parse(language: str, key: str, kind: str) -> None:
    assert book(language).questions[key].kind == kind


def test_both_languages_ask_the_same_questions_the_same_way() -> None:
    en, fr = book("en"), book("fr")
    assert {k: q.kind for k, q in fr.questions.items()} == {
        k: q.kind for k, q in en.questions.items()
    }


# -- a broken prompt folder ------------------------------------------------------------------------


@pytest.fixture
def broken(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "prompts"
    shutil.copytree(PROMPTS, root)
    load_prompt_book.cache_clear()
    yield root
    load_prompt_book.cache_clear()


def _load_error(root: Path, language: str = "en") -> str:
    with pytest.raises(PromptFileError) as caught:
        load_prompt_book(language, root)
    message = str(caught.value)
    assert "\n" not in message.strip()
    return message


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_copy_loads_before_it_is_broken(broken: Path) -> None:
    assert load_prompt_book("en", broken).questions


def test_an_invalid_kind_names_the_file_and_the_key(broken: Path) -> None:
    path = broken / "en" / "questions.yaml"
    _edit(path, "  kind: emotion\n", "  kind: feelings\n")
    message = _load_error(broken)
    assert "questions.yaml" in message and "touchpoint.emotion" in message and "kind" in message


def test_an_unknown_question_field_names_the_key(broken: Path) -> None:
    _edit(
        broken / "en" / "questions.yaml", "  kind: severity\n", "  kind: severity\n  colour: red\n"
    )
    message = _load_error(broken)
    assert "questions.yaml" in message and "pain.severity" in message and "colour" in message


def test_invalid_yaml_names_the_file_and_the_line(broken: Path) -> None:
    path = broken / "en" / "messages.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("echo_noted:"))
    lines[number] = 'echo_noted: "Noted.'  # unclosed quote
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _load_error(broken)
    assert "messages.yaml" in message and "line" in message


def test_a_message_that_is_not_text_names_the_key(broken: Path) -> None:
    _edit(broken / "en" / "messages.yaml", 'echo_noted: "Noted."', "echo_noted: [Noted]")
    message = _load_error(broken)
    assert "messages.yaml" in message and "echo_noted" in message


def test_an_emotion_score_out_of_range_names_the_word(broken: Path) -> None:
    _edit(broken / "en" / "lexicon.yaml", "  frustrated: -1\n", "  frustrated: -5\n")
    message = _load_error(broken)
    assert "lexicon.yaml" in message and "frustrated" in message


def test_an_unknown_channel_in_a_template_names_the_template(broken: Path) -> None:
    path = broken / "en" / "templates" / "saas-crm.yaml"
    text = path.read_text(encoding="utf-8")
    channel = re.search(r"channel: (\w+)", text)
    assert channel is not None
    _edit(path, channel[0], "channel: carrier_pigeon")
    message = _load_error(broken)
    assert "saas-crm.yaml" in message and "channel" in message


def test_a_missing_file_is_named(broken: Path) -> None:
    (broken / "en" / "lexicon.yaml").unlink()
    message = _load_error(broken)
    assert "lexicon.yaml" in message and "missing" in message


def test_a_file_that_is_not_a_mapping_is_named(broken: Path) -> None:
    (broken / "en" / "questions.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    message = _load_error(broken)
    assert "questions.yaml" in message and "mapping" in message


def test_a_file_that_is_not_utf8_is_named(broken: Path) -> None:
    (broken / "en" / "messages.yaml").write_bytes(b"welcome: \xff\xfe\n")
    message = _load_error(broken)
    assert "messages.yaml" in message and "UTF-8" in message


def test_an_unknown_language_lists_the_known_ones(broken: Path) -> None:
    message = _load_error(broken, "de")
    assert "'de'" in message and "en" in message


def test_a_broken_french_folder_does_not_break_english(broken: Path) -> None:
    _french_ready()
    (broken / "fr" / "questions.yaml").write_text(
        "setup.title: {text: 1, kind: nope}\n", encoding="utf-8"
    )
    assert load_prompt_book("en", broken).language == "en"
    message = _load_error(broken, "fr")
    assert "fr" in message and "questions.yaml" in message and "setup.title" in message
