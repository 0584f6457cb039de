"""What a step handler works with: the map, the prompt book, ids, and who is speaking."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.interview.flow import stage_of_item
from assistant.interview.prompts import PromptBook, StageSpec, TemplateSpec
from assistant.model import (
    IdMaker,
    InterviewState,
    JourneyMap,
    Opportunity,
    Origin,
    PainPoint,
    Participant,
    Persona,
    Provenance,
    Stage,
    Touchpoint,
)


class AnswerError(Exception):
    """The answer cannot be taken; re-ask with this message (a messages.yaml key)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass
class Outcome:
    """What applying an answer did: echo messages, changed items, an explicit next step."""

    echoes: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    goto: tuple[str, str | None] | None = None
    warn: list[str] = field(default_factory=list)


@dataclass
class Ctx:
    journey: JourneyMap
    book: PromptBook
    ids: IdMaker
    speaker: str | None = None  # participant id credited with the current answer

    @property
    def state(self) -> InterviewState:
        assert self.journey.interview is not None
        return self.journey.interview

    def provenance(self, how: Origin = "typed") -> Provenance:
        return Provenance(by=self.speaker, how=how)

    def say(self, key: str, **values: object) -> str:
        return self.book.say(key, **values)

    # -- lookups (ids are unique across the map) --------------------------------------

    def persona(self, item_id: str | None) -> Persona:
        for persona in self.journey.personas:
            if persona.id == item_id:
                return persona
        raise LookupError(item_id)

    def stage(self, item_id: str | None) -> Stage:
        for stage in self.journey.stages:
            if stage.id == item_id:
                return stage
        raise LookupError(item_id)

    def touchpoint(self, item_id: str | None) -> tuple[Stage, Touchpoint]:
        stage = stage_of_item(self.journey, item_id)
        if stage is not None:
            for tp in stage.touchpoints:
                if tp.id == item_id:
                    return stage, tp
        raise LookupError(item_id)

    def pain_point(self, item_id: str | None) -> tuple[Stage, PainPoint]:
        stage = stage_of_item(self.journey, item_id)
        if stage is not None:
            for pain in stage.pain_points:
                if pain.id == item_id:
                    return stage, pain
        raise LookupError(item_id)

    def opportunity(self, item_id: str | None) -> Opportunity:
        for opp in self.journey.opportunities:
            if opp.id == item_id:
                return opp
        raise LookupError(item_id)

    def participant(self, item_id: str | None) -> Participant:
        for participant in self.journey.workshop.participants:
            if participant.id == item_id:
                return participant
        raise LookupError(item_id)

    # -- stage knowledge from templates and the default stages ------------------------

    def template(self) -> TemplateSpec | None:
        name = self.state.template
        return self.book.templates.get(name) if name else None

    def proposed_stages(self) -> list[StageSpec]:
        template = self.template()
        if template is not None and template.stages:
            return list(template.stages)
        return list(self.book.default_stages)

    def stage_spec(self, stage: Stage) -> StageSpec | None:
        """The template or default stage this stage came from, matched by name, then by
        position among the proposed stages."""
        from assistant.interview.parsing import fold

        proposed = self.proposed_stages() + list(self.book.default_stages)
        wanted = fold(stage.name)
        for spec in proposed:
            if fold(spec.name) == wanted or fold(spec.key) == wanted:
                return spec
        index = self.journey.stages.index(stage) if stage in self.journey.stages else -1
        specs = self.proposed_stages()
        if 0 <= index < len(specs) and len(self.journey.stages) == len(specs):
            return specs[index]
        return None
