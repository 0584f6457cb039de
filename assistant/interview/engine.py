"""The interview engine: one question at a time, every accepted answer saved at once."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

from pydantic import ValidationError

from assistant.interview import steps_setup, steps_stage, steps_wrapup  # noqa: F401 (register)
from assistant.interview.api import Message, Option, Progress, Question, Reply, Tone
from assistant.interview.autosave import StageCache
from assistant.interview.context import AnswerError, Ctx, Outcome
from assistant.interview.flow import Step, find_step, next_step
from assistant.interview.parsing import ParseError
from assistant.interview.prompts import PromptBook, PromptFileError, _Blank, load_prompt_book
from assistant.interview.registry import HANDLERS
from assistant.interview.transcript import TranscriptWriter, load_transcript, transcript_path
from assistant.model import (
    Cursor,
    IdMaker,
    InterviewState,
    JourneyMap,
    Language,
    MapType,
)
from assistant.model.text import LINE_MAX, PARA_MAX, strip_control_chars
from assistant.store import (
    AutoSaver,
    MapFileError,
    MapLock,
    describe_validation_error,
    flush_pending_syncs,
    load_map,
    parse_map,
    read_wal,
)

ANSWER_MAX = PARA_MAX
UNDO_DEPTH = 50
_STAGELESS = ("setup", "persona", "personas", "stages", "opp", "votes", "review")
CONFIRM_KINDS = ("confirm",)


class InterviewError(Exception):
    """The interview cannot start (bad prompts, locked or unreadable map). One line."""


def today() -> dt.date:
    """Today, or the day SOURCE_DATE_EPOCH names (reproducible scripted runs)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def _book(language: str) -> PromptBook:
    try:
        return load_prompt_book(language)
    except PromptFileError as exc:
        raise InterviewError(str(exc)) from None


