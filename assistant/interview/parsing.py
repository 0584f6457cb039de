"""Understanding free-text answers: lists, picks, emotions, ratings, channels, votes.

Pure functions over strings and the language's lexicon. They never guess silently: a
value read from words is marked as inferred so the engine can echo it for confirmation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from assistant.interview.prompts import Lexicon
from assistant.model import CHANNELS, Channel

_BULLET = re.compile(r"^\s*(?:[-*•‣◦·]|\d{1,3}[.)])\s+")
_OPENERS = {"(": ")", "[": "]", "{": "}", "«": "»", "“": "”", '"': '"'}


class ParseError(ValueError):
    """The answer does not fit the question; the message key says why (messages.yaml)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


# Every answer is compared with the whole lexicon and the map's names: the same few
# thousand strings are folded again and again, so the folded forms are kept.
@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching words people type."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("’", "'").split())


# -- lists -------------------------------------------------------------------------------


def _split_top_level(text: str, separator: str) -> list[str]:
    """Split on `separator` outside brackets and quotes: "Review site (G2, Capterra)" stays."""
    parts: list[str] = []
    depth: list[str] = []
    current: list[str] = []
    for ch in text:
        if depth and ch == depth[-1]:
            depth.pop()
        elif ch in _OPENERS and not (ch == '"' and depth and depth[-1] == '"'):
            depth.append(_OPENERS[ch])
        elif ch == separator and not depth:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return parts


SHORT_ITEM_WORDS = 3


def _split_conjunction(text: str, conjunctions: list[str], *, enumeration: list[str]) -> list[str]:
    """Split the last " and " of a segment: "A, B and C" -> A, B, C.

    `enumeration` holds the comma-separated items before this one. When one of them uses
    "and" inside it, so does this one. Without commas, "X and Y" is split only when both
    sides are short ("Google search and LinkedIn"): a longer one is a sentence ("Advisers
    run late and nobody tells the client"), and splitting it would put half a pain point
    in the map.
    """
    for word in conjunctions:
        pattern = re.compile(rf"\s+{re.escape(word)}\s+", re.IGNORECASE)
        matches = list(pattern.finditer(text))
        if matches:
            last = matches[-1]
            head, tail = text[: last.start()], text[last.end() :]
            if not (head.strip() and tail.strip() and _balanced(head)):
                continue
            short = max(len(head.split()), len(tail.split())) <= SHORT_ITEM_WORDS
            inside_items = any(pattern.search(item) for item in enumeration)
            if (not inside_items) if enumeration else short:
                return [head, tail]
    return [text]


def _balanced(text: str) -> bool:
    return len(_split_top_level(text + ",", ",")) == 2


def strip_bullet(line: str) -> str:
    return _BULLET.sub("", line, count=1).strip()


