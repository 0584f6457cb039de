"""The plain front end: the interview line by line on stdin/stdout.

For screen readers, dumb terminals and pipes (`journey chat --plain < answers.txt`). One
line is one answer; a list answer may also be given as bullet lines (`- item`), ended by
an empty line. Rich prints the questions; NO_COLOR and TERM=dumb give plain text.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.markdown import Markdown

from assistant.interview import Interview, Question, Reply
from assistant.model.text import strip_control_chars


class PlainChat:
    def __init__(self, interview: Interview, stdin: TextIO, console: Console) -> None:
        self.interview = interview
        self.stdin = stdin
        self.console = console
        self.interactive = stdin.isatty()

    def show(self, reply: Reply) -> None:
        for message in reply.messages:
            if message.role == "user":
                continue
            style = {"error": "bold red", "warning": "yellow", "echo": "green"}.get(message.tone)
            if style:
                self.console.print(message.text, style=style, markup=False, highlight=False)
            else:
                self.console.print(Markdown(message.text))
        question = reply.question
        if question is not None and (question.options or question.suggestions):
            self.show_options(question)

    def show_options(self, question: Question) -> None:
        for option in question.options or question.suggestions:
            detail = f" — {option.detail}" if option.detail else ""
            self.console.print(
                f"  {option.number}. {option.label}{detail}", markup=False, highlight=False
            )
        if question.current:
            self.console.print(f"  (now: {question.current})", style="dim", markup=False)

    def lines(self) -> Iterator[str]:
        while True:
            if self.interactive:
                self.console.print("> ", end="")
            line = self.stdin.readline()
            if not line:
                return
            line = line.rstrip("\n")
            if line.lstrip().startswith("- "):
                # Bullet lines make one list answer; an empty line (or EOF) ends it.
                items = [line]
                while True:
                    more = self.stdin.readline()
                    if not more or not more.strip():
                        break
                    items.append(more.rstrip("\n"))
                line = "\n".join(items)
            yield line

    def run(self) -> int:
        self.show(self.interview.start())
        for line in self.lines():
            if not self.interactive:
                # Echo what the engine keeps, not the raw bytes: ESC, NUL or invalid UTF-8
                # in the input must not reach the terminal or the log it is piped to.
                shown = strip_control_chars(line, multiline=True)
                self.console.print(f"> {shown}", markup=False, highlight=False)
            reply = self.interview.answer(line)
            self.show(reply)
            if reply.action == "quit":
                return 0
            if reply.action == "export" or self.interview.finished:
                self.export()
                if self.interview.finished:
                    return 0
        self.console.print(self.interview.book.say("echo_quit", path=str(self.interview.path)))
        return 0

    def export(self) -> None:
        from assistant.export import ExportError, write

        path = self.interview.path
        if path is None:
            return
        try:
            report = write(self.interview.journey, "md", path.with_suffix(".md"))
        except (ExportError, OSError) as exc:
            self.console.print(f"report not written: {exc}", style="red", markup=False)
            return
        self.console.print(f"report: {report}", markup=False, highlight=False)


def run_plain(interview: Interview, stdin: TextIO | None = None, out: TextIO | None = None) -> int:
    console = Console(file=out or sys.stdout, highlight=False, soft_wrap=True)
    return PlainChat(interview, stdin or sys.stdin, console).run()


def default_map_path(title_hint: str = "workshop") -> Path:
    import datetime as dt

    from assistant.paths import default_maps_dir

    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    return default_maps_dir() / f"{title_hint}-{stamp}.json"
