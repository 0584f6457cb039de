"""One stage of the journey: goal, actions, thoughts, touchpoints, emotions, pain points."""

from __future__ import annotations

from collections.abc import Callable

from assistant.interview.answers import list_items, pick_many, pick_one
from assistant.interview.context import AnswerError, Ctx, Outcome
from assistant.interview.flow import NEGATIVE, Step
from assistant.interview.parsing import (
    ParseError,
    fold,
    is_word,
    parse_emotion,
    parse_numbers,
    parse_severity,
    parse_touchpoint,
    parse_yes_no,
)
from assistant.interview.registry import Choice, Handler, Suggestion, register
from assistant.model import (
    CHANNELS,
    Emotion,
    Origin,
    PainPoint,
    Stage,
    TextItem,
    Touchpoint,
)

EMOJI = {-2: "😡", -1: "🙁", 0: "😐", 1: "🙂", 2: "😀"}


def fmt_score(score: int) -> str:
    return f"{score:+d}" if score else "0"


def _stage_values(ctx: Ctx, stage: Stage) -> dict[str, str]:
    index = ctx.journey.stages.index(stage) + 1
    return {
        "stage": stage.name,
        "n": str(index),
        "m": str(len(ctx.journey.stages)),
        "persona": _persona_label(ctx),
    }


def _persona_label(ctx: Ctx) -> str:
    personas = ctx.journey.personas
    if len(personas) == 1:
        return personas[0].name
    return ctx.say("the_customer")


def _values(ctx: Ctx, step: Step) -> dict[str, str]:
    stage = _stage_of(ctx, step)
    values = _stage_values(ctx, stage)
    if step.key.startswith(("touchpoint.", "emotion.", "stage.negative")):
        _, tp = ctx.touchpoint(step.item_id)
        values["touchpoint"] = tp.name
        if tp.emotion is not None:
            values["score"] = fmt_score(tp.emotion.score)
            values["emoji"] = EMOJI[tp.emotion.score]
            values["word"] = tp.emotion.word or ""
    if step.key.startswith("pain."):
        _, pain = ctx.pain_point(step.item_id)
        values["pain"] = pain.text
    if step.key == "stage.recap":
        values["recap"] = recap(ctx, stage)
    return values


def _stage_of(ctx: Ctx, step: Step) -> Stage:
    if step.key.startswith("stage.") and not step.key.startswith("stage.negative"):
        return ctx.stage(step.item_id)
    if step.key.startswith("pain."):
        return ctx.pain_point(step.item_id)[0]
    return ctx.touchpoint(step.item_id)[0]


def _spec_list(ctx: Ctx, stage: Stage, field: str) -> list[str]:
    spec = ctx.stage_spec(stage)
    key = spec.key if spec else None
    texts: list[str] = []
    if spec is not None:
        texts.extend(getattr(spec, field))
    pack = getattr(ctx.book.suggestions, field, {})
    if key and isinstance(pack, dict):
        texts.extend(pack.get(key, []))
    if key:
        for persona in ctx.journey.personas:
            by_stage = ctx.book.suggestions.by_archetype.get(persona.archetype, {})
            texts.extend(by_stage.get(key, {}).get(field, []))
    return texts


def _suggest(field: str) -> Callable[[Ctx, Step], list[Suggestion]]:
    def suggest(ctx: Ctx, step: Step) -> list[Suggestion]:
        stage = ctx.stage(step.item_id)
        existing = {fold(item.text) for item in getattr(stage, field)}
        origin: Origin = "template" if ctx.template() is not None else "suggestion"
        seen: set[str] = set()
        out = []
        for text in _spec_list(ctx, stage, field):
            key = fold(text)
            if key not in seen and key not in existing:
                seen.add(key)
                out.append(Suggestion(text, origin))
        return out[:9]

    return suggest


# -- goal --------------------------------------------------------------------------------


