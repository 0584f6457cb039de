"""User templates run sandboxed: no files, no imports, no Python internals."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.export import ExportError, render
from assistant.store import load_map

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "fixtures" / "sarah-crm.en.json"

ESCAPES = [
    "{{ report.__class__ }}",
    "{{ report.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ render.__globals__ }}",
    "{{ labels.__class__ }}",
    "{{ toc.add.__func__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../../../etc/passwd' %}",
    "{% include '../pyproject.toml' %}",
    "{% import 'os' as os %}",
    "{% extends '/etc/hostname' %}",
    "{{ labels.update({'x': 1}) }}",
    "{{ report.stages.append(1) }}",
    "{{ map.clear() }}",
    "{{ '{0.__class__}'.format(report) }}",
    "{{ self._TemplateReference__context }}",
]


@pytest.fixture(scope="module")
def journey():  # type: ignore[no-untyped-def]
    return load_map(FIXTURE)


@pytest.mark.parametrize("source", ESCAPES)
def test_template_cannot_escape(source: str, tmp_path: Path, journey) -> None:  # type: ignore[no-untyped-def]
    template = tmp_path / "evil.j2"
    template.write_text(source, encoding="utf-8")
    with pytest.raises(ExportError) as info:
        render(journey, "md", template=template)
    message = str(info.value)
    assert "\n" not in message
    assert "root:" not in message


def test_template_cannot_poison_later_renders(tmp_path: Path, journey) -> None:  # type: ignore[no-untyped-def]
    before = render(journey, "md")
    template = tmp_path / "t.j2"
    template.write_text("{% set _ = labels.sections.update({'summary': 'HACKED'}) %}", "utf-8")
    with pytest.raises(ExportError):
        render(journey, "md", template=template)
    assert render(journey, "md") == before


def test_user_template_sees_the_report_and_builtin_macros(tmp_path: Path, journey) -> None:  # type: ignore[no-untyped-def]
    template = tmp_path / "mine.md.j2"
    template.write_text(
        '{% import "_shared/macros.md.j2" as m %}# {{ report.title|md }}\n'
        "{% for s in report.stages %}- {{ s.name|md }} {{ m.items_cell(s.actions) }}\n{% endfor %}"
        "{{ map.id }} {{ labels.sections.summary }}\n",
        encoding="utf-8",
    )
    text = render(journey, "md", template=template)
    assert text.startswith("# Sarah chooses a CRM\n- Awareness")
    assert "sarah-chooses-a-crm Summary" in text


def test_user_html_template_autoescapes(tmp_path: Path, journey) -> None:  # type: ignore[no-untyped-def]
    bad = journey.model_copy(update={"title": "<script>x()</script>"})
    template = tmp_path / "t.html.j2"
    template.write_text("<h1>{{ report.title }}</h1>", encoding="utf-8")
    assert render(bad, "html", template=template) == "<h1>&lt;script&gt;x()&lt;/script&gt;</h1>"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{% for %}", "line 1"),
        ("{{ nope.missing }}", "undefined"),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{% for i in range(10**9) %}{% endfor %}", "range"),
    ],
)
def test_bad_template_is_one_line(source: str, expected: str, tmp_path: Path, journey) -> None:  # type: ignore[no-untyped-def]
    template = tmp_path / "bad.j2"
    template.write_text(source, encoding="utf-8")
    with pytest.raises(ExportError, match=expected):
        render(journey, "md", template=template)


def test_template_for_json_or_csv_is_refused(tmp_path: Path, journey) -> None:  # type: ignore[no-untyped-def]
    template = tmp_path / "t.j2"
    template.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="--template works with"):
        render(journey, "csv", template=template)
    with pytest.raises(ExportError, match="no such template"):
        render(journey, "md", template=tmp_path / "missing.j2")
