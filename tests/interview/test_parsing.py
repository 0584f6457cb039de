"""Understanding answers: lists, picks, emotions, ratings, severities, channels, votes.

Pure functions over the real lexicons of prompts/en and prompts/fr.
"""

from __future__ import annotations

import pytest

from assistant.interview import load_prompt_book
from assistant.interview.parsing import (
    ParseError,
    fold,
    match_option,
    parse_channel,
    parse_emotion,
    parse_numbers,
    parse_rating,
    parse_severity,
    parse_touchpoint,
    parse_votes,
    parse_yes_no,
    split_list,
)
from assistant.interview.prompts import Lexicon


@pytest.fixture(scope="module")
def en() -> Lexicon:
    return load_prompt_book("en").lexicon


@pytest.fixture(scope="module")
def fr() -> Lexicon:
    return load_prompt_book("fr").lexicon


# -- lists ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Reads reviews, Compares prices, Starts a trial",
            ["Reads reviews", "Compares prices", "Starts a trial"],
        ),
        (
            "Reads reviews\nCompares prices\n\nStarts a trial",
            ["Reads reviews", "Compares prices", "Starts a trial"],
        ),
        (
            "- Reads reviews\n- Compares prices, fees\n* Calls",
            ["Reads reviews", "Compares prices, fees", "Calls"],
        ),
        ("• Reads reviews\n• Compares prices", ["Reads reviews", "Compares prices"]),
        ("1. Reads reviews\n2) Compares prices", ["Reads reviews", "Compares prices"]),
        ("Reads reviews • Compares prices", ["Reads reviews", "Compares prices"]),
        (
            "Reads reviews, Compares prices and Starts a trial",
            ["Reads reviews", "Compares prices", "Starts a trial"],
        ),
        ("Google search and LinkedIn", ["Google search", "LinkedIn"]),
        # commas inside brackets or quotes stay
        (
            "Review site (G2, Capterra), Pricing page",
            ["Review site (G2, Capterra)", "Pricing page"],
        ),
        ('Says "fast, cheap, good", Leaves', ['Says "fast, cheap, good"', "Leaves"]),
        (
            "Hidden costs [onboarding, API], Sales calls",
            ["Hidden costs [onboarding, API]", "Sales calls"],
        ),
        # blanks and repeats (case and accents folded) are dropped
        ("Web, , web, WEB,  Phone ,", ["Web", "Phone"]),
        ("Café, cafe", ["Café"]),
        ("   ", []),
    ],
)
def test_split_list_english(en: Lexicon, text: str, expected: list[str]) -> None:
    assert split_list(text, en.conjunctions) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lit les avis, Compare les prix et Ouvre un compte",
            ["Lit les avis", "Compare les prix", "Ouvre un compte"],
        ),
        ("web et téléphone", ["web", "téléphone"]),
        ("Site (web, mobile) et agence", ["Site (web, mobile)", "agence"]),
    ],
)
def test_split_list_french(fr: Lexicon, text: str, expected: list[str]) -> None:
    assert split_list(text, fr.conjunctions) == expected


def test_lines_only_keeps_commas_and_and(en: Lexicon) -> None:
    text = "Show the full price, onboarding included\nNo-card trial and payment at conversion"
    assert split_list(text, en.conjunctions, by_lines_only=True) == [
        "Show the full price, onboarding included",
        "No-card trial and payment at conversion",
    ]


# -- picks -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count", "expected"),
    [
        ("1", 5, [1]),
        ("1, 3", 5, [1, 3]),
        ("1-3", 5, [1, 2, 3]),
        ("2 and 4", 5, [2, 4]),
        ("2 et 4", 5, [2, 4]),
        ("3;1 3", 5, [3, 1]),
        ("1-2, 2-3", 5, [1, 2, 3]),
        ("Sarah", 5, None),
        ("1 Sarah", 5, None),
        ("", 5, None),
        ("-1", 5, None),
    ],
)
def test_parse_numbers(text: str, count: int, expected: list[int] | None) -> None:
    assert parse_numbers(text, count) == expected


