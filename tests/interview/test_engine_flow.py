"""The interview's flow: follow-ups, suggestions, templates, who said it, nothing lost, bad input.

The workshop of tests/data/answers/sarah-crm.en.yaml is the script: tests play its first
answers to reach a question, then answer the way the case needs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.interview import Interview, Reply
from assistant.interview.transcript import load_transcript, transcript_path
from assistant.store import MapLockedError, load_map

ANSWERS = Path(__file__).resolve().parents[1] / "data" / "answers" / "sarah-crm.en.yaml"
SARAH: list[str] = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))["answers"]
# Where the script stands after N answers (the question asked next).
AT_STAGES = 14  # stages.confirm
AT_STAGE_1 = 15  # stage.goal of Awareness
AT_TOUCHPOINTS = 18  # stage.touchpoints of Awareness
FACILITATED = ["Workshop", "current", "goal", "scenario", "facilitated", "Claire", "Mehdi, Inès"]


def play(interview: Interview, answers: list[str]) -> Reply:
    """Answer in order; every answer must be taken."""
    reply = Reply()
    for text in answers:
        reply = interview.answer(text)
        refused = [m.text for m in reply.messages if m.tone in ("error", "warning")]
        assert not refused, (text, refused)
    return reply


def started(count: int, path: Path | None = None, **create: object) -> Interview:
    interview = Interview.create(path=path, language="en", **create)  # type: ignore[arg-type]
    interview.start()
    play(interview, SARAH[:count])
    return interview


def key(interview: Interview) -> str | None:
    return interview.question.key if interview.question else None


def texts(reply: Reply, tone: str | None = None) -> str:
    return "\n".join(m.text for m in reply.messages if tone is None or m.tone == tone)


# -- the whole workshop ------------------------------------------------------------------------


def test_the_scripted_workshop_runs_to_the_end(tmp_path: Path) -> None:
    path = tmp_path / "sarah.json"
    with started(len(SARAH), path) as interview:
        assert interview.finished
        assert interview.flush() is None
    journey = load_map(path)
    assert [s.name for s in journey.stages] == [
        "Awareness",
        "Consideration",
        "Purchase",
        "Retention",
        "Advocacy",
    ]
    assert len(journey.opportunities) == 5
    assert journey.parking_lot[0].text.startswith("Would a partner programme")
    consideration = journey.stages[1]
    assert consideration.touchpoints[0].name == "Review site (G2)"
    assert consideration.touchpoints[0].channel == "web"


# -- follow-ups -----------------------------------------------------------------------------


def test_negative_emotion_without_pain_asks_what_went_wrong_then_its_severity() -> None:
    interview = started(AT_TOUCHPOINTS)
    play(interview, ["Google search (web), Pricing page", "-2"])
    # a touchpoint without a channel: its channel is asked before its emotion
    assert key(interview) == "touchpoint.channel"
    assert interview.question is not None and "Pricing page" in interview.question.text
    assert [o.label for o in interview.question.options][:2] == ["web", "mobile app"]
    play(interview, ["web", "+1", "/skip"])  # no pain points listed
    assert key(interview) == "stage.negative_followup"
    question = interview.question
    assert question is not None and "Google search" in question.text and "😡" in question.text
    reply = play(interview, ["Every result is a paid listicle"])
    stage = interview.journey.stages[0]
    pain = stage.pain_points[-1]
    assert pain.text == "Every result is a paid listicle"
    assert pain.touchpoint_ids == [stage.touchpoints[0].id]
    assert pain.id in reply.changed_ids
    assert key(interview) == "pain.severity"
    assert interview.question is not None and interview.question.item_id == pain.id
    play(interview, ["severe"])
    assert pain.id == interview.journey.stages[0].pain_points[-1].id
    assert interview.journey.stages[0].pain_points[-1].severity == 3
    assert key(interview) == "stage.recap"  # explained now: not asked again


def test_negative_emotion_explained_by_a_linked_pain_is_not_followed_up() -> None:
    interview = started(AT_TOUCHPOINTS)
    play(interview, ["Google search (web)", "-1 worried", "Only ads", "2"])
    # the only touchpoint: the pain is linked to it without asking, or asked
    if key(interview) == "pain.touchpoints":
        play(interview, ["1"])
    assert key(interview) == "stage.recap"


def test_negative_followup_none_moves_on() -> None:
    interview = started(AT_TOUCHPOINTS)
    play(interview, ["Google search (web)", "-1", "/skip"])
    assert key(interview) == "stage.negative_followup"
    play(interview, ["none"])
    assert interview.journey.stages[0].pain_points == []
    assert key(interview) == "stage.recap"


@pytest.mark.parametrize(
    ("said", "score", "word"),
    [("frustrated", -1, "frustrated"), ("anxious", -1, "anxious"), ("delighted", 2, "delighted")],
)
def test_an_emotion_read_from_words_is_echoed_and_confirmed(
    said: str, score: int, word: str
) -> None:
    interview = started(AT_TOUCHPOINTS)
    play(interview, ["Google search (web)"])
    reply = play(interview, [said])
    echo = texts(reply, "echo")
    assert f"{score:+d}" in echo and word in echo
    assert key(interview) == "emotion.confirm"
    assert interview.question is not None and f"{score:+d}" in interview.question.text
    emotion = interview.journey.stages[0].touchpoints[0].emotion
    assert emotion is not None and emotion.provenance.how == "inferred"
    play(interview, [""])  # Enter confirms
    emotion = interview.journey.stages[0].touchpoints[0].emotion
    assert emotion is not None
    assert (emotion.score, emotion.word, emotion.provenance.how) == (score, word, "typed")


def test_a_wrong_inference_is_corrected_with_a_score() -> None:
    interview = started(AT_TOUCHPOINTS)
    play(interview, ["Google search (web)", "anxious", "-2"])
    emotion = interview.journey.stages[0].touchpoints[0].emotion
    assert emotion is not None
    assert (emotion.score, emotion.word, emotion.provenance.how) == (-2, "anxious", "typed")


@pytest.mark.parametrize("said", ["-1", "4/5", "+2 delighted"])
def test_a_stated_score_is_not_confirmed(said: str) -> None:
    interview = started(AT_TOUCHPOINTS)
    play(interview, ["Google search (web)", said])
    assert key(interview) != "emotion.confirm"


def test_emoji_emotions_are_confirmed_too() -> None:
    interview = started(AT_TOUCHPOINTS)
    play(interview, ["Google search (web)", "🙂"])
    assert key(interview) == "emotion.confirm"


def test_french_emotion_words() -> None:
    interview = Interview.create(path=None, language="fr")
    interview.start()
    assert interview.book.language == "fr"
    # French answers through the same flow: title, type, goal, scenario, mode, template...
    play(
        interview, ["Ouvrir un compte", "actuel", "Objectif", "Scénario", "seul", "aucun", "Sarah"]
    )
    play(interview, ["/skip"] * 6 + ["", "", "/skip", "/skip", "/skip", "Site web (web)"])
    assert key(interview) == "touchpoint.emotion"
    reply = play(interview, ["frustrée"])
    assert "-1" in texts(reply, "echo")
    assert key(interview) == "emotion.confirm"


def test_severe_pain_points_come_first_in_the_opportunities() -> None:
    first_opportunity = SARAH.index("Show the full price, onboarding included, on the pricing page")
    interview = started(first_opportunity)
    assert key(interview) == "opp.ideas"
    severities = []
    while key(interview) == "opp.ideas":
        assert interview.question is not None and interview.question.item_id is not None
        _, pain = next(
            (s, p)
            for s, p in interview.journey.iter_pain_points()
            if p.id == interview.question.item_id
        )
        severities.append(pain.severity)
        play(interview, ["none"])
    assert severities[0] == 3
    assert severities == sorted(severities, reverse=True)
    assert len(severities) == sum(1 for _ in interview.journey.iter_pain_points())


# -- suggestions and templates -----------------------------------------------------------------


def test_suggestions_are_offered_and_added_only_when_picked() -> None:
    interview = started(AT_STAGE_1 + 1)  # stage.actions
    question = interview.question
    assert question is not None and question.key == "stage.actions"
    offered = [o.label for o in question.suggestions]
    assert len(offered) >= 3
    assert [o.number for o in question.suggestions] == list(range(1, len(offered) + 1))
    play(interview, ["Reads a blog post"])  # typed: no suggestion sneaks in
    actions = interview.journey.stages[0].actions
    assert [(a.text, a.provenance.how) for a in actions] == [("Reads a blog post", "typed")]
    play(interview, ["/back", "1, 3, Asks a friend"])
    actions = interview.journey.stages[0].actions
    assert [(a.text, a.provenance.how) for a in actions] == [
        ("Reads a blog post", "typed"),
        (offered[0], "suggestion"),
        (offered[2], "suggestion"),
        ("Asks a friend", "typed"),
    ]


def test_a_picked_suggestion_is_not_offered_again() -> None:
    interview = started(AT_STAGE_1 + 1)
    assert interview.question is not None
    first = interview.question.suggestions[0].label
    play(interview, ["1", "/back"])
    assert interview.question is not None
    assert first not in [o.label for o in interview.question.suggestions]


def test_a_template_proposes_its_stages_and_its_items_as_template_suggestions() -> None:
    interview = Interview.create(path=None, language="en", template="banking-account-opening")
    interview.start()
    spec = interview.book.templates["banking-account-opening"]
    play(interview, SARAH[:5])  # title .. mode; the template question is not asked
    assert key(interview) == "personas.pick"
    play(interview, ["1", "Camille", "/skip", "/skip", "/skip", "/skip", "/skip", ""])
    assert key(interview) == "stages.confirm"
    assert interview.question is not None
    assert [o.label for o in interview.question.options] == [s.name for s in spec.stages]
    play(interview, [""])  # keep them
    stages = interview.journey.stages
    assert [s.name for s in stages] == [s.name for s in spec.stages]
    assert {s.provenance.how for s in stages} == {"template"}
    play(interview, ["/skip"])  # goal
    assert key(interview) == "stage.actions"
    assert interview.question is not None and interview.question.suggestions
    play(interview, ["1"])
    assert stages[0].actions[0].provenance.how == "template"
    assert stages[0].actions[0].text == interview.journey.stages[0].actions[0].text


def test_stages_can_be_renamed_reordered_and_added() -> None:
    interview = started(AT_STAGES)
    play(interview, ["2, 1, Onboarding"])
    assert [s.name for s in interview.journey.stages] == [
        "Consideration",
        "Awareness",
        "Onboarding",
    ]
    assert [s.provenance.how for s in interview.journey.stages] == [
        "suggestion",
        "suggestion",
        "typed",
    ]


# -- who said it -------------------------------------------------------------------------------


def _facilitated() -> Interview:
    interview = Interview.create(path=None, language="en")
    interview.start()
    play(interview, FACILITATED)
    play(interview, SARAH[5 : AT_STAGE_1 + 1])  # template .. stage goal
    assert key(interview) == "stage.actions"
    return interview


def test_at_name_credits_a_participant() -> None:
    interview = _facilitated()
    participants = {p.name: p.id for p in interview.journey.workshop.participants}
    assert set(participants) == {"Mehdi", "Inès"}
    reply = play(interview, ["@Mehdi the form is too long"])
    action = interview.journey.stages[0].actions[-1]
    assert action.text == "the form is too long"
    assert action.provenance.by == participants["Mehdi"]
    user = [m for m in reply.messages if m.role == "user"]
    assert [(m.text, m.by) for m in user] == [("the form is too long", "Mehdi")]


def test_at_ines_without_the_accent_and_as_command() -> None:
    interview = _facilitated()
    ines = next(p.id for p in interview.journey.workshop.participants if p.name == "Inès")
    play(interview, ["@ines Compares fees"])
    assert interview.journey.stages[0].actions[-1].provenance.by == ines
    play(interview, ["/back", "/as Inès", "Calls the bank"])
    assert interview.state.speaker == ines
    assert interview.journey.stages[0].actions[-1].provenance.by == ines
    play(interview, ["/back", "/as", "Reads the FAQ"])
    assert interview.journey.stages[0].actions[-1].provenance.by is None


def test_an_unknown_at_name_is_just_text() -> None:
    interview = _facilitated()
    play(interview, ["@home reads reviews"])
    action = interview.journey.stages[0].actions[-1]
    assert (action.text, action.provenance.by) == ("@home reads reviews", None)


def test_facilitated_workshops_vote_on_opportunities() -> None:
    interview = Interview.create(path=None, language="en")
    interview.start()
    play(interview, FACILITATED)
    play(interview, SARAH[5:-1])  # up to the review, which comes after the votes
    assert key(interview) == "votes.participant"
    play(interview, ["1x2, 4", "5 5 5"])
    opportunities = interview.journey.opportunities
    mehdi, ines = (p.id for p in interview.journey.workshop.participants)
    assert opportunities[0].votes == {mehdi: 2}
    assert opportunities[3].votes == {mehdi: 1}
    assert opportunities[4].votes == {ines: 3}
    assert key(interview) == "review"


def test_more_than_five_dots_is_refused() -> None:
    interview = Interview.create(path=None, language="en")
    interview.start()
    play(interview, FACILITATED)
    play(interview, SARAH[5:-1])
    reply = interview.answer("1x3, 2x3")
    assert not reply.accepted
    assert "6" in texts(reply, "error") and "5" in texts(reply, "error")


# -- nothing lost ------------------------------------------------------------------------------


def test_every_accepted_answer_is_saved_at_once(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    with Interview.create(path=path, language="en") as interview:
        interview.start()
        assert interview.flush() is None
        assert path.exists()
        for number, text in enumerate(SARAH[: AT_TOUCHPOINTS + 3], start=1):
            reply = interview.answer(text)
            assert interview.flush() is None
            saved = load_map(path)
            assert saved.interview is not None
            if reply.accepted:
                assert reply.saved
            assert saved.model_dump(exclude={"updated"}) == interview.journey.model_dump(
                exclude={"updated"}
            ), number


def test_open_continues_at_the_exact_question_with_the_transcript(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    with started(AT_TOUCHPOINTS + 2, path) as interview:
        question = interview.question
        assert question is not None
        transcript = list(interview.transcript)
    assert transcript_path(path) == tmp_path / "map.transcript.jsonl"
    assert load_transcript(transcript_path(path)) == transcript
    with Interview.open(path) as again:
        assert again.question is not None
        assert (again.question.key, again.question.item_id) == (question.key, question.item_id)
        assert again.transcript == transcript
        reply = again.start()
        assert "welcome back" in texts(reply).lower()
        assert reply.question is not None and reply.question.key == question.key
        play(again, SARAH[AT_TOUCHPOINTS + 2 : AT_TOUCHPOINTS + 4])
    with Interview.open(path) as third:
        assert third.state.answers == AT_TOUCHPOINTS + 4 - 1  # one /skip among them
        assert third.transcript[: len(transcript)] == transcript


def test_a_map_is_locked_while_open(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    first = started(3, path)
    with pytest.raises(MapLockedError):
        Interview.open(path)
    first.close()
    second = Interview.open(path)
    with pytest.raises(MapLockedError):
        Interview.open(path)
    second.close()
    Interview.open(path).close()


def test_a_finished_workshop_opens_finished(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    started(len(SARAH), path).close()
    with Interview.open(path) as again:
        assert again.finished
        reply = again.answer("more")
        assert "complete" in texts(reply, "warning")


# -- bad input ---------------------------------------------------------------------------------


def test_an_empty_answer_is_asked_again_with_the_help() -> None:
    interview = started(0)
    reply = interview.answer("   ")
    assert not reply.accepted
    assert key(interview) == "setup.title"
    assert interview.question is not None
    shown = texts(reply)
    assert interview.question.text in shown and interview.question.help in shown
    assert "/skip" in texts(reply, "warning")


def test_an_over_long_answer_is_refused_with_the_limit() -> None:
    interview = started(2)  # business goal: a paragraph
    reply = interview.answer("x" * 4001)
    assert not reply.accepted
    assert "4000" in texts(reply, "error") and "4001" in texts(reply, "error")
    assert interview.journey.scope.business_goal is None
    assert interview.answer("x" * 4000).accepted


def test_an_over_long_title_is_refused_with_the_line_limit() -> None:
    interview = started(0)
    reply = interview.answer("T" * 301)
    assert not reply.accepted
    assert "300" in texts(reply, "error")


def test_control_characters_are_stripped() -> None:
    interview = started(2)
    reply = play(interview, ["Raise\x00 conversion\x07 by\x1b[31m 5%\u2028now"])
    assert interview.journey.scope.business_goal == "Raise conversion by[31m 5% now"
    assert reply.accepted


@pytest.mark.parametrize(
    "text",
    ["{{ 7*7 }}", "{title} {0} %s", "<script>alert(1)</script>", "**bold** _it_ [x](http://e)"],
)
def test_templates_html_and_markdown_are_stored_verbatim(tmp_path: Path, text: str) -> None:
    path = tmp_path / "map.json"
    with started(2, path) as interview:
        reply = play(interview, [text])
        assert interview.journey.scope.business_goal == text
        assert reply.messages[0].text == text  # the user's line, as typed
        assert interview.flush() is None
    assert load_map(path).scope.business_goal == text


def test_lone_surrogates_from_invalid_utf8_do_not_crash(tmp_path: Path) -> None:
    broken = b"Caf\xe9 \xff title".decode("utf-8", errors="surrogateescape")
    path = tmp_path / "map.json"
    with started(0, path) as interview:
        reply = interview.answer(broken)
        assert reply.accepted
        assert interview.journey.title == "Caf  title"
        assert interview.flush() is None
    assert load_map(path).title == "Caf  title"
    assert load_transcript(transcript_path(path))


def test_a_refused_answer_changes_nothing() -> None:
    interview = started(AT_STAGES)
    before = interview.journey.model_dump()
    reply = interview.answer("1, 9")  # there are 5 stages to pick from
    assert not reply.accepted
    assert "9" in texts(reply, "error")
    assert interview.journey.model_dump() == before


@pytest.mark.parametrize(
    ("count", "answer"),
    [
        (8, "5"),  # persona.description offers 1 suggestion
        (AT_STAGE_1, "9"),  # stage.goal offers 1 suggestion
        (AT_STAGES, "1, 9"),  # 5 stages proposed
    ],
)
def test_a_pick_out_of_range_is_refused_not_a_crash(count: int, answer: str) -> None:
    """Found by the property test: handlers let parse_numbers' ParseError escape."""
    interview = started(count)
    reply = interview.answer(answer)
    assert not reply.accepted
    assert "is not an option" in texts(reply, "error")


def test_separators_alone_are_not_a_new_persona() -> None:
    """Found by the property test: "," at personas.more raised IndexError."""
    interview = started(13)
    assert key(interview) == "personas.more"
    reply = interview.answer(",")
    assert not reply.accepted
    assert len(interview.journey.personas) == 1
