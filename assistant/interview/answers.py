"""Reading one answer against the question's choices and suggestions."""

from __future__ import annotations

from assistant.interview.context import AnswerError, Ctx
from assistant.interview.parsing import ParseError, match_option, parse_numbers, split_list
from assistant.interview.registry import Choice, Suggestion
from assistant.model import Origin


def pick_one(ctx: Ctx, text: str, choices: list[Choice]) -> Choice:
    numbers = _numbers(text, len(choices))
    if numbers is not None:
        if len(numbers) != 1:
            raise AnswerError("error_pick_one")
        return choices[numbers[0] - 1]
    index = match_option(text, [[c.label, c.value, *c.names] for c in choices])
    if index is None:
        raise AnswerError("error_pick", answer=text.strip(), count=len(choices))
    return choices[index]


def pick_many(ctx: Ctx, text: str, choices: list[Choice]) -> list[Choice] | None:
    """Choices named by numbers or names; None when some part names no choice."""
    numbers = _numbers(text, len(choices))
    if numbers is not None:
        return [choices[n - 1] for n in numbers]
    picked: list[Choice] = []
    for part in split_list(text, ctx.book.lexicon.conjunctions):
        index = match_option(part, [[c.label, c.value, *c.names] for c in choices])
        if index is None:
            return None
        if choices[index] not in picked:
            picked.append(choices[index])
    return picked


def list_items(
    ctx: Ctx,
    text: str,
    suggestions: list[Suggestion],
    *,
    by_lines_only: bool = False,
) -> list[tuple[str, Origin]]:
    """Typed items and picked suggestion numbers, in the order given."""
    items: list[tuple[str, Origin]] = []
    for part in split_list(text, ctx.book.lexicon.conjunctions, by_lines_only=by_lines_only):
        numbers = _numbers(part, len(suggestions)) if suggestions else None
        if numbers is not None:
            items.extend((suggestions[n - 1].text, suggestions[n - 1].origin) for n in numbers)
        else:
            items.append((part, "typed"))
    return items


def _numbers(text: str, count: int) -> list[int] | None:
    try:
        return parse_numbers(text, count)
    except ParseError as exc:
        raise AnswerError(exc.key, **exc.values) from None