def _goal_suggestions(ctx: Ctx, step: Step) -> list[Suggestion]:
    spec = ctx.stage_spec(ctx.stage(step.item_id))
    if spec is None or not spec.customer_goal:
        return []
    origin: Origin = "template" if ctx.template() is not None else "suggestion"
    return [Suggestion(spec.customer_goal, origin)]


def _apply_goal(ctx: Ctx, step: Step, text: str) -> Outcome:
    stage = ctx.stage(step.item_id)
    suggestions = _goal_suggestions(ctx, step)
    numbers = parse_numbers(text, len(suggestions)) if suggestions else None
    stage.customer_goal = suggestions[numbers[0] - 1].text if numbers else text
    return Outcome(echoes=[ctx.say("echo_noted")], changed=[stage.id])


register(
    "stage.goal",
    Handler(
        apply=_apply_goal,
        current=lambda ctx, step: ctx.stage(step.item_id).customer_goal,
        suggestions=_goal_suggestions,
        values=_values,
    ),
)

# -- actions, thoughts, blueprint lanes ---------------------------------------------------


def _text_items(field: str, kind: str) -> Callable[[Ctx, Step, str], Outcome]:
    def apply(ctx: Ctx, step: Step, text: str) -> Outcome:
        stage = ctx.stage(step.item_id)
        target: list[TextItem] = _lane(stage, field)
        known = {fold(item.text) for item in target}
        added = []
        suggestions = _suggest(field)(ctx, step) if field in ("actions", "thoughts") else []
        for value, origin in list_items(ctx, text, suggestions):
            if fold(value) in known:
                continue
            known.add(fold(value))
            item = TextItem(id=ctx.ids.new(kind), text=value, provenance=ctx.provenance(origin))
            target.append(item)
            added.append(item)
        return Outcome(
            echoes=[ctx.say("echo_list", count=len(added), items="; ".join(i.text for i in added))],
            changed=[i.id for i in added],
        )

    return apply


def _lane(stage: Stage, field: str) -> list[TextItem]:
    if field in ("actions", "thoughts"):
        items: list[TextItem] = getattr(stage, field)
        return items
    lane: list[TextItem] = getattr(stage.blueprint, field)
    return lane


def _lane_current(field: str) -> Callable[[Ctx, Step], str | None]:
    def current(ctx: Ctx, step: Step) -> str | None:
        items = _lane(ctx.stage(step.item_id), field)
        return "\n".join(i.text for i in items) or None

    return current


for _field, _kind in (("actions", "action"), ("thoughts", "thought")):
    register(
        f"stage.{_field}",
        Handler(
            apply=_text_items(_field, _kind),
            current=_lane_current(_field),
            suggestions=_suggest(_field),
            values=_values,
        ),
    )
for _field in ("frontstage", "backstage", "support", "physical_evidence"):
    register(
        f"stage.{_field}",
        Handler(
            apply=_text_items(_field, "blueprint"),
            current=_lane_current(_field),
            values=_values,
        ),
    )

# -- touchpoints -------------------------------------------------------------------------


def channel_label(ctx: Ctx, channel: str | None) -> str:
    return ctx.say(f"channel.{channel}") if channel else "?"


def _touchpoint_suggestions(ctx: Ctx, step: Step) -> list[Suggestion]:
    stage = ctx.stage(step.item_id)
    spec = ctx.stage_spec(stage)
    origin: Origin = "template" if ctx.template() is not None else "suggestion"
    specs = list(spec.touchpoints) if spec else []
    if spec:
        specs.extend(ctx.book.suggestions.stage_touchpoints.get(spec.key, []))
    existing = {fold(tp.name) for tp in stage.touchpoints}
    out: list[Suggestion] = []
    seen: set[str] = set()
    for tp in specs:
        if fold(tp.name) in existing or fold(tp.name) in seen:
            continue
        seen.add(fold(tp.name))
        out.append(Suggestion(f"{tp.name} ({channel_label(ctx, tp.channel)})", origin))
    return out[:9]


