"""Changing one field of one item: from `/edit` and from the TUI's review grid."""

from __future__ import annotations

from assistant.interview.context import AnswerError, Ctx
from assistant.interview.parsing import (
    ParseError,
    fold,
    parse_channel,
    parse_emotion,
    parse_rating,
    parse_severity,
)
from assistant.model import Emotion, Item, JourneyMap, iter_items

# The field `/edit <item> = value` changes, by the kind of item.
_MAIN_FIELD = ("name", "text")
EDITABLE = {
    "name",
    "text",
    "customer_goal",
    "description",
    "quote",
    "owner",
    "channel",
    "severity",
    "impact",
    "effort",
    "emotion",
    "role",
}


def _main_field(item: Item) -> str | None:
    for field in _MAIN_FIELD:
        if field in type(item).model_fields:
            return field
    return None


def find_item(journey: JourneyMap, target: str) -> tuple[str, str, str] | None:
    """(id, field, current text) of the item named by id, or by its name/text."""
    wanted = fold(target)
    by_text: list[Item] = []
    for item in iter_items(journey):
        if item.id == target.strip():
            field = _main_field(item)
            return (item.id, field, str(getattr(item, field))) if field else None
        field = _main_field(item)
        if field and fold(str(getattr(item, field))) == wanted:
            by_text.append(item)
    if len(by_text) == 1:
        item = by_text[0]
        field = _main_field(item)
        assert field is not None
        return item.id, field, str(getattr(item, field))
    return None


def apply_edit(ctx: Ctx, item_id: str, field: str, value: str) -> str:
    """Validate and set; returns the echo. Raises AnswerError or ValidationError."""
    item = ctx.journey.find(item_id)
    if item is None:
        raise AnswerError("error_edit_unknown", item=item_id)
    if field not in EDITABLE or field not in type(item).model_fields:
        raise AnswerError("error_edit_field", field=field)
    lexicon = ctx.book.lexicon
    try:
        if field == "channel":
            channel = parse_channel(value, lexicon)
            if channel is None:
                raise AnswerError("error_channel", answer=value)
            item.channel = channel  # type: ignore[attr-defined]
        elif field == "severity":
            item.severity = parse_severity(value, lexicon)  # type: ignore[attr-defined]
        elif field in ("impact", "effort"):
            setattr(item, field, parse_rating(value) if value else None)
        elif field == "emotion":
            if not value:
                item.emotion = None  # type: ignore[attr-defined]
            else:
                reading = parse_emotion(value, lexicon)
                item.emotion = Emotion(  # type: ignore[attr-defined]
                    score=reading.score,
                    word=reading.word,
                    provenance=ctx.provenance("inferred" if reading.inferred else "typed"),
                )
        else:
            setattr(item, field, value)
    except ParseError as exc:
        raise AnswerError(exc.key, **exc.values) from None
    shown = getattr(item, field)
    if field == "emotion" and shown is not None:
        shown = f"{shown.score:+d} {shown.word or ''}".strip()
    return ctx.say("echo_edited", item=item_id, field=field, value="" if shown is None else shown)
