"""Setup, personas and the list of stages."""

from __future__ import annotations

from collections.abc import Callable

from assistant.interview.answers import list_items, pick_many, pick_one
from assistant.interview.context import AnswerError, Ctx, Outcome
from assistant.interview.flow import Step
from assistant.interview.parsing import fold, is_word, parse_numbers, parse_yes_no, split_list
from assistant.interview.prompts import available_languages, load_prompt_book
from assistant.interview.registry import Choice, Handler, Suggestion, register
from assistant.model import ARCHETYPES, MAP_TYPES, Archetype, Origin, Participant, Persona, Stage


def _bullets(items: list[str]) -> str:
    return "; ".join(items)


# -- setup -------------------------------------------------------------------------------


def _language_choices(ctx: Ctx, step: Step) -> list[Choice]:
    choices = []
    for code in available_languages():
        book = load_prompt_book(code)
        choices.append(Choice(book.say("language_name"), code, names=(code,)))
    return choices


def _apply_language(ctx: Ctx, step: Step, text: str) -> Outcome:
    choice = pick_one(ctx, text, _language_choices(ctx, step))
    ctx.journey.language = choice.value  # type: ignore[assignment]
    return Outcome(echoes=[load_prompt_book(choice.value).say("echo_language")])


register(
    "setup.language",
    Handler(
        apply=_apply_language,
        choices=_language_choices,
        current=lambda ctx, step: ctx.journey.language,
        skippable=lambda ctx, step: False,
    ),
)


def _apply_title(ctx: Ctx, step: Step, text: str) -> Outcome:
    ctx.journey.title = text
    return Outcome(echoes=[ctx.say("echo_title", title=ctx.journey.title)])


register(
    "setup.title",
    Handler(
        apply=_apply_title,
        current=lambda ctx, step: ctx.journey.title,
        skippable=lambda ctx, step: bool(ctx.journey.title),
    ),
)


def labelled_choices(ctx: Ctx, family: str, values: tuple[str, ...]) -> list[Choice]:
    """Choices whose label, detail and typed synonyms live in messages.yaml as
    `family.value`, `family.value.detail` and `family.value.names`."""
    return [
        Choice(
            ctx.say(f"{family}.{value}"),
            value,
            detail=ctx.say(f"{family}.{value}.detail"),
            names=tuple(split_list(ctx.say(f"{family}.{value}.names"), [])),
        )
        for value in values
    ]


def _map_type_choices(ctx: Ctx, step: Step) -> list[Choice]:
    return labelled_choices(ctx, "map_type", MAP_TYPES)


def _apply_map_type(ctx: Ctx, step: Step, text: str) -> Outcome:
    choice = pick_one(ctx, text, _map_type_choices(ctx, step))
    ctx.journey.map_type = choice.value  # type: ignore[assignment]
    return Outcome(echoes=[ctx.say("echo_map_type", label=choice.label)])


register(
    "setup.map_type",
    Handler(
        apply=_apply_map_type,
        choices=_map_type_choices,
        current=lambda ctx, step: ctx.say(f"map_type.{ctx.journey.map_type}"),
    ),
)


def _apply_goal(ctx: Ctx, step: Step, text: str) -> Outcome:
    ctx.journey.scope.business_goal = text
    return Outcome(echoes=[ctx.say("echo_noted")])


def _apply_scenario(ctx: Ctx, step: Step, text: str) -> Outcome:
    ctx.journey.scope.scenario = text
    return Outcome(echoes=[ctx.say("echo_noted")])


register(
    "setup.business_goal",
    Handler(apply=_apply_goal, current=lambda ctx, step: ctx.journey.scope.business_goal),
)
register(
    "setup.scenario",
    Handler(apply=_apply_scenario, current=lambda ctx, step: ctx.journey.scope.scenario),
)


def _mode_choices(ctx: Ctx, step: Step) -> list[Choice]:
    return labelled_choices(ctx, "mode", ("solo", "facilitated"))