def split_list(text: str, conjunctions: list[str], *, by_lines_only: bool = False) -> list[str]:
    """Items of a list answer, in order, without blanks or repeats.

    Several lines (or bullets) are one item each, untouched: that is how to give items that
    contain commas. On one line, commas, bullets and a final "and"/"et" separate items,
    unless the question takes whole lines (`by_lines_only`).
    """
    text = text.strip()
    lines = [strip_bullet(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > 1 or by_lines_only:
        items = lines
    else:
        line = lines[0] if lines else ""
        segments = [seg for part in line.split(" • ") for seg in _split_top_level(part, ",")]
        items = []
        for index, segment in enumerate(segments):
            last = index == len(segments) - 1
            items.extend(
                _split_conjunction(segment, conjunctions, enumeration=segments[:-1])
                if last
                else [segment]
            )
    seen: set[str] = set()
    result = []
    for item in (i.strip() for i in items):
        key = fold(item)
        if item and key not in seen:
            seen.add(key)
            result.append(item)
    return result


# -- picks -------------------------------------------------------------------------------

_NUMBERS_ONLY = re.compile(r"^[\d\s,;+&/-]+$|^[\d\s,;]*(?:and|et)[\d\s,;]*$", re.IGNORECASE)


def parse_numbers(text: str, count: int) -> list[int] | None:
    """ "1, 3" or "1-3" or "2 and 4" -> [1, 3]; None when the answer is not only numbers."""
    cleaned = text.strip()
    if not cleaned or not _NUMBERS_ONLY.match(cleaned):
        return None
    numbers: list[int] = []
    for token in re.split(r"[\s,;+&/]+|\b(?:and|et)\b", cleaned, flags=re.IGNORECASE):
        if not token:
            continue
        span = re.fullmatch(r"(\d+)-(\d+)", token)
        values = (
            list(range(int(span[1]), int(span[2]) + 1))
            if span
            else [int(token)]
            if token.isdigit()
            else None
        )
        if values is None:
            return None
        for value in values:
            if not 1 <= value <= count:
                raise ParseError("error_pick_range", number=value, count=count)
            if value not in numbers:
                numbers.append(value)
    return numbers or None


def match_option(text: str, labels: list[list[str]]) -> int | None:
    """Index of the option whose label or synonym the answer names (exactly, or a unique
    prefix of at least 3 letters); None if nothing matches."""
    wanted = fold(text)
    if not wanted:
        return None
    for index, names in enumerate(labels):
        if any(fold(name) == wanted for name in names):
            return index
    if len(wanted) >= 3:
        hits = {i for i, names in enumerate(labels) for n in names if fold(n).startswith(wanted)}
        if len(hits) == 1:
            return hits.pop()
    return None


# -- yes / no / none ---------------------------------------------------------------------


def is_word(text: str, words: list[str]) -> bool:
    folded = fold(text).strip(" .!")
    return folded in {fold(w) for w in words}


def parse_yes_no(text: str, lexicon: Lexicon) -> bool | None:
    if not text.strip() or is_word(text, lexicon.yes):
        return True
    if is_word(text, lexicon.no):
        return False
    return None


# -- emotions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EmotionReading:
    score: int
    word: str | None
    inferred: bool  # read from words or an emoji, not stated as a number


_SCORE = re.compile(r"(?<![\w/])(?P<sign>[+\-−]?)\s?(?P<num>\d+)(?:\s?/\s?(?P<den>5|10))?(?![\w/])")


def _score_from_number(sign: str, number: int, denominator: str | None) -> int:
    if denominator == "10":
        if not 0 <= number <= 10:
            raise ParseError("error_emotion_range")
        return round(number / 10 * 4) - 2
    if denominator == "5" or (not sign and 3 <= number <= 5):
        if not 1 <= number <= 5:
            raise ParseError("error_emotion_range")
        return number - 3
    value = -number if sign in ("-", "−") else number
    if not -2 <= value <= 2:
        raise ParseError("error_emotion_range")
    return value


def parse_emotion(text: str, lexicon: Lexicon) -> EmotionReading:
    """ "-1 worried", "worried (-1)", "4/5", "😀", "frustrée" -> a score and the word."""
    raw = text.strip()
    match = _SCORE.search(raw)
    if match:
        score = _score_from_number(match["sign"], int(match["num"]), match["den"])
        rest = (raw[: match.start()] + " " + raw[match.end() :]).strip()
        return EmotionReading(score, _clean_word(rest), inferred=False)
    for emoji, value in lexicon.emoji.items():
        hit = re.search(re.escape(emoji), raw, re.IGNORECASE)  # keys are lowercase: ":d"
        if hit:
            rest = (raw[: hit.start()] + " " + raw[hit.end() :]).strip()
            return EmotionReading(value, _clean_word(rest), inferred=True)
    word = _clean_word(raw)
    if word is None:
        raise ParseError("error_emotion_unknown", answer=raw)
    found = lookup_emotion_word(word, lexicon)
    if found is None:
        raise ParseError("error_emotion_unknown", answer=raw)
    return EmotionReading(found, word, inferred=True)


def _clean_word(text: str) -> str | None:
    cleaned = text.strip(" \t,;:()[]-–—.!").strip()
    return cleaned or None


def lookup_emotion_word(phrase: str, lexicon: Lexicon) -> int | None:
    """The whole phrase first, then its words from the last ("a bit worried" -> worried)."""
    folded_lexicon = _folded_emotions(lexicon)
    key = fold(phrase)
    if key in folded_lexicon:
        return folded_lexicon[key]
    for token in reversed(re.findall(r"[\w'-]+", key)):
        if token in folded_lexicon:
            return folded_lexicon[token]
    return None


_FOLDED: dict[int, dict[str, int]] = {}


def _folded_emotions(lexicon: Lexicon) -> dict[str, int]:
    cached = _FOLDED.get(id(lexicon))
    if cached is None:
        cached = {fold(word): score for word, score in lexicon.emotions.items()}
        _FOLDED[id(lexicon)] = cached
    return cached


# -- numbers on a scale ------------------------------------------------------------------


def parse_rating(text: str, low: int = 1, high: int = 5) -> int:
    match = re.fullmatch(r"\s*(\d+)\s*(?:/\s*\d+)?\s*", text)
    if not match or not low <= int(match[1]) <= high:
        raise ParseError("error_rating", low=low, high=high)
    return int(match[1])


def parse_severity(text: str, lexicon: Lexicon) -> int:
    match = re.fullmatch(r"\s*([1-3])\s*(?:/\s*3)?\s*", text)
    if match:
        return int(match[1])
    for level, words in lexicon.severity.items():
        if is_word(text, words):
            return level
    raise ParseError("error_severity")


# -- channels and touchpoints ------------------------------------------------------------


def parse_channel(text: str, lexicon: Lexicon) -> Channel | None:
    wanted = fold(text).strip(" .")
    if not wanted:
        return None
    if wanted.isdigit() and 1 <= int(wanted) <= len(CHANNELS):
        return CHANNELS[int(wanted) - 1]
    for channel, words in lexicon.channels.items():
        if wanted == fold(channel) or wanted in {fold(w) for w in words}:
            return channel
    return None


_TRAILING = re.compile(r"^(?P<name>.+?)\s*(?:\((?P<paren>[^()]+)\)|\[(?P<bracket>[^\[\]]+)\])$")
_DASHED = re.compile(r"^(?P<name>.+?)\s+(?:-|–|—|:|\|)\s+(?P<tail>[^-–—:|]+)$")


def parse_touchpoint(item: str, lexicon: Lexicon) -> tuple[str, Channel | None]:
    """ "Google search (web)" -> ("Google search", "web"). A trailing part counts as the
    channel only when it names one: "Review site (G2)" keeps its brackets."""
    item = item.strip()
    for pattern, group in ((_TRAILING, None), (_DASHED, "tail")):
        match = pattern.match(item)
        if not match:
            continue
        tail = match[group] if group else (match["paren"] or match["bracket"])
        channel = parse_channel(tail, lexicon)
        if channel is not None and match["name"].strip():
            if group is None and _proper_name(tail):  # "(G2)": a channel, and part of the name
                return item, channel
            return match["name"].strip(), channel
    return item, None


def _proper_name(text: str) -> bool:
    """G2, LinkedIn, SMS: a brand or an acronym rather than a channel word like "web"."""
    return any(ch.isdigit() for ch in text) or any(ch.isupper() for ch in text[1:])


# -- votes -------------------------------------------------------------------------------

_VOTE = re.compile(r"^(?P<num>\d+)(?:\s*[x×*]\s*(?P<times>\d+))?$", re.IGNORECASE)


def parse_votes(text: str, count: int, lexicon: Lexicon) -> dict[int, int]:
    """ "1x2, 4, 5 5" -> {1: 2, 4: 1, 5: 2}: option number -> dots."""
    if is_word(text, lexicon.none) or text.strip() == "0":
        return {}
    votes: dict[int, int] = {}
    compact = re.sub(r"\s*([x×*])\s*", r"\1", text.strip(), flags=re.IGNORECASE)
    for token in re.split(r"[\s,;]+", compact):
        if not token:
            continue
        match = _VOTE.match(token)
        if not match:
            raise ParseError("error_votes", answer=token)
        number, times = int(match["num"]), int(match["times"] or 1)
        if not 1 <= number <= count:
            raise ParseError("error_pick_range", number=number, count=count)
        votes[number] = votes.get(number, 0) + times
    return votes
