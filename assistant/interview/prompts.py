"""The interview as data: loading and validating `prompts/<lang>/`.

Every question, help text, example, follow-up rule, lexicon word, suggestion pack and
template lives in YAML files, one folder per language. Adding a language is adding a
folder. A broken file is a clear error naming the file and the key.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from assistant.model import ARCHETYPES, CHANNELS, Archetype, Channel
from assistant.paths import prompts_dir

AnswerKind = Literal[
    "text",  # one free-text value
    "list",  # several values: commas, newlines, bullets, and/et
    "lines",  # several values, one per line or bullet (texts that hold commas)
    "choice",  # one of the offered options, by number or name
    "multi",  # several of the offered options
    "emotion",  # a score, an emoji or a word
    "rating",  # 1..5
    "severity",  # 1..3 or a word
    "confirm",  # yes / no (Enter is yes)
    "votes",  # dot votes: option numbers, repeated or with xN
]


class PromptFileError(Exception):
    """A prompt file is missing or malformed. The message names the file and the key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuestionSpec(_Strict):
    text: str
    help: str = ""
    examples: list[str] = Field(default_factory=list)
    kind: AnswerKind = "text"
    optional: bool = False


class ArchetypeSpec(_Strict):
    label: str
    description: str
    goals: list[str] = Field(default_factory=list)
    needs: list[str] = Field(default_factory=list)
    pains: list[str] = Field(default_factory=list)
    quote: str | None = None


class TouchpointSpec(_Strict):
    name: str
    channel: Channel


class StageSpec(_Strict):
    key: str
    name: str
    description: str | None = None
    customer_goal: str | None = None
    actions: list[str] = Field(default_factory=list)
    thoughts: list[str] = Field(default_factory=list)
    touchpoints: list[TouchpointSpec] = Field(default_factory=list)
    pains: list[str] = Field(default_factory=list)


class TemplateSpec(_Strict):
    label: str
    description: str
    stages: list[StageSpec] = Field(default_factory=list)


class Lexicon(_Strict):
    emotions: dict[str, int]
    emoji: dict[str, int]
    channels: dict[Channel, list[str]]
    severity: dict[int, list[str]]
    yes: list[str]
    no: list[str]
    none: list[str]
    conjunctions: list[str]
    archetypes: dict[Archetype, list[str]] = Field(default_factory=dict)

    @field_validator("emotions", "emoji")
    @classmethod
    def _scores_in_range(cls, value: dict[str, int]) -> dict[str, int]:
        for word, score in value.items():
            if not -2 <= score <= 2:
                raise ValueError(f"{word!r}: score {score} is outside -2..+2")
        return {word.casefold(): score for word, score in value.items()}

    @field_validator("severity")
    @classmethod
    def _severity_levels(cls, value: dict[int, list[str]]) -> dict[int, list[str]]:
        if set(value) - {1, 2, 3}:
            raise ValueError("severity levels are 1, 2 and 3")
        return value


class SuggestionPacks(_Strict):
    """Offered with questions, added only when the user picks them."""

    actions: dict[str, list[str]] = Field(default_factory=dict)  # stage key -> actions
    thoughts: dict[str, list[str]] = Field(default_factory=dict)
    pains: dict[str, list[str]] = Field(default_factory=dict)
    touchpoints: dict[Channel, list[str]] = Field(default_factory=dict)  # channel catalogue
    stage_touchpoints: dict[str, list[TouchpointSpec]] = Field(default_factory=dict)
    by_archetype: dict[Archetype, dict[str, dict[str, list[str]]]] = Field(default_factory=dict)
    # archetype -> stage key -> {"actions"|"pains"|"thoughts": [...]}
    opportunities: list[str] = Field(default_factory=list)  # generic improvement patterns