def _apply_mode(ctx: Ctx, step: Step, text: str) -> Outcome:
    choice = pick_one(ctx, text, _mode_choices(ctx, step))
    ctx.journey.workshop.mode = choice.value  # type: ignore[assignment]
    return Outcome(echoes=[ctx.say("echo_mode", label=choice.label)])


register(
    "setup.mode",
    Handler(
        apply=_apply_mode,
        choices=_mode_choices,
        current=lambda ctx, step: ctx.say(f"mode.{ctx.journey.workshop.mode}"),
    ),
)


def _apply_facilitator(ctx: Ctx, step: Step, text: str) -> Outcome:
    ctx.journey.workshop.facilitator = text
    return Outcome(echoes=[ctx.say("echo_noted")])


register(
    "setup.facilitator",
    Handler(apply=_apply_facilitator, current=lambda ctx, step: ctx.journey.workshop.facilitator),
)


def _apply_participants(ctx: Ctx, step: Step, text: str) -> Outcome:
    workshop = ctx.journey.workshop
    known = {fold(p.name) for p in workshop.participants}
    added = []
    for name in split_list(text, ctx.book.lexicon.conjunctions):
        if fold(name) in known:
            continue
        participant = Participant(id=ctx.ids.new("participant"), name=name)
        workshop.participants.append(participant)
        known.add(fold(name))
        added.append(participant)
    names = ", ".join(p.name for p in workshop.participants)
    return Outcome(
        echoes=[ctx.say("echo_participants", names=names, count=len(workshop.participants))],
        changed=[p.id for p in added],
    )


register(
    "setup.participants",
    Handler(
        apply=_apply_participants,
        current=lambda ctx, step: (
            ", ".join(p.name for p in ctx.journey.workshop.participants) or None
        ),
    ),
)


def _template_choices(ctx: Ctx, step: Step) -> list[Choice]:
    return [
        Choice(spec.label, name, detail=spec.description, names=(name,))
        for name, spec in sorted(
            ctx.book.templates.items(), key=lambda kv: (kv[0] != "blank", kv[0])
        )
    ]


def _apply_template(ctx: Ctx, step: Step, text: str) -> Outcome:
    if is_word(text, ctx.book.lexicon.none) or is_word(text, ctx.book.lexicon.no):
        ctx.state.template = None
        return Outcome(echoes=[ctx.say("echo_no_template")])
    choice = pick_one(ctx, text, _template_choices(ctx, step))
    ctx.state.template = None if choice.value == "blank" else choice.value
    return Outcome(echoes=[ctx.say("echo_template", label=choice.label)])


register(
    "setup.template",
    Handler(
        apply=_apply_template,
        choices=_template_choices,
        current=lambda ctx, step: ctx.state.template,
    ),
)

# -- personas ----------------------------------------------------------------------------


def archetype_choices(ctx: Ctx) -> list[Choice]:
    names = ctx.book.lexicon.archetypes
    choices = [
        Choice(
            spec.label,
            code,
            detail=spec.description,
            names=tuple(names.get(code, [])),
        )
        for code, spec in ctx.book.archetypes.items()
    ]
    custom = ctx.say("archetype.custom")
    choices.append(Choice(custom, "custom", detail=ctx.say("archetype.custom.detail")))
    return choices


def _add_personas(ctx: Ctx, text: str) -> list[Persona]:
    choices = archetype_choices(ctx)
    picked = pick_many(ctx, text, choices)
    new: list[Persona] = []
    if picked is not None:
        for choice in picked:
            archetype: Archetype = choice.value  # type: ignore[assignment]
            label = choice.label if archetype != "custom" else ctx.say("persona_default_name")
            how: Origin = "typed" if archetype == "custom" else "suggestion"
            persona = Persona(
                id=ctx.ids.new("persona"),
                name=label,
                archetype=archetype,
                provenance=ctx.provenance(how),
            )
            new.append(persona)
    else:
        # Names typed instead of picks: custom personas with those names.
        for name in split_list(text, ctx.book.lexicon.conjunctions):
            new.append(
                Persona(
                    id=ctx.ids.new("persona"),
                    name=name,
                    archetype="custom",
                    provenance=ctx.provenance(),
                )
            )
    ctx.journey.personas.extend(new)
    return new


