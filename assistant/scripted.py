"""The scripted front end: feed a file of answers to the interview, write map and report.

An answers file is YAML: either a list of the exact strings a person would type (commands
included), or a mapping with `answers:` and optionally `language:` and `template:`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.interview import Interview
from assistant.interview.api import Reply
from assistant.model import LANGUAGES, JourneyMap, Language
from assistant.store import save_map


class ScriptError(Exception):
    """The answers file is unusable, or an answer was refused. One line, for a person."""


@dataclass
class Script:
    answers: list[str]
    language: Language | None = None
    template: str | None = None


@dataclass
class ScriptResult:
    journey: JourneyMap
    map_path: Path
    report_path: Path | None
    finished: bool
    next_question: str | None
    notes: list[str] = field(default_factory=list)


def load_script(path: Path) -> Script:
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScriptError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise ScriptError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise ScriptError(f"{path}: {where}not valid YAML") from None
    language = template = None
    if isinstance(data, dict):
        language = data.get("language")
        template = data.get("template")
        data = data.get("answers")
    if not isinstance(data, list):
        raise ScriptError(f"{path}: expected a list of answers (or a mapping with `answers:`)")
    answers = []
    for number, value in enumerate(data, start=1):
        if value is None:
            value = ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ScriptError(f"{path}: answer {number} must be text, not {type(value).__name__}")
        answers.append(str(value))
    if language is not None and language not in LANGUAGES:
        raise ScriptError(f"{path}: language must be one of {', '.join(LANGUAGES)}")
    return Script(answers=answers, language=language, template=template)


def _refusal(reply: Reply) -> str | None:
    for message in reply.messages:
        if message.role == "assistant" and message.tone in ("error", "warning"):
            return message.text
    return None


def run_script(
    script: Script,
    out_dir: Path,
    *,
    language: Language | None = None,
    report: bool = True,
) -> ScriptResult:
    """Answer every question from the script in memory, then write DIR/<slug>.json (and
    the Markdown report). Raises ScriptError naming the first refused answer."""
    interview = Interview.create(
        path=None, language=language or script.language, template=script.template
    )
    interview.start()
    for number, answer in enumerate(script.answers, start=1):
        question = interview.question
        reply = interview.answer(answer)
        problem = _refusal(reply)
        if problem is not None:
            where = f" (question {question.key})" if question else ""
            raise ScriptError(f"answer {number} {answer[:60]!r}{where} was refused: {problem}")
    journey = interview.journey
    # A scripted run is reproducible: the same answers give the same map id.
    digest = hashlib.sha256("\x1f".join(script.answers).encode("utf-8")).hexdigest()
    journey.id = f"run-{digest[:12]}"
    from assistant.export import slug

    out_dir.mkdir(parents=True, exist_ok=True)
    map_path = out_dir / f"{slug(journey.title)}.json"
    save_map(journey, map_path)
    report_path: Path | None = None
    if report:
        from assistant.export import write

        report_path = write(journey, "md", out_dir / f"{slug(journey.title)}.md")
    question = interview.question
    return ScriptResult(
        journey=journey,
        map_path=map_path,
        report_path=report_path,
        finished=interview.finished,
        next_question=question.text if question else None,
    )
