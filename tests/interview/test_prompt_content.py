"""The content of the prompt files: lexicon, archetypes, stages, suggestions and templates.

Each file is validated on its own with the loader's pydantic models (the full book also
needs questions.yaml and messages.yaml, which are tested elsewhere). Both languages must
offer the same keys, and the words the real example workshops use must be understood.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from assistant.interview.prompts import (
    ArchetypeSpec,
    Lexicon,
    StageSpec,
    SuggestionPacks,
    TemplateSpec,
)
from assistant.model import ARCHETYPES, CHANNELS, Archetype

REPO = Path(__file__).resolve().parents[2]
PROMPTS = REPO / "prompts"
EXAMPLES = REPO / "tests" / "data" / "examples"
LANGUAGES = ("en", "fr")
MAX_LEN = 200

DEFAULT_STAGE_KEYS = ["awareness", "consideration", "purchase", "retention", "advocacy"]
DEFAULT_STAGE_NAMES = {
    "en": ["Awareness", "Consideration", "Purchase", "Retention", "Advocacy"],
    "fr": ["Prise de conscience", "Considération", "Achat", "Rétention", "Défense des intérêts"],
}
TEMPLATES = {"blank", "banking-account-opening", "saas-crm", "ecommerce-order"}
PERSONA_ARCHETYPES = [a for a in ARCHETYPES if a != "custom"]

# Emotion words of the two example workshops, with the score the room gave them.
EXAMPLE_EMOTIONS = {
    "en": {
        "worried": -1,
        "curious": 1,
        "reassured": 1,
        "confused": -2,
        "neutral": 0,
        "pressured": -1,
        "relieved": 1,
        "frustrated": -1,
        "delighted": 2,
        "satisfied": 1,
        "happy": 1,
        "indifferent": 0,
    },
    "fr": {
        "intriguée": 1,
        "méfiant": 0,
        "neutre": 0,
        "perdu": -2,
        "agacée": -1,
        "frustrée": -2,
        "contraint": -1,
        "ravie": 2,
        "impatiente": -1,
        "rassuré": 1,
        "contente": 1,
        "partagée": 0,
    },
}

# Masculine and feminine forms must both be understood in French.
FRENCH_GENDER_PAIRS = [
    ("frustré", "frustrée"),
    ("agacé", "agacée"),
    ("inquiet", "inquiète"),
    ("perdu", "perdue"),
    ("contraint", "contrainte"),
    ("impatient", "impatiente"),
    ("rassuré", "rassurée"),
    ("ravi", "ravie"),
    ("content", "contente"),
    ("méfiant", "méfiante"),
    ("partagé", "partagée"),
    ("intrigué", "intriguée"),
]


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice (PyYAML silently keeps the last one)."""


def _construct_unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)


