"""Text fields: stripped, capped, free of control characters, with messages a person reads."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from assistant.model import JourneyMap, Persona
from assistant.model.text import (
    LINE_MAX,
    PARA_MAX,
    Line,
    OptLine,
    OptPara,
    Para,
    find_control_char,
    strip_control_chars,
)
from assistant.store import dump_map, parse_map


class Texts(BaseModel):
    line: Line = "x"
    para: Para = "x"
    opt_line: OptLine = None
    opt_para: OptPara = None


def error_of(**fields: object) -> str:
    with pytest.raises(ValidationError) as info:
        Texts.model_validate(fields)
    errors = info.value.errors()
    assert len(errors) == 1
    return str(errors[0]["msg"]).removeprefix("Value error, ")


# -- strip and caps ---------------------------------------------------------------------


def test_text_is_stripped() -> None:
    texts = Texts(
        line="  Sarah \t", para="\n  first\nsecond  \n\n", opt_line="  x ", opt_para=" y "
    )
    assert (texts.line, texts.para, texts.opt_line, texts.opt_para) == (
        "Sarah",
        "first\nsecond",
        "x",
        "y",
    )


@pytest.mark.parametrize("field", ["line", "para"])
@pytest.mark.parametrize("blank", ["", "   ", "\n\t ", "\u00a0"])
def test_required_text_cannot_be_blank(field: str, blank: str) -> None:
    assert error_of(**{field: blank}) == "cannot be empty"


@pytest.mark.parametrize("field", ["opt_line", "opt_para"])
@pytest.mark.parametrize("blank", ["", "   ", "\n\t "])
def test_optional_blank_text_becomes_none(field: str, blank: str) -> None:
    assert getattr(Texts.model_validate({field: blank}), field) is None


@pytest.mark.parametrize(("field", "limit"), [("line", LINE_MAX), ("para", PARA_MAX)])
def test_length_is_capped_after_stripping(field: str, limit: int) -> None:
    assert getattr(Texts.model_validate({field: "  " + "é" * limit + "  "}), field) == "é" * limit
    message = error_of(**{field: "é" * (limit + 1)})
    assert message == f"is too long ({limit + 1} characters; the limit is {limit})"


def test_optional_fields_are_capped_too() -> None:
    assert "too long" in error_of(opt_line="a" * (LINE_MAX + 1))
    assert "too long" in error_of(opt_para="a" * (PARA_MAX + 1))


# -- control characters -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "code"),
    [
        ("\x00", "U+0000"),  # NUL
        ("\x07", "U+0007"),  # bell
        ("\x1b", "U+001B"),  # ESC: terminal escape sequences
        ("\x7f", "U+007F"),  # DEL
        ("\x9b", "U+009B"),  # C1 CSI
        ("\ud800", "U+D800"),  # lone surrogate: cannot be written as UTF-8
    ],
)
@pytest.mark.parametrize("field", ["line", "para", "opt_line", "opt_para"])
def test_control_characters_are_refused_with_their_code(field: str, char: str, code: str) -> None:
    message = error_of(**{field: f"Sarah{char}Connor"})
    assert message == f"contains a control character ({code}) that cannot be shown"


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\u2028", "\u2029"])
def test_a_line_says_it_must_fit_on_one_line(brk: str) -> None:
    # Before the fix "\r" and U+2028 gave "contains a control character (U+000D)".
    assert error_of(line=f"first{brk}second").startswith("must fit on one line")
    assert error_of(opt_line=f"first{brk}second").startswith("must fit on one line")


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\u2028", "\u2029"])
def test_a_paragraph_keeps_every_kind_of_line_break_as_newline(brk: str) -> None:
    # Before the fix a lone "\r" (old Mac, some paste buffers) or U+2028 was refused.
    assert Texts(para=f"first{brk}second").para == "first\nsecond"
    assert Texts(opt_para=f"first{brk}second").opt_para == "first\nsecond"


def test_a_paragraph_keeps_tabs() -> None:
    assert Texts(para="list:\n\t- one").para == "list:\n\t- one"


@pytest.mark.parametrize(
    "text",
    [
        "Élodie, Françoise, Øyvind, Zoë, Ñandú",  # accents
        "Sarah 🙂 👩🏽‍💻 🏳️‍🌈",  # emoji incl. skin tone, ZWJ sequences, variation selector
        "كريم يفتح حسابًا",  # Arabic (RTL)
        "שרה פותחת חשבון",  # Hebrew (RTL)
        "\u200fמימין לשמאל\u200e mixed",  # bidi marks are format characters, not controls
        "e\u0301 (combining accent)",
        "日本語のお客様",
        "« guillemets » – “quotes”",
    ],
)
def test_real_world_text_is_accepted_unchanged(text: str) -> None:
    texts = Texts(line=text, para=text, opt_line=text, opt_para=text)
    assert texts.line == texts.para == texts.opt_line == texts.opt_para == text


def test_messages_name_the_field_in_a_map() -> None:
    with pytest.raises(ValidationError) as info:
        JourneyMap(id="m", title="Tea\x00time")
    assert info.value.errors()[0]["loc"] == ("title",)
    assert "control character (U+0000)" in str(info.value)


def test_assignment_is_validated() -> None:
    persona = Persona(id="per-1", name="Sarah")
    with pytest.raises(ValidationError, match=r"U\+001B"):
        persona.name = "Sarah\x1b[31m"
    persona.name = "  Sarah Connor  "
    assert persona.name == "Sarah Connor"


def test_list_of_lines_are_checked_each() -> None:
    with pytest.raises(ValidationError) as info:
        Persona(id="per-1", name="Sarah", goals=["ok", "bad\x00"])
    assert info.value.errors()[0]["loc"] == ("goals", 1)


# -- properties -------------------------------------------------------------------------


@given(st.text(max_size=400))
def test_a_line_is_either_refused_or_clean(value: str) -> None:
    try:
        line = Texts(line=value).line
    except ValidationError as exc:
        message = str(exc.errors()[0]["msg"])
        assert any(
            part in message
            for part in ("cannot be empty", "control character", "one line", "too long")
        )
        return
    assert line == line.strip()
    assert 0 < len(line) <= LINE_MAX
    assert not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in line)


@given(st.text(max_size=200), st.booleans())
def test_strip_control_chars_output_never_has_a_forbidden_character(
    value: str, multiline: bool
) -> None:
    cleaned = strip_control_chars(value, multiline=multiline)
    assert find_control_char(cleaned, multiline=multiline) is None


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=100))
def test_accepted_text_survives_a_save_and_load(value: str) -> None:
    try:
        journey = JourneyMap(id="m", title=value)
    except ValidationError:
        return  # blank, or a Unicode line separator: refused, nothing to round-trip
    assert parse_map(dump_map(journey)).title == journey.title


def test_the_control_character_scan_matches_the_unicode_categories_for_every_code_point() -> None:
    """The compiled scan must forbid exactly Cc, Cs, U+2028 and U+2029 (minus newline and tab
    in multi-line fields): checked against unicodedata over the whole code space."""
    import unicodedata

    from assistant.model.text import find_control_char

    everything = "".join(map(chr, range(0x110000)))
    reference = {ch for ch in everything if unicodedata.category(ch) in ("Cc", "Cs")}
    reference |= {"\u2028", "\u2029"}
    for multiline, allowed in ((False, set()), (True, {"\n", "\t"})):
        forbidden = reference - allowed
        clean = "".join(ch for ch in everything if ch not in forbidden)
        assert find_control_char(clean, multiline=multiline) is None
        for ch in forbidden:
            assert find_control_char(f"a{ch}b", multiline=multiline) == ch
