"""Commands typed as answers: /help /back /skip /undo /edit /summary /suggest /park /note
/save /export /quit /as, and what an unknown command gets."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.interview import Interview, Reply
from assistant.interview.commands import COMMANDS
from assistant.interview.transcript import load_transcript, transcript_path
from assistant.store import load_map

ANSWERS = Path(__file__).resolve().parents[1] / "data" / "answers" / "sarah-crm.en.yaml"
SARAH: list[str] = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))["answers"]
AT_STAGE_1 = 15  # stage.goal of Awareness
AT_TOUCHPOINTS = 18


def play(interview: Interview, answers: list[str]) -> Reply:
    reply = Reply()
    for text in answers:
        reply = interview.answer(text)
        refused = [m.text for m in reply.messages if m.tone in ("error", "warning")]
        assert not refused, (text, refused)
    return reply


def started(count: int, path: Path | None = None) -> Interview:
    interview = Interview.create(path=path, language="en")
    interview.start()
    play(interview, SARAH[:count])
    return interview


def key(interview: Interview) -> str | None:
    return interview.question.key if interview.question else None


def texts(reply: Reply, tone: str | None = None) -> str:
    return "\n".join(
        m.text for m in reply.messages if m.role == "assistant" and (tone is None or m.tone == tone)
    )


# -- help and unknown commands -------------------------------------------------------------------


def test_help_shows_the_question_help_examples_and_every_command() -> None:
    interview = started(0)
    reply = interview.answer("/help")
    assert reply.action == "help"
    assert not reply.accepted
    shown = texts(reply)
    assert interview.question is not None
    assert interview.question.help in shown
    assert "Sarah chooses a CRM" in shown  # an example of the title question
    for name in COMMANDS:
        assert f"`/{name}" in shown
    assert key(interview) == "setup.title"  # the question is still open
    assert reply.question is not None and reply.question.key == "setup.title"


def test_question_mark_is_help() -> None:
    assert started(0).answer("/?").action == "help"


@pytest.mark.parametrize("command", ["/frobnicate", "/HELPME", "/ back"])
def test_an_unknown_command_gets_the_list(command: str) -> None:
    interview = started(1)
    reply = interview.answer(command)
    assert not reply.accepted
    assert "Unknown command" in texts(reply, "warning")
    for name in COMMANDS:
        assert f"`/{name}" in texts(reply)
    assert key(interview) == "setup.map_type"


def test_commands_are_case_insensitive() -> None:
    interview = started(1)
    assert interview.answer("/HELP").action == "help"


def test_a_double_slash_is_an_answer_starting_with_a_slash() -> None:
    interview = started(0)
    play(interview, ["//slash title"])
    assert interview.journey.title == "/slash title"


# -- back, skip, undo ------------------------------------------------------------------------------


def test_back_twice_then_answer_again_keeps_later_answers() -> None:
    interview = started(AT_STAGE_1)
    play(interview, ["Find a CRM", "Reads reviews, Compares prices", "Is it worth it?"])
    assert key(interview) == "stage.touchpoints"
    reply = play(interview, ["/back"])
    assert "Later answers are kept" in texts(reply, "echo")
    assert key(interview) == "stage.thoughts"
    play(interview, ["/back"])
    assert key(interview) == "stage.actions"
    assert interview.question is not None
    assert interview.question.current == "Reads reviews\nCompares prices"  # shown again
    play(interview, ["Asks a colleague"])
    stage = interview.journey.stages[0]
    assert [a.text for a in stage.actions] == [
        "Reads reviews",
        "Compares prices",
        "Asks a colleague",
    ]
    assert [t.text for t in stage.thoughts] == ["Is it worth it?"]
    assert stage.customer_goal == "Find a CRM"
    assert key(interview) == "stage.thoughts"


def test_back_to_a_text_question_replaces_only_that_answer() -> None:
    interview = started(3)
    play(interview, ["/back", "/back", "/back"])
    assert key(interview) == "setup.title"
    play(interview, ["New title"])
    assert interview.journey.title == "New title"
    assert interview.journey.map_type == "current"
    assert interview.journey.scope.business_goal == SARAH[2]


def test_back_at_the_first_question() -> None:
    interview = started(0)
    reply = interview.answer("/back")
    assert "no earlier question" in texts(reply, "warning")
    assert key(interview) == "setup.title"


def test_undo_reports_what_was_undone_and_restores_the_map() -> None:
    interview = started(AT_STAGE_1)
    play(interview, ["Find a CRM", "Reads reviews, Compares prices"])
    reply = play(interview, ["/undo"])
    assert "Reads reviews, Compares prices" in texts(reply, "echo")
    assert reply.accepted
    assert interview.journey.stages[0].actions == []
    assert interview.journey.stages[0].customer_goal == "Find a CRM"
    assert key(interview) == "stage.actions"
    reply = play(interview, ["/undo"])
    assert "Find a CRM" in texts(reply, "echo")
    assert interview.journey.stages[0].customer_goal is None
    assert key(interview) == "stage.goal"


def test_undo_after_back_does_not_lose_later_answers() -> None:
    interview = started(AT_STAGE_1)
    play(interview, ["Find a CRM", "Reads reviews", "Is it worth it?", "/back", "/back"])
    play(interview, ["Asks a colleague", "/undo"])
    stage = interview.journey.stages[0]
    assert [a.text for a in stage.actions] == ["Reads reviews"]
    assert [t.text for t in stage.thoughts] == ["Is it worth it?"]


def test_undo_with_nothing_to_undo() -> None:
    interview = started(0)
    reply = interview.answer("/undo")
    assert "Nothing to undo" in texts(reply, "warning")


def test_undo_is_saved(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    with started(1, path) as interview:
        play(interview, ["/undo"])
        assert interview.flush() is None
    saved = load_map(path)
    assert saved.title == "Untitled journey map"
    assert saved.interview is not None and saved.interview.cursor is not None
    assert saved.interview.cursor.key == "setup.title"


def test_skip_an_optional_question() -> None:
    interview = started(2)
    reply = play(interview, ["/skip"])
    assert "Skipped" in texts(reply, "echo")
    assert interview.journey.scope.business_goal is None
    assert key(interview) == "setup.scenario"


def test_a_needed_question_cannot_be_skipped() -> None:
    interview = Interview.create(path=None)  # no language given: it is asked first
    interview.start()
    assert key(interview) == "setup.language"
    reply = interview.answer("/skip")
    assert "needed" in texts(reply, "warning")
    assert key(interview) == "setup.language"


# -- edit ------------------------------------------------------------------------------------------


def test_edit_by_id_and_by_name() -> None:
    interview = started(AT_STAGE_1)
    stage_id = interview.journey.stages[0].id
    reply = play(interview, [f"/edit {stage_id} = Discovery"])
    assert reply.accepted and reply.changed_ids == [stage_id]
    assert interview.journey.stages[0].name == "Discovery"
    assert "Discovery" in texts(reply, "echo")
    play(interview, ["/edit consideration = Comparison"])
    assert interview.journey.stages[1].name == "Comparison"
    assert key(interview) == "stage.goal"  # editing does not move the interview


def test_edit_without_a_value_shows_the_current_text() -> None:
    interview = started(AT_STAGE_1)
    reply = play(interview, ["/edit st-1"])
    assert "Awareness" in texts(reply)
    assert not reply.accepted


@pytest.mark.parametrize(
    ("command", "expected"),
    [("/edit", "Usage"), ("/edit nothing-like-this = x", "No item"), ("/edit = x", "Usage")],
)
def test_edit_mistakes(command: str, expected: str) -> None:
    interview = started(AT_STAGE_1)
    reply = interview.answer(command)
    assert expected in texts(reply, "warning")
    assert not reply.accepted


def test_a_refused_edit_changes_nothing() -> None:
    interview = started(AT_STAGE_1)
    reply = interview.answer("/edit st-1 = " + "x" * 301)  # a stage name is one line
    assert not reply.accepted
    assert "300" in texts(reply, "error")
    assert interview.journey.stages[0].name == "Awareness"


def test_edit_can_be_undone() -> None:
    interview = started(AT_STAGE_1)
    play(interview, ["/edit st-1 = Discovery", "/undo"])
    assert interview.journey.stages[0].name == "Awareness"


def test_edit_keeps_the_transcript_file_and_memory_the_same(tmp_path: Path) -> None:
    """/edit used to write its lines twice to NAME.transcript.jsonl, and a refused /edit
    removed the previous question from the transcript in memory."""
    path = tmp_path / "map.json"
    with started(AT_STAGE_1, path) as interview:
        before = list(interview.transcript)
        interview.answer("/edit st-1 = Discovery")
        interview.answer("/edit st-1 = " + "x" * 301)
        assert interview.transcript[: len(before)] == before
        assert [m.text for m in interview.transcript[len(before) :] if m.role == "user"] == [
            "/edit st-1 = Discovery",
            "/edit st-1 = " + "x" * 301,
        ]
        assert load_transcript(transcript_path(path)) == interview.transcript


# -- summary, suggest, park, note ---------------------------------------------------------------


def test_summary() -> None:
    interview = started(AT_TOUCHPOINTS)
    reply = interview.answer("/summary")
    assert reply.action == "summary"
    shown = texts(reply)
    assert "Sarah chooses a CRM" in shown and "Awareness" in shown
    assert key(interview) == "stage.touchpoints"


def test_suggest_lists_numbered_suggestions() -> None:
    interview = started(AT_STAGE_1 + 1)  # stage.actions
    assert interview.question is not None
    reply = interview.answer("/suggest")
    first = interview.question.suggestions[0].label
    assert f"1. {first}" in texts(reply)
    assert interview.journey.stages[0].actions == []  # offered, not added


def test_suggest_without_suggestions() -> None:
    reply = started(0).answer("/suggest")
    assert "No suggestions" in texts(reply)


def test_park_and_note_keep_the_question(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    with started(AT_STAGE_1, path) as interview:
        reply = play(interview, ["/park Partner programme for agencies?"])
        assert reply.accepted and "Parked" in texts(reply, "echo")
        play(interview, ["/note Ask Claire for the churn figures"])
        assert key(interview) == "stage.goal"
        assert interview.flush() is None
    saved = load_map(path)
    assert [i.text for i in saved.parking_lot] == ["Partner programme for agencies?"]
    assert [n.text for n in saved.notes] == ["Ask Claire for the churn figures"]


@pytest.mark.parametrize("command", ["/park", "/note"])
def test_park_and_note_need_text(command: str) -> None:
    reply = started(0).answer(command)
    assert "Usage" in texts(reply, "warning")


# -- save, export, quit, as --------------------------------------------------------------------------


def test_save_to_another_path_moves_the_map_and_its_transcript(tmp_path: Path) -> None:
    interview = started(3)  # in memory: no file yet
    reply = interview.answer("/save")
    assert "/save <path>" in texts(reply, "warning")
    target = tmp_path / "sub" / "copy.json"
    reply = interview.answer(f"/save {target}")
    assert reply.saved and reply.action == "saved"
    assert str(target) in texts(reply, "success")
    assert interview.flush() is None
    assert load_map(target).title == SARAH[0]
    assert load_transcript(transcript_path(target))
    play(interview, [SARAH[3]])
    assert interview.flush() is None
    assert load_map(target).scope.scenario == SARAH[3]
    interview.close()


def test_export_and_quit_are_actions_for_the_front_end(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    with started(2, path) as interview:
        assert interview.answer("/export").action == "export"
        reply = interview.answer("/quit")
        assert reply.action == "quit"
        assert str(path) in texts(reply)


def test_as_names_the_speaker() -> None:
    interview = Interview.create(path=None, language="en")
    interview.start()
    play(interview, ["W", "current", "g", "s", "facilitated", "Claire", "Mehdi, Inès"])
    reply = play(interview, ["/as Inès"])
    assert "Inès" in texts(reply, "echo")
    ines = interview.journey.workshop.participants[1].id
    assert interview.state.speaker == ines
    reply = interview.answer("/as Zoe")
    assert "Mehdi, Inès" in texts(reply, "warning")
    assert interview.state.speaker == ines
    play(interview, ["/as"])
    assert interview.state.speaker is None
