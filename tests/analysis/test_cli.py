"""The four analysis commands, run through `journey` main() as a user would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.cli.main import main
from assistant.store import load_map

DATA = Path(__file__).resolve().parent.parent / "data"
SARAH = DATA / "fixtures" / "sarah-crm.en.json"
BANQUE = DATA / "fixtures" / "banque-ouverture-compte.fr.json"
BLUEPRINT = DATA / "fixtures" / "blueprint-branch-visit.en.json"
SURVEY = DATA / "feedback" / "sarah-survey.csv"


@pytest.fixture
def sarah_path(tmp_path: Path) -> Path:
    target = tmp_path / "sarah.json"
    shutil.copyfile(SARAH, target)
    return target


# -- check ----------------------------------------------------------------------------------


def test_check_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SARAH)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "warning  stages[0].touchpoints[0]  [negative-emotion-without-pain-point]"
    assert (
        lines[1]
        == "         Touchpoint “Google search” (Awareness) feels negative (-1) but no pain point explains it."
    )
    assert (
        lines[2]
        == "         → Add a pain point for this touchpoint, or link an existing one to it."
    )
    assert lines[-1] == f"{SARAH}: 0 errors, 5 warnings, 12 info"


def test_check_strict_fails_on_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SARAH), "--strict"]) == 1
    assert "(--strict: warnings fail the check)" in capsys.readouterr().out
    assert main(["check", str(BLUEPRINT), "--strict"]) == 0  # info only


def test_check_json_with_prioritisation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(BANQUE), "--format", "json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {"error": 0, "warning": 10, "info": 12}
    first = data["findings"][0]
    assert first == {
        "code": "persona-unused",
        "severity": "warning",
        "path": "personas[0]",
        "item_id": "per-1",
        "stage_id": None,
        "message": "Persona “Camille” is not linked to any touchpoint.",
        "fix": "Say which touchpoints this persona uses, or remove the persona from this map.",
        "params": {"persona": "Camille"},
    }
    prio = data["prioritisation"]
    assert [r["id"] for r in prio["ranked"]] == ["opp-1", "opp-2", "opp-3", "opp-5", "opp-4"]
    assert prio["quadrants"]["quick_win"] == ["opp-2", "opp-4"]


def test_check_french_by_default_for_a_french_map(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(BANQUE)])
    assert "Le persona « Camille » n'est relié à aucun point de contact." in capsys.readouterr().out


def test_check_error_exits_1_even_without_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text('{"id": "e", "title": "Empty"}', encoding="utf-8")
    assert main(["check", str(empty)]) == 1
    assert "error    stages  [map-without-stages]" in capsys.readouterr().out


def test_check_broken_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["check", str(bad)]) == 1
    assert capsys.readouterr().err.startswith(f"journey: error: {bad}: line 1")


# -- import-feedback ------------------------------------------------------------------------


def test_import_feedback_saves_evidence(
    sarah_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import-feedback", str(sarah_path), str(SURVEY), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "  close  “Purchase” / “Sales cal”" in out
    assert "→ tp-6 Sales call (Purchase): 1 row" in out
    assert "  none   “Checkout” / “Basket”" in out and "1 row NOT imported (line 11)" in out
    assert "1 row matched nothing and is NOT imported" in out
    assert "tp-8 CSV import wizard" in out and "⚠ disagrees with the workshop" in out
    journey = load_map(sarah_path)
    pricing = journey.stages[1].touchpoints[1]
    assert [e.id for e in pricing.evidence] == ["ev-1", "ev-2", "ev-3"]
    assert pricing.evidence[0].score == 1.67
    assert all(e.provenance.how == "imported" for e in pricing.evidence)
    assert sarah_path.with_name("sarah.json.bak").read_bytes() == SARAH.read_bytes()
    assert not sarah_path.with_name("sarah.json.lock").exists()


def test_close_matches_need_yes(
    sarah_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    before = sarah_path.read_bytes()
    assert main(["import-feedback", str(sarah_path), str(SURVEY)]) == 1
    assert "re-run with --yes; the map is unchanged" in capsys.readouterr().err
    assert sarah_path.read_bytes() == before


def test_close_matches_interactive(sarah_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    before = sarah_path.read_bytes()
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main(["import-feedback", str(sarah_path), str(SURVEY)]) == 1
    assert sarah_path.read_bytes() == before
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    assert main(["import-feedback", str(sarah_path), str(SURVEY)]) == 0
    assert sarah_path.read_bytes() != before


def test_dry_run_writes_nothing(sarah_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sarah_path.read_bytes()
    assert main(["import-feedback", str(sarah_path), str(SURVEY), "--yes", "--dry-run"]) == 0
    assert "Dry run: would add 13 evidence item(s)" in capsys.readouterr().out
    assert sarah_path.read_bytes() == before
    assert not sarah_path.with_name("sarah.json.bak").exists()


MALFORMED = [
    (b"", "the file is empty"),
    (b"Name,Stars\nPricing page,2\n", "line 1: no stage or touchpoint column"),
    (
        b"touchpoint,score\nPricing page,2\nPricing page,lots\n",
        "line 3: score 'lots' is not a number",
    ),
    (b"touchpoint,score\nPricing page,2\nPricing page,\xff\n", "line 3: not UTF-8 text"),
    (b"touchpoint,score\nPricing page,2\nPricing page\n", "line 3: expected 2 fields"),
    (b"touchpoint,score\nCheckout,2\n", "no row of bad.csv matched"),
]


@pytest.mark.parametrize(("content", "message"), MALFORMED)
def test_malformed_csv_leaves_the_map_byte_identical(
    sarah_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    message: str,
) -> None:
    csv_path = tmp_path / "bad.csv"
    csv_path.write_bytes(content)
    before = sarah_path.read_bytes()
    assert main(["import-feedback", str(sarah_path), str(csv_path), "--yes"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("journey: error: ") and message in err
    assert err.count("\n") == 1
    assert sarah_path.read_bytes() == before
    assert sorted(p.name for p in sarah_path.parent.iterdir()) == ["bad.csv", "sarah.json"]


def test_forced_scale_out_of_range(
    sarah_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = tmp_path / "nps.csv"
    csv_path.write_text("touchpoint,score\nPricing page,9\n", encoding="utf-8")
    assert main(["import-feedback", str(sarah_path), str(csv_path), "--scale", "csat"]) == 1
    assert "line 2: score 9 is outside the CSAT 1-5 scale" in capsys.readouterr().err


def test_bad_column_map_option(sarah_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import-feedback", str(sarah_path), str(SURVEY), "--map-columns", "colour=X"]) == 1
    assert "--map-columns: unknown field 'colour'" in capsys.readouterr().err


# -- future and diff ------------------------------------------------------------------------


def test_future_then_diff(
    sarah_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "maps" / "future.json"
    assert main(["future", str(sarah_path), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "5 planned change(s):" in text and f"Next: journey resume {out}" in text
    future = load_map(out)
    assert future.map_type == "future"
    assert future.derived_from is not None and future.derived_from.path == "../sarah.json"
    before = out.read_bytes()
    assert main(["future", str(sarah_path), "--out", str(out)]) == 1
    assert "already exists; use --force" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert main(["future", str(sarah_path), "--out", str(out), "--force"]) == 0
    capsys.readouterr()

    assert main(["diff", str(sarah_path), str(out), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["no_changes"] is False
    assert {k: v for k, v in data["counts"].items() if v} == {"opportunities_status": 5}
    assert [(c["id"], c["before"], c["after"]) for c in data["opportunities_status"]] == [
        (f"opp-{n}", "idea", "planned") for n in range(1, 6)
    ]
    assert main(["diff", str(sarah_path), str(out)]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# Changes: Sarah chooses a CRM → Sarah chooses a CRM — future state\n")
    assert "| Opportunity status changes | 5 |" in md


def test_future_refuses_a_future_map(
    tmp_path: Path, sarah_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "f.json"
    main(["future", str(sarah_path), "--out", str(out)])
    assert main(["future", str(out), "--out", str(tmp_path / "g.json")]) == 1
    assert "already a future-state map" in capsys.readouterr().err


def test_diff_with_itself(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(BANQUE), str(BANQUE)]) == 0
    assert "Aucun changement" in capsys.readouterr().out
    assert main(["diff", str(SARAH), str(SARAH), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["no_changes"] is True and not any(data["counts"].values())


def test_ten_thousand_rows_import_quickly(
    sarah_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import time

    names = [
        ("Consideration", "Pricing page"),
        ("Retention", "Support chat"),
        ("Retention", "CSV import wizard"),
    ]
    rows = ["Stage,Touchpoint,CSAT,Comment,Date"]
    rows += [
        f"{names[i % 3][0]},{names[i % 3][1]},{1 + i % 5},{'ok' if i % 4 == 0 else ''},2026-01-{1 + i % 28:02d}"
        for i in range(10_000)
    ]
    csv_path = tmp_path / "big.csv"
    csv_path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    start = time.perf_counter()
    assert main(["import-feedback", str(sarah_path), str(csv_path)]) == 0
    assert time.perf_counter() - start < 2.0
    journey = load_map(sarah_path)
    summary = journey.stages[1].touchpoints[1].evidence[0]
    assert summary.source == "big.csv: 3,334 answers" or summary.source == "big.csv: 3334 answers"
    assert len(journey.stages[1].touchpoints[1].evidence) == 6
