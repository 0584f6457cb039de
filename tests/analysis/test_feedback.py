from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.analysis.checks import run_checks
from assistant.analysis.feedback import (
    MAX_QUOTES,
    FeedbackError,
    apply_import,
    detect_scale,
    parse_column_map,
    plan_import,
    read_feedback,
)
from assistant.analysis.scales import feedback_feeling, nps, to_emotion
from assistant.model import JourneyMap

FEEDBACK = Path(__file__).resolve().parent.parent / "data" / "feedback"


def table(text: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return read_feedback(text.encode("utf-8"), name="f.csv", **kwargs)  # type: ignore[arg-type]


def test_survey_plan_on_sarah(sarah: JourneyMap) -> None:
    data = (FEEDBACK / "sarah-survey.csv").read_bytes()
    plan = plan_import(sarah, read_feedback(data, name="sarah-survey.csv"))
    assert plan.scale == "csat" and plan.scale_detected
    kinds = {
        (m.stage_value, m.touchpoint_value): (m.kind, m.target_id, m.lines) for m in plan.matches
    }
    assert kinds[("Consideration", "Pricing page")] == ("exact", "tp-4", [2, 4])
    assert kinds[("consideration", "PRICING PAGE")] == ("exact", "tp-4", [3])
    assert kinds[("Retention", "tp-9")] == ("exact", "tp-9", [6])
    assert kinds[("Purchase", "Sales cal")] == ("close", "tp-6", [9])
    assert kinds[("Purchase", "")] == ("exact", "st-3", [10])
    assert kinds[("", "Mobile app")] == ("exact", "tp-10", [12])
    assert kinds[("Checkout", "Basket")] == ("none", None, [11])
    assert plan.unmatched_rows == 1 and plan.matched_rows == 10
    stats = {t.target_id: t for t in plan.targets}
    assert [t.target_id for t in plan.targets] == ["tp-4", "st-3", "tp-6", "tp-8", "tp-9", "tp-10"]
    pricing = stats["tp-4"]
    assert (pricing.answers, round(pricing.mean or 0, 2), pricing.workshop, pricing.disagrees) == (
        3,
        1.67,
        -2,
        False,
    )
    wizard = stats["tp-8"]
    assert (wizard.mean, wizard.feeling, wizard.workshop, wizard.disagrees) == (5.0, 2.0, -1, True)
    assert stats["st-3"].workshop is None and not stats["st-3"].disagrees


def test_apply_stores_a_summary_and_quotes(sarah: JourneyMap) -> None:
    data = (FEEDBACK / "sarah-survey.csv").read_bytes()
    plan = plan_import(sarah, read_feedback(data, name="sarah-survey.csv"))
    before = sarah.model_dump()
    result, added = apply_import(sarah, plan)
    assert sarah.model_dump() == before  # the input map is not touched
    pricing = result.stages[1].touchpoints[1]
    summary, *quotes = pricing.evidence
    assert (summary.metric, summary.score, summary.quote, summary.source, summary.date) == (
        "CSAT 1-5",
        1.67,
        None,
        "sarah-survey.csv: 3 answers",
        dt.date(2026, 2, 10),
    )
    assert summary.provenance.how == "imported"
    assert [q.quote for q in quotes] == [
        "Couldn't tell what a seat costs, with onboarding",  # most recent first
        "The onboarding fee only shows at checkout, felt tricked",
    ]
    assert quotes[0].source == "Survey (sarah-survey.csv, line 4)"
    assert (quotes[0].score, quotes[0].metric) == (2.0, "CSAT 1-5")
    assert result.stages[2].evidence[0].source == "sarah-survey.csv: 1 answer"
    assert added == sum(len(tp.evidence) for _, tp in result.iter_touchpoints()) + sum(
        len(s.evidence) for s in result.stages
    )
    # The check now sees the disagreement on the import wizard, and counts summaries only.
    assert feedback_feeling(result.stages[3].touchpoints[0]) == 2.0
    assert "tp-8" in {
        f.item_id for f in run_checks(result) if f.code == "emotion-contradicts-feedback"
    }


def test_quotes_are_capped(sarah: JourneyMap) -> None:
    rows = "".join(f"Pricing page,{1 + i % 5},comment {i}\n" for i in range(40))
    plan = plan_import(sarah, table("touchpoint,score,comment\n" + rows))
    result, _ = apply_import(sarah, plan)
    evidence = result.stages[1].touchpoints[1].evidence
    assert len(evidence) == 1 + MAX_QUOTES
    assert evidence[0].source == "f.csv: 40 answers"


def test_nps_scale_and_figure(sarah: JourneyMap) -> None:
    plan = plan_import(
        sarah,
        table("touchpoint,nps\nSupport chat,10\nSupport chat,9\nSupport chat,3\nSupport chat,8\n"),
    )
    assert plan.scale == "nps"
    (stats,) = plan.targets
    assert stats.nps == 25  # 2 promoters, 1 detractor, 4 answers
    result, _ = apply_import(sarah, plan)
    assert result.stages[3].touchpoints[1].evidence[0].source == "f.csv: 4 answers, NPS +25"


@pytest.mark.parametrize(
    ("values", "scale"),
    [
        ([1, 2, 5], "csat"),
        ([0, 7, 10], "nps"),
        ([3, 6], "nps"),
        ([-2, 1], "emotion"),
        ([0, 1, 2], "emotion"),
        ([0, 4], "nps"),
    ],
)
def test_detect_scale(values: list[float], scale: str) -> None:
    assert detect_scale(values) == scale


def test_scale_mapping() -> None:
    assert [to_emotion(v, "csat") for v in (1, 3, 5)] == [-2, 0, 2]
    assert [to_emotion(v, "nps") for v in (0, 5, 10)] == [-2, 0, 2]
    assert to_emotion(-1, "emotion") == -1
    assert nps([]) is None and nps([6, 6]) == -100


def test_forced_scale_rejects_out_of_range_with_line(sarah: JourneyMap) -> None:
    t = table("touchpoint,score\nSupport chat,4\nSupport chat,7\n")
    with pytest.raises(
        FeedbackError, match=r"^f\.csv: line 3: score 7 is outside the CSAT 1-5 scale$"
    ):
        plan_import(sarah, t, "csat")
    t = table("touchpoint,score\nSupport chat,-1\nSupport chat,7\n")
    with pytest.raises(
        FeedbackError, match=r"line 3: score 7 is outside the emotion -2\.\.\+2 scale \(detected"
    ):
        plan_import(sarah, t)


def test_column_map_and_semicolons(banque: JourneyMap) -> None:
    data = (FEEDBACK / "banque-csat-semicolon.csv").read_bytes()
    t = read_feedback(data, name="b.csv")
    assert t.columns == {
        "stage": "Étape",
        "touchpoint": "Point de contact",
        "score": "Note",
        "comment": "Commentaire",
    }
    plan = plan_import(banque, t)
    assert [(m.kind, m.target_id) for m in plan.matches] == [("exact", "tp-7")]
    t = table(
        "Step,Where,Stars\nAchat,rendez-vous en agence,2\n",
        columns=parse_column_map("stage=step, touchpoint=Where,score=Stars"),
    )
    assert plan_import(banque, t).matches[0].target_id == "tp-7"


def test_ambiguous_touchpoint_names_need_a_stage(sarah: JourneyMap) -> None:
    sarah.stages[0].touchpoints[1].name = "Pricing page"
    plan = plan_import(sarah, table("touchpoint,score\nPricing page,2\n"))
    assert plan.matches[0].kind == "none"
    assert "several stages" in plan.matches[0].reason


BAD = [
    (b"", "f.csv: the file is empty"),
    (b"  \n", "f.csv: the file is empty"),
    (b"touchpoint,score\n", "f.csv: line 1: a header but no rows of feedback"),
    (
        b"who,what\nPricing page,2\n",
        "f.csv: line 1: no stage or touchpoint column (columns: who, what); name one with --map-columns touchpoint=COLUMN",
    ),
    (
        b"touchpoint,score\nPricing page,2\nSupport chat,great\n",
        "f.csv: line 3: score 'great' is not a number",
    ),
    (b"touchpoint,score\nPricing page,nan\n", "f.csv: line 2: score 'nan' is not a number"),
    (
        b"touchpoint,score\nPricing page,2,3,4\n",
        "f.csv: line 2: expected 2 fields like the header, found 4 (a separator or a quote out of place?)",
    ),
    (
        b"touchpoint,score\nPricing page,2\nSupport chat,4\n\xe9t\xe9,3\n",
        "f.csv: line 4: not UTF-8 text (byte 47); export it again as \u201cCSV UTF-8\u201d",
    ),
    (
        b"touchpoint,date\nPricing page,03/04/2026\n",
        "f.csv: line 2: date '03/04/2026' is not YYYY-MM-DD",
    ),
    (
        b'touchpoint,comment\nPricing page,"unterminated\n',
        "f.csv: line 2: not valid CSV (unexpected end of data)",
    ),
    (b"touchpoint,comment\nPricing\x00 page,x\n", "f.csv: line 2: binary data (NUL bytes)"),
    ("touchpoint,score\n".encode("utf-16"), "f.csv: line 1: binary data (NUL bytes)"),
]


@pytest.mark.parametrize(("data", "message"), BAD)
def test_malformed_files_give_one_line_errors(data: bytes, message: str) -> None:
    with pytest.raises(FeedbackError) as info:
        read_feedback(data, name="f.csv")
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_missing_mapped_column() -> None:
    with pytest.raises(
        FeedbackError,
        match=r"^f\.csv: line 1: no column 'Stars' for score \(columns: touchpoint, score\)$",
    ):
        table("touchpoint,score\nx,1\n", columns={"score": "Stars"})


@pytest.mark.parametrize("spec", ["stage", "colour=Red", "stage="])
def test_bad_column_map(spec: str) -> None:
    with pytest.raises(FeedbackError, match="--map-columns"):
        parse_column_map(spec)


def test_bom_blank_lines_and_control_characters(sarah: JourneyMap) -> None:
    t = read_feedback(
        '\ufefftouchpoint,score,comment\n\nPricing page,+2,"two\nlines\x07"\n'.encode(),
        name="f.csv",
    )
    (row,) = t.rows
    assert (row.line, row.score, row.comment) == (4, 2.0, "two\nlines")


def test_emotion_scale_and_decimal_comma(sarah: JourneyMap) -> None:
    plan = plan_import(sarah, table('touchpoint,score\nPricing page,"-1,5"\n'))
    assert plan.scale == "emotion" and plan.targets[0].mean == -1.5


def test_fixture_feedback_files_exist() -> None:
    assert Path(FEEDBACK / "sarah-survey.csv").is_file()