class PromptBook(_Strict):
    """Everything the interview says and understands, in one language."""

    language: str
    questions: dict[str, QuestionSpec]
    messages: dict[str, str]
    lexicon: Lexicon
    archetypes: dict[Archetype, ArchetypeSpec]
    default_stages: list[StageSpec]
    suggestions: SuggestionPacks
    templates: dict[str, TemplateSpec]

    def question(self, key: str) -> QuestionSpec:
        try:
            return self.questions[key]
        except KeyError:
            raise PromptFileError(
                f"prompts/{self.language}/questions.yaml: no question {key!r}"
            ) from None

    def say(self, key: str, **values: object) -> str:
        try:
            template = self.messages[key]
        except KeyError:
            raise PromptFileError(
                f"prompts/{self.language}/messages.yaml: no message {key!r}"
            ) from None
        return template.format_map(_Blank(values)) if values else template


class _Blank(dict[str, object]):
    """format_map helper: a missing placeholder shows as empty rather than crashing."""

    def __missing__(self, key: str) -> str:
        return ""


# Question keys the engine asks; a language folder must define every one.
REQUIRED_FILES = (
    "questions.yaml",
    "messages.yaml",
    "lexicon.yaml",
    "archetypes.yaml",
    "stages.yaml",
    "suggestions.yaml",
)


def available_languages(root: Path | None = None) -> list[str]:
    base = root or prompts_dir()
    return sorted(p.name for p in base.iterdir() if p.is_dir() and (p / "questions.yaml").is_file())


_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PromptFileError(f"{path}: missing prompt file") from None
    except UnicodeDecodeError as exc:
        raise PromptFileError(f"{path}: not UTF-8 (byte {exc.start})") from None
    try:
        # libyaml's C loader when present: the pure-Python one took most of start-up.
        return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__  # one line, not str(exc)
        raise PromptFileError(f"{path}: {where}invalid YAML ({problem})") from None


def _where(exc: ValidationError) -> str:
    first = exc.errors()[0]
    key = ".".join(str(p) for p in first["loc"])
    return f"{key}: {first['msg']}"


@cache
def load_prompt_book(language: str, root: Path | None = None) -> PromptBook:
    folder = (root or prompts_dir()) / language
    if not folder.is_dir():
        known = ", ".join(available_languages(root)) or "none"
        raise PromptFileError(f"no prompts for language {language!r} (available: {known})")
    raw: dict[str, Any] = {}
    for name in REQUIRED_FILES:
        data = _read_yaml(folder / name)
        if not isinstance(data, dict):
            raise PromptFileError(f"{folder / name}: must be a mapping at the top level")
        raw[name] = data
    templates: dict[str, Any] = {}
    template_dir = folder / "templates"
    if template_dir.is_dir():
        for path in sorted(template_dir.glob("*.yaml")):
            templates[path.stem] = (path, _read_yaml(path))
    parts: dict[str, tuple[str, Any]] = {
        "questions": ("questions.yaml", raw["questions.yaml"]),
        "messages": ("messages.yaml", raw["messages.yaml"]),
        "lexicon": ("lexicon.yaml", raw["lexicon.yaml"]),
        "archetypes": ("archetypes.yaml", raw["archetypes.yaml"]),
        "default_stages": ("stages.yaml", raw["stages.yaml"].get("default")),
        "suggestions": ("suggestions.yaml", raw["suggestions.yaml"]),
    }
    checked: dict[str, Any] = {}
    for field, (file_name, data) in parts.items():
        annotation = PromptBook.model_fields[field].annotation
        assert annotation is not None
        try:
            checked[field] = TypeAdapter(annotation).validate_python(data)
        except ValidationError as exc:
            raise PromptFileError(f"{folder / file_name}: {_where(exc)}") from None
    checked_templates: dict[str, TemplateSpec] = {}
    for name, (path, data) in templates.items():
        try:
            checked_templates[name] = TemplateSpec.model_validate(data)
        except ValidationError as exc:
            raise PromptFileError(f"{path}: {_where(exc)}") from None
    missing = [a for a in ARCHETYPES if a != "custom" and a not in checked["archetypes"]]
    if missing:
        raise PromptFileError(f"{folder / 'archetypes.yaml'}: missing archetype {missing[0]!r}")
    unknown = set(checked["lexicon"].channels) - set(CHANNELS)
    if unknown:
        raise PromptFileError(f"{folder / 'lexicon.yaml'}: channels: unknown {sorted(unknown)}")
    return PromptBook(language=language, templates=checked_templates, **checked)