@pytest.mark.parametrize("text", ["0", "6", "1, 9", "4-7"])
def test_parse_numbers_out_of_range_names_the_number(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_numbers(text, 5)
    assert caught.value.key == "error_pick_range"
    assert caught.value.values["count"] == 5


def test_match_option_by_name_synonym_and_unique_prefix() -> None:
    labels = [
        ["Current state", "current", "as-is"],
        ["Future state", "future"],
        ["Service blueprint"],
    ]
    assert match_option("current", labels) == 0
    assert match_option("AS-IS", labels) == 0
    assert match_option("Futur", labels) == 1  # a unique prefix of 3+ letters
    assert match_option("serv", labels) == 2
    assert match_option("st", labels) is None  # too short
    assert match_option("nothing", labels) is None
    assert match_option("", labels) is None


def test_fold_ignores_case_accents_and_spacing() -> None:
    assert fold("  Inès  LÉGER’s ") == "ines leger's"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", True), ("yes", True), ("Yep!", True), ("no", False), ("nope", False), ("maybe", None)],
)
def test_yes_no(en: Lexicon, text: str, expected: bool | None) -> None:
    assert parse_yes_no(text, en) is expected


def test_yes_no_french(fr: Lexicon) -> None:
    assert parse_yes_no("oui", fr) is True
    assert parse_yes_no("non", fr) is False


# -- emotions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "score", "word"),
    [
        ("-2", -2, None),
        ("+2", 2, None),
        ("0", 0, None),
        ("−1", -1, None),  # a typographic minus
        ("-1 worried", -1, "worried"),
        ("worried (-1)", -1, "worried"),
        ("+1 curious", 1, "curious"),
        # 1 to 5
        ("1/5", -2, None),
        ("3/5", 0, None),
        ("4/5", 1, None),
        ("5/5", 2, None),
        ("4 / 5", 1, None),
        ("5", 2, None),  # 3..5 without a sign can only be the 1-5 scale
        ("8/10", 1, None),
        ("10/10", 2, None),
    ],
)
def test_emotion_scores_are_stated_not_inferred(
    en: Lexicon, text: str, score: int, word: str | None
) -> None:
    reading = parse_emotion(text, en)
    assert (reading.score, reading.word, reading.inferred) == (score, word, False)


@pytest.mark.parametrize(
    ("text", "score"),
    [("😡", -2), ("🙁", -1), ("😐", 0), ("🙂", 1), ("😀", 2), (":)", 1), (":(", -1)],
)
def test_emotion_from_emoji_is_inferred(en: Lexicon, text: str, score: int) -> None:
    reading = parse_emotion(text, en)
    assert (reading.score, reading.inferred) == (score, True)


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("frustrated", -1),
        ("anxious", -1),
        ("delighted", 2),
        ("confused", -2),
        ("a bit anxious", -1),
        ("Frustrated!", -1),
        ("fed up", -2),
    ],
)
def test_emotion_from_english_words_is_inferred(en: Lexicon, text: str, score: int) -> None:
    reading = parse_emotion(text, en)
    assert (reading.score, reading.inferred) == (score, True)
    assert reading.word is not None


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("frustré", -1),
        ("frustrée", -1),
        ("Frustre", -1),
        ("inquiet", -1),
        ("ravi", 2),
        ("ravie", 2),
    ],
)
def test_emotion_from_french_words_is_inferred(fr: Lexicon, text: str, score: int) -> None:
    reading = parse_emotion(text, fr)
    assert (reading.score, reading.inferred) == (score, True)


def test_french_scores_work_too(fr: Lexicon) -> None:
    reading = parse_emotion("-1 inquiète", fr)
    assert (reading.score, reading.word, reading.inferred) == (-1, "inquiète", False)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("3", None),  # fine: 0 on the 1-5 scale
        ("-3", "error_emotion_range"),
        ("+7", "error_emotion_range"),
        ("7", "error_emotion_range"),
        ("0/5", "error_emotion_range"),
        ("11/10", "error_emotion_range"),
        ("bleh", "error_emotion_unknown"),
        ("", "error_emotion_unknown"),
        ("()", "error_emotion_unknown"),
    ],
)
def test_emotion_errors(en: Lexicon, text: str, key: str | None) -> None:
    if key is None:
        parse_emotion(text, en)
        return
    with pytest.raises(ParseError) as caught:
        parse_emotion(text, en)
    assert caught.value.key == key


def test_a_time_or_a_date_is_not_a_score(en: Lexicon) -> None:
    with pytest.raises(ParseError):
        parse_emotion("at 3pm", en)


