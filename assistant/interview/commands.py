"""Slash commands typed as answers: /help, /back, /skip, /undo, /edit, /park, ..."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.interview.api import Message, Reply
from assistant.interview.context import AnswerError
from assistant.slash import COMMANDS

if TYPE_CHECKING:
    from assistant.interview.engine import Interview


def run(interview: Interview, text: str) -> Reply:
    name, _, arg = text[1:].partition(" ")
    name = name.strip().lower()
    arg = arg.strip()
    reply = Reply(messages=[Message("user", text)])
    handler = _HANDLERS.get(name)
    if handler is None:
        interview._say(reply, interview.book.say("error_unknown_command", command=name), "warning")
        interview._say(reply, command_list(interview))
        reply.question = interview.question
        return reply
    handler(interview, arg, reply)
    if reply.question is None:
        reply.question = interview.question
    return reply


def command_list(interview: Interview) -> str:
    return "\n".join(interview.book.say(f"command.{name}") for name in COMMANDS)


def _help(interview: Interview, arg: str, reply: Reply) -> None:
    question = interview.question
    if question is not None:
        parts = [question.help] if question.help else []
        if question.examples:
            parts.append(interview.book.say("examples", examples=" · ".join(question.examples)))
        if parts:
            interview._say(reply, "\n\n".join(parts))
    interview._say(reply, interview.book.say("commands_title") + "\n" + command_list(interview))
    reply.action = "help"


def _back(interview: Interview, arg: str, reply: Reply) -> None:
    if interview.go_back():
        interview._persist(dirty=set())
        interview._say(reply, interview.book.say("echo_back"), "echo")
        interview._ask(reply)
    else:
        interview._say(reply, interview.book.say("error_back"), "warning")


def _skip(interview: Interview, arg: str, reply: Reply) -> None:
    if interview.skip():
        interview._persist(reply, dirty=set())
        interview._say(reply, interview.book.say("echo_skipped"), "echo")
        interview._ask(reply)
    else:
        interview._say(reply, interview.book.say("error_skip"), "warning")


def _undo(interview: Interview, arg: str, reply: Reply) -> None:
    answer = interview.undo()
    if answer is None:
        interview._say(reply, interview.book.say("error_undo"), "warning")
        return
    interview._persist(reply)
    interview._say(reply, interview.book.say("echo_undo", answer=answer), "echo")
    reply.accepted = True
    interview._ask(reply)


def _edit(interview: Interview, arg: str, reply: Reply) -> None:
    from assistant.interview.editing import find_item

    target, sep, value = arg.partition("=")
    target = target.strip()
    if not target:
        interview._say(reply, interview.book.say("help_edit"), "warning")
        return
    found = find_item(interview.journey, target)
    if found is None:
        interview._say(reply, interview.book.say("error_edit_unknown", item=target), "warning")
        return
    item_id, field, current = found
    if not sep:
        interview._say(
            reply, interview.book.say("edit_current", item=item_id, value=current), "info"
        )
        return
    edited = interview._edit_item(item_id, field, value)  # the transcript gets it with `reply`
    reply.messages.extend(m for m in edited.messages)
    reply.accepted = edited.accepted
    reply.changed_ids = edited.changed_ids
    reply.saved = edited.saved


def _summary(interview: Interview, arg: str, reply: Reply) -> None:
    from assistant.interview.summary import summary

    interview._say(reply, summary(interview.journey, interview.book))
    reply.action = "summary"


def _suggest(interview: Interview, arg: str, reply: Reply) -> None:
    question = interview.question
    options = question.suggestions if question else ()
    if not options:
        interview._say(reply, interview.book.say("no_suggestions"), "info")
        return
    lines = [interview.book.say("suggestions_title")]
    lines.extend(f"{o.number}. {o.label}" for o in options)
    interview._say(reply, "\n".join(lines))


def _add_text(kind: str, field: str, echo: str) -> Callable[[Interview, str, Reply], None]:
    def add(interview: Interview, arg: str, reply: Reply) -> None:
        from assistant.model import TextItem

        if not arg:
            interview._say(reply, interview.book.say(f"help_{field}"), "warning")
            return
        ctx = interview._ctx()
        try:
            item = TextItem(id=ctx.ids.new(kind), text=arg, provenance=ctx.provenance())
        except ValueError as exc:
            interview._say(reply, interview.book.say("error_invalid", problem=str(exc)), "error")
            return
        getattr(interview.journey, field).append(item)
        interview._persist(reply, dirty=set())
        interview._say(reply, interview.book.say(echo, text=item.text), "echo")
        reply.accepted = True
        reply.changed_ids = [item.id]

    return add


def _as(interview: Interview, arg: str, reply: Reply) -> None:
    if not arg:
        interview.state.speaker = None
        interview._persist(reply, dirty=set())
        interview._say(reply, interview.book.say("echo_as_nobody"), "echo")
        return
    participant = interview.find_participant(arg)
    if participant is None:
        names = ", ".join(p.name for p in interview.journey.workshop.participants) or "—"
        interview._say(reply, interview.book.say("error_as", name=arg, names=names), "warning")
        return
    interview.state.speaker = participant
    interview._persist(reply, dirty=set())
    name = interview.journey.participant_name(participant)
    interview._say(reply, interview.book.say("echo_as", name=name), "echo")


def _save(interview: Interview, arg: str, reply: Reply) -> None:
    from pathlib import Path

    from assistant.store import MapFileError

    try:
        saved = interview.save(Path(arg).expanduser() if arg else None)
    except MapFileError as exc:
        interview._say(reply, str(exc), "error")
        return
    reply.messages.extend(saved.messages)
    reply.saved = saved.saved
    reply.action = saved.action


def _export(interview: Interview, arg: str, reply: Reply) -> None:
    interview._say(reply, interview.book.say("echo_export"), "info")
    reply.action = "export"


def _quit(interview: Interview, arg: str, reply: Reply) -> None:
    interview._persist(reply, dirty=set())
    interview._say(reply, interview.book.say("echo_quit", path=str(interview.path or "")), "info")
    reply.action = "quit"


_HANDLERS: dict[str, Callable[[Interview, str, Reply], None]] = {
    "help": _help,
    "?": _help,
    "back": _back,
    "skip": _skip,
    "undo": _undo,
    "edit": _edit,
    "summary": _summary,
    "suggest": _suggest,
    "park": _add_text("idea", "parking_lot", "echo_parked"),
    "note": _add_text("note", "notes", "echo_note"),
    "as": _as,
    "save": _save,
    "export": _export,
    "quit": _quit,
}

__all__ = ["COMMANDS", "AnswerError", "run"]
