"""The guided interview: questions as data, answers understood, nothing lost.

Pure: no textual, no rich, no printing. Front ends create an `Interview`, show its
`Question`s, pass typed text to `Interview.answer()`, and render the `Reply`.

    interview = Interview.create(path=Path("map.json"), language="fr")   # new map, locked
    interview = Interview.open(Path("map.json"))                         # resume, locked
    reply = interview.start()          # greeting (or "welcome back") + the current question
    reply = interview.answer("Sarah")  # or a command: "/back", "/undo", "/park idea", ...
    interview.close()                  # releases the lock (also a context manager)

`interview.journey` is the live map (read it, never mutate it from a front end: send an
answer or call `interview.edit_item()`); `interview.transcript` holds every message;
`interview.question` is the current question (None when finished).
"""

from assistant.interview.api import Message, Option, Progress, Question, Reply
from assistant.interview.engine import Interview, InterviewError
from assistant.interview.prompts import PromptBook, PromptFileError, load_prompt_book

__all__ = [
    "Interview",
    "InterviewError",
    "Message",
    "Option",
    "Progress",
    "PromptBook",
    "PromptFileError",
    "Question",
    "Reply",
    "load_prompt_book",
]