def test_emoticons_are_understood_in_capitals(en: Lexicon) -> None:
    """The lexicon keys are lowercase (":d"); people type ":D"."""
    assert parse_emotion(":D", en).score == 2
    assert parse_emotion(":-D", en).score == 2


# -- ratings and severities --------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [("1", 1), (" 5 ", 5), ("4/5", 4)])
def test_rating(text: str, value: int) -> None:
    assert parse_rating(text) == value


@pytest.mark.parametrize("text", ["0", "6", "high", "", "2.5", "-1"])
def test_rating_refused(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_rating(text)
    assert caught.value.key == "error_rating"
    assert caught.value.values == {"low": 1, "high": 5}


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("1", 1),
        ("3/3", 3),
        ("minor", 1),
        ("Serious", 2),
        ("severe", 3),
        ("critical", 3),
        ("blocker", 3),
    ],
)
def test_severity_english(en: Lexicon, text: str, level: int) -> None:
    assert parse_severity(text, en) == level


@pytest.mark.parametrize(
    ("text", "level"), [("mineur", 1), ("gênant", 2), ("bloquant", 3), ("critique", 3)]
)
def test_severity_french(fr: Lexicon, text: str, level: int) -> None:
    assert parse_severity(text, fr) == level


@pytest.mark.parametrize("text", ["0", "4", "meh", ""])
def test_severity_refused(en: Lexicon, text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_severity(text, en)
    assert caught.value.key == "error_severity"


# -- channels and touchpoints -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("web", "web"),
        ("Website", "web"),
        ("online", "web"),
        ("app", "mobile_app"),
        ("iPhone", "mobile_app"),
        ("branch", "branch_store"),
        ("call centre", "phone"),
        ("e-mail", "email"),
        ("live chat", "chat"),
        ("LinkedIn", "social"),
        ("face to face", "in_person"),
        ("broker", "partner"),
        ("letter", "other"),
        ("1", "web"),  # a number picks from the channel list
        ("nowhere", None),
        ("", None),
    ],
)
def test_channel_synonyms(en: Lexicon, text: str, channel: str | None) -> None:
    assert parse_channel(text, en) == channel


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("Google search (web)", ("Google search", "web")),
        ("Sales call (phone)", ("Sales call", "phone")),
        ("Support chat [chat]", ("Support chat", "chat")),
        ("Mobile app (mobile app)", ("Mobile app", "mobile_app")),
        ("Sales call - phone", ("Sales call", "phone")),
        ("Welcome email | email", ("Welcome email", "email")),
        ("Sales call (Phone)", ("Sales call", "phone")),
        # brackets that do not name a channel are part of the name
        ("Agency (Lyon)", ("Agency (Lyon)", None)),
        ("Hotline (24/7)", ("Hotline (24/7)", None)),
        # a brand in brackets stays in the name, and still tells the channel
        ("Review site (G2)", ("Review site (G2)", "web")),
        ("Post from a peer (LinkedIn)", ("Post from a peer (LinkedIn)", "social")),
        ("Review site (G2) (web)", ("Review site (G2)", "web")),
        ("Pricing page", ("Pricing page", None)),
        ("(web)", ("(web)", None)),
    ],
)
def test_touchpoint_name_and_channel(
    en: Lexicon, item: str, expected: tuple[str, str | None]
) -> None:
    assert parse_touchpoint(item, en) == expected


def test_touchpoint_french(fr: Lexicon) -> None:
    assert parse_touchpoint("Appel du conseiller (téléphone)", fr) == (
        "Appel du conseiller",
        "phone",
    )
    assert parse_touchpoint("Agence (Lyon)", fr) == ("Agence (Lyon)", None)


# -- votes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "votes"),
    [
        ("1x2, 4", {1: 2, 4: 1}),
        ("1 x 2, 4", {1: 2, 4: 1}),
        ("5 5 2", {5: 2, 2: 1}),
        ("3×3", {3: 3}),
        ("2*2;1", {2: 2, 1: 1}),
        ("none", {}),
        ("0", {}),
    ],
)
def test_votes(en: Lexicon, text: str, votes: dict[int, int]) -> None:
    assert parse_votes(text, 5, en) == votes


@pytest.mark.parametrize(
    ("text", "key"), [("9", "error_pick_range"), ("one", "error_votes"), ("1x", "error_votes")]
)
def test_votes_refused(en: Lexicon, text: str, key: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_votes(text, 5, en)
    assert caught.value.key == key