def _echo_personas(ctx: Ctx, new: list[Persona]) -> Outcome:
    labels = ", ".join(p.name for p in new)
    return Outcome(
        echoes=[ctx.say("echo_personas", names=labels, count=len(new))],
        changed=[p.id for p in new],
    )


def _apply_pick(ctx: Ctx, step: Step, text: str) -> Outcome:
    new = _add_personas(ctx, text)
    if not new:
        raise AnswerError("error_need_persona")
    return _echo_personas(ctx, new)


register(
    "personas.pick",
    Handler(
        apply=_apply_pick,
        choices=lambda ctx, step: archetype_choices(ctx),
        skippable=lambda ctx, step: bool(ctx.journey.personas),
    ),
)


def _apply_more(ctx: Ctx, step: Step, text: str) -> Outcome:
    answer = parse_yes_no(text, ctx.book.lexicon)
    if answer is False or is_word(text, ctx.book.lexicon.none) or not text.strip():
        return Outcome(echoes=[ctx.say("echo_personas_done", count=len(ctx.journey.personas))])
    if answer is True:
        raise AnswerError("error_more_personas")
    new = _add_personas(ctx, text)
    if not new:  # only separators, e.g. ","
        raise AnswerError("error_more_personas")
    outcome = _echo_personas(ctx, new)
    outcome.goto = ("persona.name", new[0].id)
    return outcome


register(
    "personas.more",
    Handler(apply=_apply_more, choices=lambda ctx, step: archetype_choices(ctx), empty_ok=True),
)


def _persona_values(ctx: Ctx, step: Step) -> dict[str, str]:
    persona = ctx.persona(step.item_id)
    archetype = ctx.book.archetypes.get(persona.archetype)
    label = archetype.label if archetype else ctx.say("archetype.custom")
    return {"persona": persona.name, "archetype": label}


def _persona_suggestions(field: str) -> Callable[[Ctx, Step], list[Suggestion]]:
    def suggest(ctx: Ctx, step: Step) -> list[Suggestion]:
        persona = ctx.persona(step.item_id)
        spec = ctx.book.archetypes.get(persona.archetype)
        value = getattr(spec, field, None) if spec is not None else None
        texts = [value] if isinstance(value, str) else list(value or [])
        known = {fold(v) for v in getattr(persona, field) or []} if field in LISTS else set()
        return [Suggestion(t) for t in texts if t and fold(t) not in known]

    return suggest


LISTS = ("goals", "needs", "pains")


def _set_persona_text(field: str, echo: str) -> Callable[[Ctx, Step, str], Outcome]:
    def apply(ctx: Ctx, step: Step, text: str) -> Outcome:
        persona = ctx.persona(step.item_id)
        suggestions = _persona_suggestions(field)(ctx, step)
        numbers = parse_numbers(text, len(suggestions)) if suggestions else None
        value = suggestions[numbers[0] - 1].text if numbers else text
        setattr(persona, field, value)
        return Outcome(echoes=[ctx.say(echo, persona=persona.name)], changed=[persona.id])

    return apply


def _add_persona_list(field: str) -> Callable[[Ctx, Step, str], Outcome]:
    def apply(ctx: Ctx, step: Step, text: str) -> Outcome:
        persona = ctx.persona(step.item_id)
        suggestions = _persona_suggestions(field)(ctx, step)
        current: list[str] = getattr(persona, field)
        known = {fold(v) for v in current}
        added = []
        for value, _origin in list_items(ctx, text, suggestions):
            if fold(value) not in known:
                known.add(fold(value))
                added.append(value)
        setattr(persona, field, current + added)
        return Outcome(
            echoes=[ctx.say("echo_list", count=len(added), items=_bullets(added))],
            changed=[persona.id],
        )

    return apply