def _apply_touchpoints(ctx: Ctx, step: Step, text: str) -> Outcome:
    stage = ctx.stage(step.item_id)
    known = {fold(tp.name) for tp in stage.touchpoints}
    added: list[Touchpoint] = []
    for value, origin in list_items(ctx, text, _touchpoint_suggestions(ctx, step)):
        name, channel = parse_touchpoint(value, ctx.book.lexicon)
        if fold(name) in known:
            continue
        known.add(fold(name))
        tp = Touchpoint(
            id=ctx.ids.new("touchpoint"),
            name=name,
            channel=channel,
            persona_ids=[p.id for p in ctx.journey.personas]
            if len(ctx.journey.personas) == 1
            else [],
            provenance=ctx.provenance(origin),
        )
        stage.touchpoints.append(tp)
        added.append(tp)
    listed = "; ".join(
        f"{tp.name} ({channel_label(ctx, tp.channel)})" if tp.channel else tp.name for tp in added
    )
    return Outcome(
        echoes=[ctx.say("echo_touchpoints", count=len(added), items=listed)],
        changed=[tp.id for tp in added],
    )


register(
    "stage.touchpoints",
    Handler(
        apply=_apply_touchpoints,
        current=lambda ctx, step: (
            "\n".join(
                f"{tp.name} ({channel_label(ctx, tp.channel)})"
                for tp in ctx.stage(step.item_id).touchpoints
            )
            or None
        ),
        suggestions=_touchpoint_suggestions,
        values=_values,
    ),
)


def _channel_choices(ctx: Ctx, step: Step) -> list[Choice]:
    lexicon = ctx.book.lexicon.channels
    return [Choice(channel_label(ctx, c), c, names=tuple(lexicon.get(c, []))) for c in CHANNELS]


def _apply_channel(ctx: Ctx, step: Step, text: str) -> Outcome:
    _, tp = ctx.touchpoint(step.item_id)
    choice = pick_one(ctx, text, _channel_choices(ctx, step))
    tp.channel = choice.value  # type: ignore[assignment]
    return Outcome(
        echoes=[ctx.say("echo_channel", touchpoint=tp.name, channel=choice.label)],
        changed=[tp.id],
    )


register(
    "touchpoint.channel",
    Handler(
        apply=_apply_channel,
        choices=_channel_choices,
        current=lambda ctx, step: (
            channel_label(ctx, ctx.touchpoint(step.item_id)[1].channel)
            if ctx.touchpoint(step.item_id)[1].channel
            else None
        ),
        values=_values,
    ),
)

# -- emotions ----------------------------------------------------------------------------


def _set_emotion(ctx: Ctx, tp: Touchpoint, text: str) -> Outcome:
    try:
        reading = parse_emotion(text, ctx.book.lexicon)
    except ParseError as exc:
        raise AnswerError(exc.key, **exc.values) from None
    how: Origin = "inferred" if reading.inferred else "typed"
    word = reading.word
    note = tp.emotion.note if tp.emotion else None
    tp.emotion = Emotion(score=reading.score, word=word, note=note, provenance=ctx.provenance(how))
    key = "echo_emotion_inferred" if reading.inferred else "echo_emotion"
    return Outcome(
        echoes=[
            ctx.say(
                key,
                touchpoint=tp.name,
                score=fmt_score(reading.score),
                emoji=EMOJI[reading.score],
                word=word or "",
            )
        ],
        changed=[tp.id],
    )


def _apply_emotion(ctx: Ctx, step: Step, text: str) -> Outcome:
    _, tp = ctx.touchpoint(step.item_id)
    return _set_emotion(ctx, tp, text)


def _emotion_current(ctx: Ctx, step: Step) -> str | None:
    _, tp = ctx.touchpoint(step.item_id)
    if tp.emotion is None:
        return None
    return f"{tp.emotion.score:+d} {tp.emotion.word or ''}".strip()


register(
    "touchpoint.emotion",
    Handler(apply=_apply_emotion, current=_emotion_current, values=_values),
)


