"""Rendering: the sandboxed Jinja2 environments, template lookup, and the formats.

Every template, built-in or user-provided, runs in Jinja2's ImmutableSandboxedEnvironment:
no attribute starting with `_` (so no `__class__`, `__globals__`, `mro`), no changing the
lists and dicts it is given, and a loader that only sees the shipped `exports/` folder (no
`..`, no absolute paths, so no reading files). HTML templates autoescape.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Final

from jinja2 import FileSystemLoader, StrictUndefined, Template, TemplateError, TemplateNotFound
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from assistant.export.csvout import render_csv
from assistant.export.escape import (
    MERMAID_MAX_TEXT,
    clean,
    md_inline,
    mermaid_actor,
    mermaid_actors,
    mermaid_task,
    mermaid_text,
)
from assistant.export.labels import LabelError, available_languages, load_labels
from assistant.export.slugs import Slugger, file_slug
from assistant.export.view import VIEW_TYPES, Report, build_report
from assistant.model import JourneyMap
from assistant.paths import exports_dir
from assistant.store import dump_map, write_atomic

FORMATS: Final = ("md", "json", "csv", "html", "mermaid")
FLAVORS: Final = ("github", "gitlab", "plain")
EXTENSIONS: Final = {"md": "md", "json": "json", "csv": "csv", "html": "html", "mermaid": "mmd"}
TEMPLATED: Final = ("md", "html", "mermaid")


class ExportError(Exception):
    """An export cannot be made. The message is one line, for a person."""


def slug(title: str) -> str:
    """File-name slug of a map title: `journey run` writes DIR/<slug>.json and DIR/<slug>.md."""
    return file_slug(title)


# -- environments -----------------------------------------------------------------------


def _html_text(value: object) -> Markup:
    """User text for HTML: escaped, bidi controls dropped, line breaks kept."""
    lines = clean(value).split("\n")
    return Markup("<br>\n").join(escape(line) for line in lines)


FILTERS: Final[dict[str, Callable[..., Any]]] = {
    "md": md_inline,
    "shown": clean,
    "mm_text": mermaid_text,
    "mm_task": mermaid_task,
    "mm_actor": mermaid_actor,
    "mm_actors": mermaid_actors,
    "h": _html_text,
}


# The view model's own dataclasses hold plain data only: reading one of their fields needs
# none of the sandbox's checks, and skipping them makes big maps several times faster.
_PLAIN_FIELDS: Final[dict[type, frozenset[str]]] = {
    cls: frozenset(f.name for f in dataclasses.fields(cls)) for cls in VIEW_TYPES
}
_PLAIN_FIELDS[LoopContext] = frozenset(
    {"index", "index0", "first", "last", "length", "revindex", "revindex0"}
)


class ReportEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with a fast path for data fields of the view model and label mappings."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        fields = _PLAIN_FIELDS.get(type(obj))
        if fields is not None and attribute in fields:
            return getattr(obj, attribute)
        if type(obj) is dict and attribute in obj and not hasattr(dict, attribute):
            return obj[attribute]
        return super().getattr(obj, attribute)


@cache
def environment(root: Path, *, html: bool) -> ImmutableSandboxedEnvironment:
    env = ReportEnvironment(
        loader=FileSystemLoader(str(root)),
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    return env


def _pick(env: ImmutableSandboxedEnvironment, names: list[str]) -> Template:
    try:
        return env.select_template(names)
    except TemplateNotFound:
        raise ExportError(f"no export template {names[0]} in {exports_dir()}") from None


def _run(template: Template, context: dict[str, Any], *, source: str) -> str:
    try:
        return template.render(context)
    except SecurityError as exc:
        raise ExportError(f"{source}: not allowed in a template ({_one_line(exc)})") from None
    except TemplateError as exc:
        raise ExportError(f"{source}: {_one_line(exc)}") from None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def _user_template(env: ImmutableSandboxedEnvironment, path: Path) -> Template:
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ExportError(f"{path}: no such template") from None
    except UnicodeDecodeError:
        raise ExportError(f"{path}: the template is not UTF-8 text") from None
    except OSError as exc:
        raise ExportError(f"{path}: cannot read the template ({exc.strerror or exc})") from None
    try:
        return env.from_string(source)
    except TemplateSyntaxError as exc:
        raise ExportError(f"{path}, line {exc.lineno}: {_one_line(exc)}") from None


# -- formats ----------------------------------------------------------------------------


def _check_options(fmt: str, flavor: str, lang: str | None, template: Path | None) -> None:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if flavor not in FLAVORS:
        raise ExportError(f"unknown flavor {flavor!r}; choose one of {', '.join(FLAVORS)}")
    if lang is not None and lang not in available_languages():
        choices = ", ".join(available_languages())
        raise ExportError(f"no report templates for language {lang!r}; choose one of {choices}")
    if template is not None and fmt not in TEMPLATED:
        raise ExportError(f"--template works with {', '.join(TEMPLATED)}, not {fmt}")


def _report(journey: JourneyMap, lang: str, flavor: str) -> Report:
    try:
        labels = load_labels(lang)
    except LabelError as exc:
        raise ExportError(str(exc)) from None
    return build_report(journey, labels, lang=lang, flavor=flavor)


def _context(report: Report, journey: JourneyMap, *, user: bool = False) -> dict[str, Any]:
    context: dict[str, Any] = {
        "report": report,
        "labels": report.labels,
        "toc": Slugger("gitlab" if report.flavor == "gitlab" else "github"),
    }
    if user:  # the raw map, as plain JSON data, for user templates only (it costs a dump)
        context["map"] = journey.model_dump(mode="json")
    return context


def _diagrams(report: Report, journey: JourneyMap) -> None:
    """Render the Mermaid sources once; the report templates embed them in fences."""
    root = exports_dir()
    env = environment(root, html=False)
    lang = report.lang
    journey_tpl = _pick(env, [f"{lang}/journey.mmd.j2", "_shared/journey.mmd.j2"])
    source = _run(journey_tpl, _context(report, journey), source=journey_tpl.name or "journey")
    report.journey_mermaid = source
    report.journey_too_large = len(source) > MERMAID_MAX_TEXT
    report.mermaid_max = MERMAID_MAX_TEXT
    if report.rated:
        quad_tpl = _pick(env, [f"{lang}/quadrant.mmd.j2", "_shared/quadrant.mmd.j2"])
        quad = _run(quad_tpl, _context(report, journey), source=quad_tpl.name or "quadrant")
        report.quadrant_mermaid = quad
        report.quadrant_too_large = len(quad) > MERMAID_MAX_TEXT


def render(
    journey: JourneyMap,
    fmt: str = "md",
    *,
    flavor: str = "github",
    lang: str | None = None,
    template: Path | None = None,
    excel: bool = False,
) -> str:
    """The map as text in one format. `excel` (CSV only) adds a UTF-8 byte-order mark."""
    _check_options(fmt, flavor, lang, template)
    # A report of a big map allocates millions of short-lived strings; the cyclic garbage
    # collector would rescan them again and again (superlinear time). Nothing here makes
    # cycles worth collecting, so it waits until the export is done.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _render(journey, fmt, flavor=flavor, lang=lang, template=template, excel=excel)
    finally:
        if paused:
            gc.enable()


def _render(
    journey: JourneyMap,
    fmt: str,
    *,
    flavor: str,
    lang: str | None,
    template: Path | None,
    excel: bool,
) -> str:
    language = lang or journey.language
    if fmt == "json":
        return dump_map(journey)
    if fmt == "csv":
        try:
            labels = load_labels(language)
        except LabelError as exc:
            raise ExportError(str(exc)) from None
        return render_csv(journey, labels, excel=excel)

    report = _report(journey, language, flavor)
    _diagrams(report, journey)
    if fmt == "mermaid" and template is None:
        return report.journey_mermaid
    env = environment(exports_dir(), html=fmt == "html")
    if template is not None:
        tpl = _user_template(env, template)
        source = str(template)
        try:
            return _run(tpl, _context(report, journey, user=True), source=source)
        except ExportError:
            raise
        except RecursionError:
            raise ExportError(f"{source}: the template recurses too deeply") from None
        except Exception as exc:  # a user template may fail in any way: report it in one line
            raise ExportError(f"{source}: {type(exc).__name__}: {_one_line(exc)}") from None
    name = {"md": "report.md.j2", "html": "report.html.j2"}[fmt]
    tpl = _pick(env, [f"{language}/{name}"])
    return _run(tpl, _context(report, journey), source=tpl.name or name)


def target_path(journey: JourneyMap, fmt: str, out: Path) -> Path:
    if out.is_dir():
        return out / f"{slug(journey.title)}.{EXTENSIONS[fmt]}"
    return out


def write(journey: JourneyMap, fmt: str, out: Path, **kwargs: Any) -> Path:
    """Render and save atomically; `out` may be a folder (then out/<slug>.<ext>)."""
    text = render(journey, fmt, **kwargs)
    path = target_path(journey, fmt, out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise ExportError(f"{path}: could not write ({exc.strerror or exc})") from None
    return path