def _persona_current(field: str) -> Callable[[Ctx, Step], str | None]:
    def current(ctx: Ctx, step: Step) -> str | None:
        value = getattr(ctx.persona(step.item_id), field)
        if isinstance(value, list):
            return "\n".join(value) or None
        return str(value) if value else None

    return current


def _no_suggestions(ctx: Ctx, step: Step) -> list[Suggestion]:
    return []


register(
    "persona.name",
    Handler(
        apply=_set_persona_text("name", "echo_persona_name"),
        current=_persona_current("name"),
        values=_persona_values,
        skippable=lambda ctx, step: True,
    ),
)
for _field in ("description", "quote"):
    register(
        f"persona.{_field}",
        Handler(
            apply=_set_persona_text(_field, "echo_noted"),
            current=_persona_current(_field),
            suggestions=_persona_suggestions(_field),
            values=_persona_values,
        ),
    )
for _field in LISTS:
    register(
        f"persona.{_field}",
        Handler(
            apply=_add_persona_list(_field),
            current=_persona_current(_field),
            suggestions=_persona_suggestions(_field),
            values=_persona_values,
        ),
    )

# -- stages ------------------------------------------------------------------------------


def _stage_choices(ctx: Ctx, step: Step) -> list[Choice]:
    return [
        Choice(spec.name, spec.name, detail=spec.description or "")
        for spec in ctx.proposed_stages()
    ]


def _apply_stages(ctx: Ctx, step: Step, text: str) -> Outcome:
    journey = ctx.journey
    proposed = ctx.proposed_stages()
    origin = "template" if ctx.template() is not None else "suggestion"
    accept = parse_yes_no(text, ctx.book.lexicon)
    if accept is False:
        raise AnswerError("error_stages_no")
    wanted: list[tuple[str, str, str | None]] = []  # (name, origin, customer goal)
    if accept is True:
        if journey.stages:
            return Outcome(echoes=[ctx.say("echo_stages_kept", count=len(journey.stages))])
        wanted = [(spec.name, origin, None) for spec in proposed]
    else:
        for part in split_list(text, ctx.book.lexicon.conjunctions):
            numbers = parse_numbers(part, len(proposed))
            if numbers:
                wanted.extend((proposed[n - 1].name, origin, None) for n in numbers)
            else:
                wanted.append((part, "typed", None))
        if not wanted:  # only separators, e.g. ","
            raise AnswerError("error_stages_no")
    existing = {fold(stage.name): stage for stage in journey.stages}
    ordered: list[Stage] = []
    seen: set[str] = set()
    changed = []
    for name, how, _goal in wanted:
        key = fold(name)
        if key in seen:
            continue
        seen.add(key)
        if key in existing:
            ordered.append(existing.pop(key))
            continue
        stage = Stage(id=ctx.ids.new("stage"), name=name, provenance=ctx.provenance(how))  # type: ignore[arg-type]
        ordered.append(stage)
        changed.append(stage.id)
    kept = [stage for stage in existing.values() if _has_content(stage)]
    journey.stages = ordered + kept
    echoes = [ctx.say("echo_stages", names=" → ".join(s.name for s in journey.stages))]
    if kept:
        echoes.append(ctx.say("warn_stages_kept", names=", ".join(s.name for s in kept)))
    return Outcome(echoes=echoes, changed=changed)


def _has_content(stage: Stage) -> bool:
    return bool(stage.actions or stage.touchpoints or stage.pain_points or stage.customer_goal)


register(
    "stages.confirm",
    Handler(
        apply=_apply_stages,
        choices=_stage_choices,
        current=lambda ctx, step: " → ".join(s.name for s in ctx.journey.stages) or None,
        skippable=lambda ctx, step: bool(ctx.journey.stages),
    ),
)

__all__ = ["ARCHETYPES", "archetype_choices"]
