"""Opportunities (worst pain first), dot votes, and the closing review."""

from __future__ import annotations

from collections.abc import Callable

from assistant.interview.answers import list_items, pick_one
from assistant.interview.context import AnswerError, Ctx, Outcome
from assistant.interview.flow import Step
from assistant.interview.parsing import ParseError, fold, is_word, parse_rating, parse_votes
from assistant.interview.registry import Choice, Handler, Suggestion, register
from assistant.model import Cursor, Opportunity

DOTS_PER_PARTICIPANT = 5


def _pain_values(ctx: Ctx, step: Step) -> dict[str, str]:
    stage, pain = ctx.pain_point(step.item_id)
    return {
        "pain": pain.text,
        "stage": stage.name,
        "severity": ctx.say(f"severity.{pain.severity}"),
    }


def _opp_suggestions(ctx: Ctx, step: Step) -> list[Suggestion]:
    return [Suggestion(text) for text in ctx.book.suggestions.opportunities[:9]]


def _apply_ideas(ctx: Ctx, step: Step, text: str) -> Outcome:
    _, pain = ctx.pain_point(step.item_id)
    if is_word(text, ctx.book.lexicon.none) or is_word(text, ctx.book.lexicon.no):
        return Outcome(echoes=[ctx.say("echo_noted")])
    known = {fold(o.text) for o in ctx.journey.opportunities if pain.id in o.pain_point_ids}
    added = []
    for value, origin in list_items(ctx, text, _opp_suggestions(ctx, step), by_lines_only=True):
        if fold(value) in known:
            continue
        known.add(fold(value))
        opp = Opportunity(
            id=ctx.ids.new("opportunity"),
            text=value,
            pain_point_ids=[pain.id],
            provenance=ctx.provenance(origin),
        )
        ctx.journey.opportunities.append(opp)
        added.append(opp)
    return Outcome(
        echoes=[ctx.say("echo_list", count=len(added), items="; ".join(o.text for o in added))],
        changed=[o.id for o in added],
    )


register(
    "opp.ideas",
    Handler(
        apply=_apply_ideas,
        current=lambda ctx, step: (
            "\n".join(o.text for o in ctx.journey.opportunities if step.item_id in o.pain_point_ids)
            or None
        ),
        suggestions=_opp_suggestions,
        values=_pain_values,
    ),
)


def _opp_values(ctx: Ctx, step: Step) -> dict[str, str]:
    opp = ctx.opportunity(step.item_id)
    return {"opportunity": opp.text}


def _rating(field: str) -> Callable[[Ctx, Step, str], Outcome]:
    def apply(ctx: Ctx, step: Step, text: str) -> Outcome:
        opp = ctx.opportunity(step.item_id)
        try:
            setattr(opp, field, parse_rating(text))
        except ParseError as exc:
            raise AnswerError(exc.key, **exc.values) from None
        return Outcome(
            echoes=[ctx.say(f"echo_{field}", value=getattr(opp, field))], changed=[opp.id]
        )

    return apply


for _field in ("impact", "effort"):
    register(
        f"opp.{_field}",
        Handler(
            apply=_rating(_field),
            current=lambda ctx, step, f=_field: (  # type: ignore[misc]
                str(getattr(ctx.opportunity(step.item_id), f))
                if getattr(ctx.opportunity(step.item_id), f) is not None
                else None
            ),
            choices=lambda ctx, step, f=_field: [  # type: ignore[misc]
                Choice(ctx.say(f"{f}.{n}"), str(n)) for n in range(1, 6)
            ],
            values=_opp_values,
        ),
    )


def _apply_owner(ctx: Ctx, step: Step, text: str) -> Outcome:
    opp = ctx.opportunity(step.item_id)
    if is_word(text, ctx.book.lexicon.none):
        return Outcome(echoes=[ctx.say("echo_noted")])
    opp.owner = text
    return Outcome(echoes=[ctx.say("echo_owner", owner=opp.owner)], changed=[opp.id])


register(
    "opp.owner",
    Handler(
        apply=_apply_owner,
        current=lambda ctx, step: ctx.opportunity(step.item_id).owner,
        values=_opp_values,
    ),
)

# -- dot votes ---------------------------------------------------------------------------


