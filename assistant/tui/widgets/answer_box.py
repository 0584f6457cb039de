"""Where answers are typed. Enter sends; for lists Ctrl+J (or Shift+Enter) adds a line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import TextArea

NEWLINE_KEYS = frozenset({"ctrl+j", "shift+enter", "alt+enter"})


class AnswerBox(TextArea):
    """A TextArea that submits on Enter. Most terminals send Shift+Enter as plain Enter,
    so Ctrl+J (a real line feed in every terminal) and Alt+Enter add a line too."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footer: the hint under the box says it for list questions, and a
        # footer entry that comes and goes recomposed the footer at every other question.
        Binding(
            "ctrl+j,shift+enter,alt+enter", "newline", "New line", id="journey.newline", show=False
        ),
    ]

    @dataclass
    class Submitted(Message):
        """The participant sent an answer (text as typed; may be several lines)."""

        box: AnswerBox
        text: str

        @property
        def control(self) -> AnswerBox:
            return self.box

    multiline: reactive[bool] = reactive(False)
    locked: reactive[bool] = reactive(False)  # while an answer is being handled

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            id=id,
            classes=classes,
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
            compact=True,
            highlight_cursor_line=False,
        )

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.action_submit()
            return
        if event.key in NEWLINE_KEYS:  # handled here, not only by the binding: a key typed
            event.stop()  # right after the question changed must not wait for the footer
            event.prevent_default()
            self.action_newline()
            return
        await super()._on_key(event)

    def action_submit(self) -> None:
        if self.locked:
            return  # an empty answer is sent too: Enter confirms, the engine decides
        self.post_message(self.Submitted(self, self.text))

    def action_newline(self) -> None:
        if self.multiline:
            self.insert("\n")
        else:
            self.action_submit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "newline":
            return self.multiline  # shown in the footer only for lists
        return super().check_action(action, parameters)

    def watch_multiline(self, multiline: bool) -> None:
        self.set_class(multiline, "-multiline")

    def put(self, text: str) -> None:
        """Replace the text and put the cursor at its end."""
        self.text = text
        self.move_cursor(self.document.end)