def _apply_confirm_emotion(ctx: Ctx, step: Step, text: str) -> Outcome:
    _, tp = ctx.touchpoint(step.item_id)
    assert tp.emotion is not None
    answer = parse_yes_no(text, ctx.book.lexicon)
    if answer is True:
        tp.emotion = tp.emotion.model_copy(update={"provenance": ctx.provenance("typed")})
        return Outcome(echoes=[ctx.say("echo_confirmed")], changed=[tp.id])
    if answer is False:
        raise AnswerError("error_give_score")
    word = tp.emotion.word
    outcome = _set_emotion(ctx, tp, text)
    if tp.emotion.word is None and word:
        tp.emotion = tp.emotion.model_copy(update={"word": word})
    return outcome


register(
    "emotion.confirm",
    Handler(apply=_apply_confirm_emotion, current=_emotion_current, values=_values),
)

# -- which personas ----------------------------------------------------------------------


def _persona_choices(ctx: Ctx, step: Step) -> list[Choice]:
    return [Choice(p.name, p.id) for p in ctx.journey.personas]


def _apply_stage_personas(ctx: Ctx, step: Step, text: str) -> Outcome:
    stage = ctx.stage(step.item_id)
    choices = _persona_choices(ctx, step)
    if not text.strip() or is_word(text, ctx.book.lexicon.yes) or is_word(text, [ctx.say("all")]):
        picked = choices
    else:
        found = pick_many(ctx, text, choices)
        if not found:
            raise AnswerError("error_pick", answer=text.strip(), count=len(choices))
        picked = found
    ids = [c.value for c in picked]
    for tp in stage.touchpoints:
        tp.persona_ids = list(ids)
    return Outcome(
        echoes=[ctx.say("echo_stage_personas", names=", ".join(c.label for c in picked))],
        changed=[tp.id for tp in stage.touchpoints],
    )


register(
    "stage.personas",
    Handler(apply=_apply_stage_personas, choices=_persona_choices, values=_values, empty_ok=True),
)

# -- pain points -------------------------------------------------------------------------


def _apply_pains(ctx: Ctx, step: Step, text: str) -> Outcome:
    stage = ctx.stage(step.item_id)
    known = {fold(p.text) for p in stage.pain_points}
    added = []
    for value, origin in list_items(ctx, text, _suggest_pains(ctx, step)):
        if fold(value) in known:
            continue
        known.add(fold(value))
        pain = PainPoint(
            id=ctx.ids.new("pain_point"), text=value, provenance=ctx.provenance(origin)
        )
        stage.pain_points.append(pain)
        added.append(pain)
    return Outcome(
        echoes=[ctx.say("echo_list", count=len(added), items="; ".join(p.text for p in added))],
        changed=[p.id for p in added],
    )


def _suggest_pains(ctx: Ctx, step: Step) -> list[Suggestion]:
    stage = ctx.stage(step.item_id)
    existing = {fold(p.text) for p in stage.pain_points}
    origin: Origin = "template" if ctx.template() is not None else "suggestion"
    out: list[Suggestion] = []
    for text in _spec_list(ctx, stage, "pains"):
        if fold(text) not in existing and all(fold(s.text) != fold(text) for s in out):
            out.append(Suggestion(text, origin))
    return out[:9]


register(
    "stage.pains",
    Handler(
        apply=_apply_pains,
        current=lambda ctx, step: (
            "\n".join(p.text for p in ctx.stage(step.item_id).pain_points) or None
        ),
        suggestions=_suggest_pains,
        values=_values,
    ),
)


def _severity_choices(ctx: Ctx, step: Step) -> list[Choice]:
    return [Choice(ctx.say(f"severity.{n}"), str(n)) for n in (1, 2, 3)]


def _apply_severity(ctx: Ctx, step: Step, text: str) -> Outcome:
    _, pain = ctx.pain_point(step.item_id)
    try:
        pain.severity = parse_severity(text, ctx.book.lexicon)
    except ParseError as exc:
        raise AnswerError(exc.key, **exc.values) from None
    return Outcome(
        echoes=[ctx.say("echo_severity", label=ctx.say(f"severity.{pain.severity}"))],
        changed=[pain.id],
    )