def _vote_choices(ctx: Ctx, step: Step) -> list[Choice]:
    return [Choice(o.text, o.id) for o in ctx.journey.opportunities]


def _apply_votes(ctx: Ctx, step: Step, text: str) -> Outcome:
    participant = ctx.participant(step.item_id)
    opportunities = ctx.journey.opportunities
    try:
        votes = parse_votes(text, len(opportunities), ctx.book.lexicon)
    except ParseError as exc:
        raise AnswerError(exc.key, **exc.values) from None
    total = sum(votes.values())
    if total > DOTS_PER_PARTICIPANT:
        raise AnswerError("error_votes_budget", total=total, budget=DOTS_PER_PARTICIPANT)
    changed = []
    for index, opp in enumerate(opportunities, start=1):
        dots = votes.get(index, 0)
        new = dict(opp.votes)
        if dots:
            new[participant.id] = dots
        else:
            new.pop(participant.id, None)
        if new != opp.votes:
            opp.votes = new
            changed.append(opp.id)
    return Outcome(
        echoes=[ctx.say("echo_votes", participant=participant.name, total=total)],
        changed=changed,
    )


def _votes_current(ctx: Ctx, step: Step) -> str | None:
    parts = []
    for index, opp in enumerate(ctx.journey.opportunities, start=1):
        dots = opp.votes.get(step.item_id or "", 0)
        if dots:
            parts.append(f"{index}x{dots}" if dots > 1 else str(index))
    return ", ".join(parts) or None


register(
    "votes.participant",
    Handler(
        apply=_apply_votes,
        choices=_vote_choices,
        current=_votes_current,
        values=lambda ctx, step: {
            "participant": ctx.participant(step.item_id).name,
            "budget": str(DOTS_PER_PARTICIPANT),
        },
    ),
)

# -- review ------------------------------------------------------------------------------

_JUMPS = {
    "stage-without-touchpoints": "stage.touchpoints",
    "negative-emotion-without-pain-point": "stage.negative_followup",
    "pain-point-without-opportunity": "opp.ideas",
    "persona-unused": "stage.personas",
}


def gap_choices(ctx: Ctx) -> list[tuple[Choice, Cursor]]:
    try:
        from assistant.analysis.checks import describe, find_gaps
    except ImportError:  # the analysis package is optional for the interview
        return []
    out = []
    for finding in find_gaps(ctx.journey):
        key = _JUMPS.get(finding.code)
        if key is None:
            continue
        target = finding.stage_id if key in ("stage.touchpoints",) else finding.item_id
        if key == "stage.personas":
            if len(ctx.journey.personas) < 2 or not ctx.journey.stages:
                continue
            target = ctx.journey.stages[0].id
        message, hint = describe(finding, ctx.journey.language)
        out.append((Choice(message, finding.code, detail=hint), Cursor(key=key, item_id=target)))
    return out


def _apply_review(ctx: Ctx, step: Step, text: str) -> Outcome:
    lexicon = ctx.book.lexicon
    if not text.strip() or is_word(text, lexicon.yes) or is_word(text, lexicon.none):
        return Outcome(echoes=[ctx.say("echo_finished")], goto=("done", None))
    gaps = gap_choices(ctx)
    if not gaps:
        raise AnswerError("error_review_no_gaps")
    choice = pick_one(ctx, text, [c for c, _ in gaps])
    cursor = next(cur for c, cur in gaps if c is choice)
    ctx.state.return_to = Cursor(key="review")
    return Outcome(
        echoes=[ctx.say("echo_review_jump", gap=choice.label)],
        goto=(cursor.key, cursor.item_id),
    )


def _review_values(ctx: Ctx, step: Step) -> dict[str, str]:
    journey = ctx.journey
    return {
        "personas": str(len(journey.personas)),
        "stages": str(len(journey.stages)),
        "touchpoints": str(sum(len(s.touchpoints) for s in journey.stages)),
        "pains": str(sum(len(s.pain_points) for s in journey.stages)),
        "opportunities": str(len(journey.opportunities)),
        "gaps": str(len(gap_choices(ctx))),
    }


register(
    "review",
    Handler(
        apply=_apply_review,
        choices=lambda ctx, step: [c for c, _ in gap_choices(ctx)],
        values=_review_values,
        empty_ok=True,
    ),
)
