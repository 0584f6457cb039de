"""`journey export`: formats, --out file and folder, --excel, one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from assistant.cli.main import main
from assistant.export import ExportError, render, slug, write
from assistant.store import load_map

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"
SARAH = FIXTURES / "sarah-crm.en.json"
BANQUE = FIXTURES / "banque-ouverture-compte.fr.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["export", *argv])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["md", "json", "csv", "html", "mermaid"])
def test_every_format_prints_to_stdout(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(SARAH), "--format", fmt)
    assert (code, err) == (0, "")
    assert out == render(load_map(SARAH), fmt)


def test_out_file_and_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.md"
    code, out, err = run(capsys, str(BANQUE), "--out", str(target), "--lang", "en")
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("# Ouverture d'un compte")
    assert "Current-state journey map" in target.read_text(encoding="utf-8")
    code, _, err = run(capsys, str(BANQUE), "-f", "html", "-o", str(tmp_path))
    assert code == 0
    made = tmp_path / "ouverture-d-un-compte-bancaire-en-ligne.html"
    assert made.is_file() and str(made) in err
    code, _, _ = run(capsys, str(SARAH), "-f", "mermaid", "-o", str(tmp_path))
    assert (tmp_path / "sarah-chooses-a-crm.mmd").read_text(encoding="utf-8").startswith("journey")


def test_excel_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, str(BANQUE), "-f", "csv", "--excel", "-o", str(tmp_path / "x.csv"))
    raw = (tmp_path / "x.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    run(capsys, str(BANQUE), "-f", "csv", "-o", str(tmp_path / "y.csv"))
    assert not (tmp_path / "y.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_bad_map_is_one_line_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x"}', encoding="utf-8")
    for path in (bad, tmp_path / "missing.json"):
        code, out, err = run(capsys, str(path))
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and err.startswith("journey: error:")


def test_bad_template_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "t.j2"
    template.write_text("{{ report.__class__.__mro__ }}", encoding="utf-8")
    code, out, err = run(capsys, str(SARAH), "--template", str(template))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "not allowed" in err
    template.write_text("{% if %}", encoding="utf-8")
    code, _, err = run(capsys, str(SARAH), "--template", str(template))
    assert code == 1 and err.count("\n") == 1


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, str(SARAH), "--format", "pdf")
    assert code == 2
    with pytest.raises(ExportError, match="unknown format"):
        render(load_map(SARAH), "pdf")
    with pytest.raises(ExportError, match="unknown flavor"):
        render(load_map(SARAH), "md", flavor="bitbucket")


def test_write_cannot_write_is_export_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="could not write"):
        write(load_map(SARAH), "md", blocker / "sub" / "r.md")


def test_slug() -> None:
    assert (
        slug("Ouverture d'un compte bancaire en ligne") == "ouverture-d-un-compte-bancaire-en-ligne"
    )
    assert slug("Sarah chooses a CRM") == "sarah-chooses-a-crm"
    assert slug("😀 / ..") == "journey-map"
    assert slug("Œuvre Straße") == "oeuvre-strasse"
    assert slug("CON") == "con-map"
    assert len(slug("x" * 500)) <= 80


def test_csv_rows_and_formula_guard() -> None:
    from export_checks import nasty_map

    journey = nasty_map()
    text = render(journey, "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 1 + sum(len(s.touchpoints) for s in journey.stages)
    assert all(len(row) == 10 for row in rows)
    assert rows[0][0] == "stage"
    for row in rows[1:]:
        for cell in row[:5] + row[6:9]:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert any(cell.startswith("'=SUM") for row in rows for cell in row)
    scores = [row[5] for row in rows[1:]]
    assert "-2" in scores  # numbers stay numbers (no quote, no guard)
    assert "\r\n-2," in text or ",-2," in text


def test_csv_is_french_in_french() -> None:
    text = render(load_map(BANQUE), "csv")
    assert text.startswith('"étape","personas"')
    assert "Réseaux sociaux" in text


def test_html_is_standalone() -> None:
    page = render(load_map(BANQUE), "html")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page and "<script" not in page and "<link" not in page
    assert "@media print" in page


def test_json_round_trips() -> None:
    journey = load_map(BANQUE)
    assert json.loads(render(journey, "json"))["id"] == journey.id