class Interview:
    """One workshop's interview over one map."""

    def __init__(
        self,
        journey: JourneyMap,
        *,
        path: Path | None,
        lock: MapLock | None = None,
        transcript: list[Message] | None = None,
    ) -> None:
        if journey.interview is None:
            journey.interview = InterviewState()
        self.journey = journey
        self.path = path
        self.book = _book(journey.language)
        self.transcript: list[Message] = list(transcript or [])
        self._lock = lock
        self._writer = TranscriptWriter(transcript_path(path) if path else None)
        self._ids = IdMaker(journey)
        self._undo: list[tuple[str, str]] = []  # (map JSON before an answer, the answer)
        self._dump = StageCache()
        self._saved_json: str = self._dump.dump(journey, None)
        self._saver: AutoSaver | None = None
        self._saves = journey.interview.saves
        self.last_save_error: str | None = None
        self._step: Step | None = self._locate()

    # -- construction ------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        *,
        path: Path | None,
        language: Language | None = None,
        title: str | None = None,
        map_type: MapType | None = None,
        template: str | None = None,
        mode: str | None = None,
    ) -> Interview:
        if path is not None and (path.exists() or read_wal(path) is not None):
            raise InterviewError(
                f"{path} already holds a map; continue it with `journey resume {path}` "
                "or choose another file"
            )
        lang: Language = language or _default_language()
        book = _book(lang)
        if template is not None and template not in book.templates:
            known = ", ".join(sorted(book.templates))
            raise InterviewError(f"unknown template {template!r} (available: {known})")
        given = [
            key
            for key, value in (
                ("setup.title", title),
                ("setup.map_type", map_type),
                ("setup.template", template),
                ("setup.mode", mode),
            )
            if value
        ]
        state = InterviewState(
            ask_language=language is None,
            template=None if template in (None, "blank") else template,
            given=given,
        )
        journey = JourneyMap(
            id=uuid.uuid4().hex[:12],
            title=title or book.say("untitled"),
            language=lang,
            map_type=map_type or "current",
            created=today(),
            interview=state,
        )
        journey.workshop.dates = [today()]
        if mode in ("solo", "facilitated"):
            journey.workshop.mode = mode  # type: ignore[assignment]
        lock = cls._take_lock(path)
        interview = cls(journey, path=path, lock=lock)
        if path is not None:
            interview._writer.rewrite([])
        interview._persist()
        return interview

    @classmethod
    def open(cls, path: Path) -> Interview:
        lock = cls._take_lock(path)
        try:
            journey = load_map(path)
        except MapFileError:
            if lock:
                lock.release()
            raise
        if journey.interview is None:
            # A map made elsewhere (a template, `journey future`): start at the review.
            journey.interview = InterviewState(cursor=Cursor(key="review"))
        if today() not in journey.workshop.dates:
            journey.workshop.dates.append(today())
        interview = cls(
            journey, path=path, lock=lock, transcript=load_transcript(transcript_path(path))
        )
        # Write straight away: folds in a crashed session's write-ahead record, and records
        # today's date among the workshop dates.
        interview._persist()
        return interview

    @staticmethod
    def _take_lock(path: Path | None) -> MapLock | None:
        if path is None:
            return None
        lock = MapLock(path)
        lock.acquire()  # MapLockedError names the other process
        return lock

    # -- state -------------------------------------------------------------------------

    @property
    def state(self) -> InterviewState:
        assert self.journey.interview is not None
        return self.journey.interview

    @property
    def finished(self) -> bool:
        return self._step is None

    @property
    def question(self) -> Question | None:
        return self._question(self._step) if self._step else None

    def _ctx(self) -> Ctx:
        return Ctx(self.journey, self.book, self._ids, speaker=self.state.speaker)

    def _locate(self) -> Step | None:
        cursor = self.state.cursor
        if cursor is None:
            if self.state.answers == 0:
                step = next_step(self.journey, None)
                self.state.cursor = step.cursor if step else None
                return step
            return None
        return find_step(self.journey, cursor) or Step(cursor.key, cursor.item_id)

    # -- the conversation --------------------------------------------------------------

    def start(self) -> Reply:
        reply = Reply()
        if self.transcript:
            self._say(reply, self.book.say("welcome_back", answers=self.state.answers))
        else:
            self._say(reply, self.book.say("welcome"))
        self._ask(reply)
        return self._finish(reply)

    def answer(self, text: str) -> Reply:
        """Typed text or a slash command. Never raises on user input."""
        from assistant.interview import commands

        raw = text if isinstance(text, str) else str(text)
        if len(raw) > ANSWER_MAX:
            reply = Reply()
            self._say(
                reply, self.book.say("error_too_long", limit=ANSWER_MAX, length=len(raw)), "error"
            )
            self._ask(reply, repeat=True)
            return self._finish(reply)  # the refusal is part of the conversation
        multiline = self._step is not None and self._question_kind(self._step) in ("list", "lines")
        clean = strip_control_chars(raw, multiline=True).strip()
        if not multiline and "\n" in clean and not clean.startswith("/"):
            clean = " ".join(clean.split())
        if clean.startswith("/") and not clean.startswith("//"):
            return self._finish(commands.run(self, clean))
        if clean.startswith("//"):
            clean = clean[1:]
        return self._answer_step(clean)

    def _answer_step(self, text: str) -> Reply:
        reply = Reply()
        speaker, text = self._attribution(text)
        by_name = self.journey.participant_name(speaker) if speaker else None
        if text or self._step is None:
            reply.messages.append(Message("user", text, by=by_name))
        step = self._step
        if step is None:
            self._say(reply, self.book.say("error_finished"), "warning")
            return self._finish(reply)
        kind = self._question_kind(step)
        if not text and kind not in CONFIRM_KINDS and not HANDLERS[step.key].empty_ok:
            self._say(reply, self.book.say("error_empty"), "warning")
            self._ask(reply, repeat=True, with_help=True)
            return self._finish(reply)
        too_long = (
            LINE_MAX if kind in ("text",) and step.key.endswith((".title", ".name")) else None
        )
        if too_long and len(text) > too_long:
            self._say(
                reply, self.book.say("error_too_long", limit=too_long, length=len(text)), "error"
            )
            self._ask(reply, repeat=True)
            return self._finish(reply)
        before = self._saved_json
        ctx = self._ctx()
        ctx.speaker = speaker
        try:
            outcome = HANDLERS[step.key].apply(ctx, step, text)
        except (AnswerError, ParseError) as exc:  # handlers may let a ParseError through
            self._restore(before)
            self._say(reply, self.book.say(exc.key, **exc.values), "error")
            self._ask(reply, repeat=True)
            return self._finish(reply)
        except ValidationError as exc:
            self._restore(before)
            self._say(reply, self.book.say("error_invalid", problem=_problem(exc)), "error")
            self._ask(reply, repeat=True)
            return self._finish(reply)
        self._undo.append((before, text))
        del self._undo[:-UNDO_DEPTH]
        self._push_back(step)
        self.state.answers += 1
        self._advance(outcome, step)
        if step.key == "setup.language" and self.book.language != self.journey.language:
            self.book = _book(self.journey.language)
        for echo in outcome.echoes:
            self._say(reply, echo, "echo")
        for warning in outcome.warn:
            self._say(reply, warning, "warning")
        reply.accepted = True
        reply.changed_ids = outcome.changed
        self._persist(reply, dirty=self._dirty_stages(step))
        self._ask(reply)
        if self._step is None:
            reply.action = "export"
        return self._finish(reply)

    def _attribution(self, text: str) -> tuple[str | None, str]:
        """`@Mehdi the form is too long` credits Mehdi; otherwise the current speaker."""
        speaker = self.state.speaker
        if text.startswith("@") and self.journey.workshop.participants:
            head, _, rest = text[1:].partition(" ")
            participant = self.find_participant(head)
            if participant is not None:
                return participant, rest.strip()
        return speaker, text

    def find_participant(self, name: str) -> str | None:
        from assistant.interview.parsing import fold

        wanted = fold(name).strip(" :,")
        if not wanted:
            return None
        for participant in self.journey.workshop.participants:
            full = fold(participant.name)
            if full == wanted or full.split(" ")[0] == wanted:
                return participant.id
        matches = [
            p.id for p in self.journey.workshop.participants if fold(p.name).startswith(wanted)
        ]
        return matches[0] if len(matches) == 1 else None

    def _advance(self, outcome: Outcome, step: Step) -> None:
        state = self.state
        if outcome.goto is not None:
            key, item_id = outcome.goto
            if key == "done":
                state.return_to = None
                self._step = None
            else:
                target = Cursor(key=key, item_id=item_id)
                self._step = find_step(self.journey, target) or Step(key, item_id)
        elif state.return_to is not None:
            self._step = Step(state.return_to.key, state.return_to.item_id)
            state.return_to = None
        else:
            self._step = next_step(self.journey, step.cursor)
        state.cursor = self._step.cursor if self._step else None

    def _push_back(self, step: Step) -> None:
        back = self.state.back
        if not back or not step.same(back[-1]):  # pydantic __eq__ is slow on a hot path
            back.append(step.cursor)
        if len(back) > 400:
            del back[:-400]

    def go_back(self) -> bool:
        """Move to the previous question. Changes nothing when there is none: the state in
        memory must stay the state on disk (found by the property test: /back /back)."""
        back = list(self.state.back)
        while back:
            cursor = back.pop()
            step = find_step(self.journey, cursor)
            if step is not None and (self._step is None or not step.same(self._step.cursor)):
                back.append(cursor)  # still visited: its question shows the current value
                self.state.back = back
                self._step = step
                self.state.cursor = cursor
                return True
        return False

    def skip(self) -> bool:
        step = self._step
        if step is None or not HANDLERS[step.key].skippable(self._ctx(), step):
            return False
        self._push_back(step)
        self._advance(Outcome(), step)
        return True

    def undo(self) -> str | None:
        """Return to the map as it was before the last accepted answer; the answer."""
        if not self._undo:
            return None
        before, answer = self._undo.pop()
        self._restore(before)
        self._step = self._locate()
        return answer

    def _restore(self, saved_json: str) -> None:
        self.journey = parse_map(saved_json, source="undo")
        self._ids = IdMaker(self.journey)
        self._dump = StageCache()
        self._saved_json = self._dump.dump(self.journey, None)

    # -- saving ------------------------------------------------------------------------

    def _dirty_stages(self, step: Step) -> set[str] | None:
        """The stages an answer to `step` can change; None when it may change any."""
        prefix = step.key.split(".")[0]
        if prefix in ("stage", "touchpoint", "emotion", "pain"):
            from assistant.interview.flow import stage_index_of

            if not self.journey.stages:
                return None
            return {self.journey.stages[stage_index_of(self.journey, step.cursor)].id}
        if step.key == "stages.confirm" or prefix not in _STAGELESS:
            return None
        return set()

    def _persist(self, reply: Reply | None = None, dirty: set[str] | None = None) -> None:
        """Save now. `dirty`: the stages that changed (None: any may have)."""
        if self.journey.updated != today():
            self.journey.updated = today()  # assignment re-checks the whole map: only daily
        # Counted here, not in the map: /undo restores an older map, and a counter that
        # went back with it would let an older file beat a newer write-ahead record.
        self._saves += 1
        self.state.saves = self._saves
        text = self._dump.dump(self.journey, dirty)
        self._saved_json = text
        if self.path is None:
            return
        if self._saver is None:
            self._saver = AutoSaver(self.path)
        try:
            self._saver.save(text)
        except OSError as exc:
            self._report_save_error(reply, f"{self.path}: {exc.strerror or exc}")
            return
        if self._saver.error is not None:
            self._report_save_error(reply, self._saver.error)
            return
        self.last_save_error = None
        if reply is not None:
            reply.saved = True

    def _report_save_error(self, reply: Reply | None, problem: str) -> None:
        self.last_save_error = problem
        if reply is not None:
            reply.save_error = problem
            self._say(reply, self.book.say("error_save", problem=problem), "error")

    def flush(self) -> str | None:
        """Wait until the map file holds the last answer (tests, exports); the error."""
        return self._saver.flush() if self._saver is not None else None

    def save(self, path: Path | None = None) -> Reply:
        reply = Reply()
        if path is not None and path != self.path:
            new_lock = self._take_lock(path)
            if self._lock:
                self._lock.release()
            self._lock = new_lock
            if self._saver is not None:
                self._saver.close()
                self._saver = None
            self.path = path
            self._writer.close()
            self._writer = TranscriptWriter(transcript_path(path))
            self._writer.rewrite(self.transcript)
        if self.path is None:
            self._say(reply, self.book.say("error_no_path"), "warning")
            return reply
        self._persist(reply)
        if reply.saved:
            self._say(reply, self.book.say("echo_saved", path=str(self.path)), "success")
            reply.action = "saved"
        return reply

    def close(self) -> None:
        self._writer.close()
        if self._saver is not None:
            self._saver.close()
            self._saver = None
        flush_pending_syncs()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Interview:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- editing from the review grid --------------------------------------------------

    def edit_item(self, item_id: str, field: str, value: str) -> Reply:
        return self._finish(self._edit_item(item_id, field, value))

    def _edit_item(self, item_id: str, field: str, value: str) -> Reply:
        """edit_item without writing the transcript (`/edit` writes it with the command)."""
        from assistant.interview.editing import apply_edit

        reply = Reply()
        before = self._saved_json
        try:
            echo = apply_edit(self._ctx(), item_id, field, strip_control_chars(value).strip())
        except AnswerError as exc:
            self._restore(before)
            self._say(reply, self.book.say(exc.key, **exc.values), "error")
            return reply
        except ValidationError as exc:
            self._restore(before)
            self._say(reply, self.book.say("error_invalid", problem=_problem(exc)), "error")
            return reply
        self._undo.append((before, f"/edit {item_id} {field}"))
        reply.accepted = True
        reply.changed_ids = [item_id]
        self._say(reply, echo, "echo")
        self._persist(reply)
        return reply

    # -- questions ---------------------------------------------------------------------

    def _question_kind(self, step: Step) -> str:
        return self.book.question(step.key).kind

    def _question(self, step: Step) -> Question:
        spec = self.book.question(step.key)
        handler = HANDLERS[step.key]
        ctx = self._ctx()
        values = handler.values(ctx, step)
        choices = handler.choices(ctx, step)
        suggestions = handler.suggestions(ctx, step)
        return Question(
            key=step.key,
            text=spec.text.format_map(_Blank(values)),
            help=spec.help.format_map(_Blank(values)),
            examples=tuple(spec.examples),
            kind=spec.kind,
            multiline=spec.kind in ("list", "lines"),
            optional=handler.skippable(ctx, step),
            options=tuple(
                Option(i, c.label, c.value, c.detail) for i, c in enumerate(choices, start=1)
            ),
            suggestions=tuple(
                Option(i, s.text, s.text, s.detail) for i, s in enumerate(suggestions, start=1)
            ),
            # What the map already holds, shown only when coming back to a question: on a
            # first visit a default ("Solo") would read as if someone had answered it.
            current=handler.current(ctx, step) if self._visited(step) else None,
            progress=self._progress(step),
            item_id=step.item_id,
        )

    def _visited(self, step: Step) -> bool:
        return any(step.same(cursor) for cursor in self.state.back)

    def _progress(self, step: Step) -> Progress:
        journey = self.journey
        count = len(journey.stages)
        phase = step.key.split(".")[0]
        stage_index: int | None = None
        stage_name: str | None = None
        if phase in ("stage", "touchpoint", "emotion", "pain"):
            from assistant.interview.flow import stage_index_of

            index = stage_index_of(journey, step.cursor)
            stage_index = index + 1
            stage_name = journey.stages[index].name if journey.stages else None
            percent = 20 + int(60 * index / max(count, 1))
            phase = "stage"
        else:
            percent = {
                "setup": 3,
                "personas": 12,
                "persona": 14,
                "stages": 18,
                "opp": 82,
                "votes": 94,
                "review": 97,
            }.get(phase, 50)
        return Progress(
            phase=phase,
            phase_label=self.book.say(f"phase.{phase}"),
            stage_index=stage_index,
            stage_count=count,
            stage_name=stage_name,
            percent=percent,
        )

    def _ask(self, reply: Reply, *, repeat: bool = False, with_help: bool = False) -> None:
        question = self.question
        reply.question = question
        if question is None:
            self._say(reply, self.book.say("finished", path=str(self.path or "")), "success")
            return
        text = question.text
        if with_help and question.help:
            text = f"{text}\n\n{question.help}"
        if not repeat or with_help:
            self._say(reply, text)

    def _say(self, reply: Reply, text: str, tone: Tone = "info") -> None:
        reply.messages.append(Message("assistant", text, tone))

    def _finish(self, reply: Reply) -> Reply:
        """Keep the exchange in the transcript, in memory and beside the map."""
        self.transcript.extend(reply.messages)
        self._writer.append(reply.messages)
        return reply


def _default_language() -> Language:
    lang = (os.environ.get("LC_ALL") or os.environ.get("LANG") or "").lower()
    return "fr" if lang.startswith("fr") else "en"


def _problem(exc: ValidationError) -> str:
    return describe_validation_error(exc)