def _load(lang: str, name: str) -> Any:
    text = (PROMPTS / lang / name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass


def _lexicon(lang: str) -> Lexicon:
    return Lexicon.model_validate(_load(lang, "lexicon.yaml"))


def _archetypes(lang: str) -> dict[Archetype, ArchetypeSpec]:
    return TypeAdapter(dict[Archetype, ArchetypeSpec]).validate_python(
        _load(lang, "archetypes.yaml")
    )


def _stages(lang: str) -> list[StageSpec]:
    return TypeAdapter(list[StageSpec]).validate_python(_load(lang, "stages.yaml")["default"])


def _suggestions(lang: str) -> SuggestionPacks:
    return SuggestionPacks.model_validate(_load(lang, "suggestions.yaml"))


def _templates(lang: str) -> dict[str, TemplateSpec]:
    folder = PROMPTS / lang / "templates"
    return {
        path.stem: TemplateSpec.model_validate(_load(lang, f"templates/{path.name}"))
        for path in sorted(folder.glob("*.yaml"))
    }


OWNED_FILES = [
    "lexicon.yaml",
    "archetypes.yaml",
    "stages.yaml",
    "suggestions.yaml",
    *(f"templates/{name}.yaml" for name in sorted(TEMPLATES)),
]


def _walk(value: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """Every string (keys included) and every list, with a path for the failure message."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield f"{where}.{key} (key)", key
            yield from _walk(item, f"{where}.{key}")
    elif isinstance(value, list):
        yield where, value
        for index, item in enumerate(value):
            yield from _walk(item, f"{where}[{index}]")
    else:
        yield where, value


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_file_validates_with_its_model(lang: str) -> None:
    _lexicon(lang)
    _stages(lang)
    _suggestions(lang)
    assert set(_templates(lang)) == TEMPLATES
    assert set(_archetypes(lang)) == set(PERSONA_ARCHETYPES)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", OWNED_FILES)
def test_strings_are_clean_and_lists_have_no_duplicates(lang: str, name: str) -> None:
    data = _load(lang, name)
    assert isinstance(data, dict), f"{lang}/{name}: a mapping at the top level"
    for where, value in _walk(data):
        if isinstance(value, list):
            hashable = [v for v in value if isinstance(v, str | int)]
            dupes = {v for v in hashable if hashable.count(v) > 1}
            assert not dupes, f"{lang}/{name}{where}: duplicates {sorted(map(str, dupes))}"
        elif isinstance(value, str):
            assert value == value.strip(), f"{lang}/{name}{where}: spaces around {value!r}"
            assert value, f"{lang}/{name}{where}: empty string"
            assert len(value) < MAX_LEN, f"{lang}/{name}{where}: {len(value)} characters"
            bad = [c for c in value if unicodedata.category(c) in ("Cc", "Cs")]
            assert not bad, f"{lang}/{name}{where}: control character in {value!r}"
        elif isinstance(value, bool) or value is None:
            # yes/no/on/off unquoted become booleans in YAML 1.1; an empty value is None.
            pytest.fail(f"{lang}/{name}{where}: {value!r}; quote the word")


# --------------------------------------------------------------------------- lexicon


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lexicon_has_enough_emotion_words_in_lowercase(lang: str) -> None:
    raw = _load(lang, "lexicon.yaml")["emotions"]
    assert len(raw) >= 60
    assert all(word == word.casefold() for word in raw), "emotion words are lowercase"
    scores = set(raw.values())
    assert scores == {-2, -1, 0, 1, 2}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_example_workshop_emotion_words_have_the_right_sign(lang: str) -> None:
    emotions = _lexicon(lang).emotions
    for word, score in EXAMPLE_EMOTIONS[lang].items():
        assert word in emotions, f"{lang}: {word!r} missing"
        assert (emotions[word] > 0) - (emotions[word] < 0) == (score > 0) - (score < 0), word


def _example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("path", _example_files(), ids=lambda p: p.name)
def test_example_workshop_words_are_understood(path: Path) -> None:
    """Emotion words, channels and archetypes as the example workshops typed them."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lexicon = _lexicon(data["language"])
    channel_of = {syn: code for code, syns in lexicon.channels.items() for syn in syns}
    archetype_of = {name: code for code, names in lexicon.archetypes.items() for name in names}
    for stage in data["stages"]:
        for touchpoint in stage["touchpoints"]:
            word, score = touchpoint["emotion_word"].casefold(), touchpoint["emotion"]
            assert word in lexicon.emotions, word
            inferred = lexicon.emotions[word]
            assert (inferred > 0) - (inferred < 0) == (score > 0) - (score < 0), word
            assert touchpoint["channel"].casefold() in channel_of, touchpoint["channel"]
    for persona in data["personas"]:
        assert persona["archetype"].casefold() in archetype_of, persona["archetype"]


def test_french_emotions_have_both_genders() -> None:
    emotions = _lexicon("fr").emotions
    for masculine, feminine in FRENCH_GENDER_PAIRS:
        assert masculine in emotions, masculine
        assert feminine in emotions, feminine
        assert emotions[masculine] == emotions[feminine], (masculine, feminine)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_emoji_cover_the_whole_scale(lang: str) -> None:
    emoji = _lexicon(lang).emoji
    for face, score in {"😡": -2, "🙁": -1, "😐": 0, "🙂": 1, "😀": 2}.items():
        assert emoji[face] == score
    assert emoji["👍"] > 0 > emoji["👎"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_channel_has_synonyms_and_none_is_shared(lang: str) -> None:
    channels = _lexicon(lang).channels
    assert list(channels) == list(CHANNELS)
    owner: dict[str, str] = {}
    for code, synonyms in channels.items():
        assert synonyms, f"{lang}: no synonyms for {code}"
        assert code in synonyms, f"{lang}: the code {code!r} itself is a synonym"
        for synonym in synonyms:
            assert synonym == synonym.casefold(), f"{lang}: {synonym!r} is not lowercase"
            assert synonym not in owner, f"{lang}: {synonym!r} under {owner[synonym]} and {code}"
            owner[synonym] = code
    # Display forms as the example files write them.
    for form, expected in {"mobile app": "mobile_app", "branch/store": "branch_store"}.items():
        assert owner[form] == expected


def test_french_channel_display_forms() -> None:
    channels = _lexicon("fr").channels
    assert "app mobile" in channels["mobile_app"]
    assert "agence/magasin" in channels["branch_store"]
    assert "en personne" in channels["in_person"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_yes_no_none_and_severity(lang: str) -> None:
    lexicon = _lexicon(lang)
    assert set(lexicon.severity) == {1, 2, 3}
    words = [w for level in lexicon.severity.values() for w in level]
    assert len(words) == len(set(words)), "a severity word under two levels"
    for level in (1, 2, 3):
        assert str(level) in lexicon.severity[level]
    assert lexicon.yes and lexicon.no and lexicon.none and lexicon.conjunctions
    assert not set(lexicon.yes) & set(lexicon.no)
    assert "&" in lexicon.conjunctions


@pytest.mark.parametrize("lang", LANGUAGES)
def test_archetype_names_are_unambiguous(lang: str) -> None:
    archetypes = _lexicon(lang).archetypes
    assert set(PERSONA_ARCHETYPES) <= set(archetypes)
    owner: dict[str, str] = {}
    for code, names in archetypes.items():
        assert code in names
        for name in names:
            assert name not in owner, f"{lang}: {name!r} under {owner[name]} and {code}"
            owner[name] = code


# --------------------------------------------------------------------------- same keys


def _keys(lang: str) -> dict[str, Any]:
    lexicon = _lexicon(lang)
    packs = _suggestions(lang)
    templates = _templates(lang)
    return {
        "channels": list(lexicon.channels),
        "severity": sorted(lexicon.severity),
        "lexicon archetypes": sorted(lexicon.archetypes),
        "archetypes": sorted(_archetypes(lang)),
        "stages": [s.key for s in _stages(lang)],
        "templates": sorted(templates),
        "template stages": {n: [s.key for s in t.stages] for n, t in templates.items()},
        "actions": sorted(packs.actions),
        "thoughts": sorted(packs.thoughts),
        "pains": sorted(packs.pains),
        "touchpoints": sorted(packs.touchpoints),
        "stage_touchpoints": sorted(packs.stage_touchpoints),
        "by_archetype": {
            a: {stage: sorted(kinds) for stage, kinds in stages.items()}
            for a, stages in packs.by_archetype.items()
        },
    }


def test_both_languages_have_the_same_keys() -> None:
    english, french = _keys("en"), _keys("fr")
    for part in english:
        assert english[part] == french[part], part


# --------------------------------------------------------------------------- stages


@pytest.mark.parametrize("lang", LANGUAGES)
def test_default_stages(lang: str) -> None:
    stages = _stages(lang)
    assert [s.key for s in stages] == DEFAULT_STAGE_KEYS
    assert [s.name for s in stages] == DEFAULT_STAGE_NAMES[lang]
    for stage in stages:
        assert stage.description and stage.customer_goal
        assert stage.actions and stage.thoughts and stage.touchpoints and stage.pains


# --------------------------------------------------------------------------- suggestions


@pytest.mark.parametrize("lang", LANGUAGES)
def test_suggestion_packs_cover_every_stage_channel_and_archetype(lang: str) -> None:
    packs = _suggestions(lang)
    for pack in (packs.actions, packs.thoughts, packs.pains):
        assert sorted(pack) == sorted(DEFAULT_STAGE_KEYS)
        assert all(6 <= len(items) <= 8 for items in pack.values())
    assert list(packs.touchpoints) == list(CHANNELS)
    assert all(5 <= len(items) <= 8 for items in packs.touchpoints.values())
    assert sorted(packs.stage_touchpoints) == sorted(DEFAULT_STAGE_KEYS)
    assert sorted(packs.by_archetype) == sorted(PERSONA_ARCHETYPES)
    for archetype, stages in packs.by_archetype.items():
        assert sorted(stages) == sorted(DEFAULT_STAGE_KEYS), archetype
        for stage, kinds in stages.items():
            assert sorted(kinds) == ["actions", "pains", "thoughts"], (archetype, stage)
            for kind, items in kinds.items():
                assert 2 <= len(items) <= 4, (archetype, stage, kind)
    assert 10 <= len(packs.opportunities) <= 15


# --------------------------------------------------------------------------- templates

_SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_templates(lang: str) -> None:
    templates = _templates(lang)
    assert templates["blank"].stages == [], "blank means: use the default stages"
    for name, template in templates.items():
        assert template.label and template.description, name
        keys = [s.key for s in template.stages]
        assert len(keys) == len(set(keys)), f"{name}: a stage key twice"
        for stage in template.stages:
            assert _SNAKE.match(stage.key), f"{name}: {stage.key!r}"
            assert stage.name, f"{name}: stage {stage.key} has no name"
            assert stage.touchpoints, f"{name}: stage {stage.key} has no touchpoints"
            for touchpoint in stage.touchpoints:
                assert touchpoint.channel in CHANNELS, (name, touchpoint.name)
    assert [s.key for s in templates["saas-crm"].stages] == DEFAULT_STAGE_KEYS