register(
    "pain.severity",
    Handler(
        apply=_apply_severity,
        choices=_severity_choices,
        current=lambda ctx, step: str(ctx.pain_point(step.item_id)[1].severity),
        values=_values,
    ),
)


def _touchpoint_choices(ctx: Ctx, step: Step) -> list[Choice]:
    stage, _ = ctx.pain_point(step.item_id)
    return [Choice(tp.name, tp.id) for tp in stage.touchpoints]


def _apply_pain_touchpoints(ctx: Ctx, step: Step, text: str) -> Outcome:
    _, pain = ctx.pain_point(step.item_id)
    if is_word(text, ctx.book.lexicon.none) or is_word(text, ctx.book.lexicon.no):
        return Outcome(echoes=[ctx.say("echo_noted")])
    picked = pick_many(ctx, text, _touchpoint_choices(ctx, step))
    if not picked:
        raise AnswerError(
            "error_pick", answer=text.strip(), count=len(_touchpoint_choices(ctx, step))
        )
    pain.touchpoint_ids = [c.value for c in picked]
    return Outcome(
        echoes=[ctx.say("echo_pain_links", names=", ".join(c.label for c in picked))],
        changed=[pain.id],
    )


register(
    "pain.touchpoints",
    Handler(
        apply=_apply_pain_touchpoints,
        choices=_touchpoint_choices,
        current=lambda ctx, step: None,
        values=_values,
    ),
)


def _apply_negative(ctx: Ctx, step: Step, text: str) -> Outcome:
    stage, tp = ctx.touchpoint(step.item_id)
    if is_word(text, ctx.book.lexicon.none) or is_word(text, ctx.book.lexicon.no):
        return Outcome(echoes=[ctx.say("echo_noted")])
    pain = PainPoint(
        id=ctx.ids.new("pain_point"),
        text=text,
        touchpoint_ids=[tp.id],
        provenance=ctx.provenance(),
    )
    stage.pain_points.append(pain)
    return Outcome(
        echoes=[ctx.say("echo_pain_added", pain=pain.text, touchpoint=tp.name)],
        changed=[pain.id],
        goto=("pain.severity", pain.id),
    )


register("stage.negative_followup", Handler(apply=_apply_negative, values=_values))

# -- recap -------------------------------------------------------------------------------


def recap(ctx: Ctx, stage: Stage) -> str:
    lines = [ctx.say("recap_title", stage=stage.name)]
    if stage.customer_goal:
        lines.append(ctx.say("recap_goal", goal=stage.customer_goal))
    if stage.actions:
        lines.append(ctx.say("recap_actions", items="; ".join(a.text for a in stage.actions)))
    for tp in stage.touchpoints:
        emotion = (
            f"{EMOJI[tp.emotion.score]} {tp.emotion.score:+d} {tp.emotion.word or ''}".rstrip()
            if tp.emotion
            else "—"
        )
        lines.append(
            ctx.say(
                "recap_touchpoint",
                touchpoint=tp.name,
                channel=channel_label(ctx, tp.channel),
                emotion=emotion,
            )
        )
    for pain in stage.pain_points:
        lines.append(ctx.say("recap_pain", pain=pain.text, severity=pain.severity))
    return "\n".join(lines)


def _apply_recap(ctx: Ctx, step: Step, text: str) -> Outcome:
    answer = parse_yes_no(text, ctx.book.lexicon)
    stage = ctx.stage(step.item_id)
    if answer is True:
        return Outcome(echoes=[ctx.say("echo_stage_done", stage=stage.name)])
    if answer is False:
        return Outcome(echoes=[ctx.say("echo_stage_again")], goto=("stage.goal", stage.id))
    raise AnswerError("error_yes_no")


register("stage.recap", Handler(apply=_apply_recap, values=_values))

__all__ = ["EMOJI", "NEGATIVE", "channel_label", "recap"]
