"""The chat transcript: questions with Markdown help, answers, notices.

One line-API widget (not one widget per message): a message is rendered to strips once,
at the current width, and only the newest `window` messages are kept rendered, so a
keystroke or a new answer costs the same at message 10 and at message 1,000.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar, Protocol

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.message import Message as TextualMessage
from textual.scroll_view import ScrollView
from textual.strip import Strip

from assistant.tui.chrome import Chrome


class Message(Protocol):
    """What the transcript shows of a message: the engine's `Message`, or the opening
    words the screen shows before the engine has loaded."""

    @property
    def role(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def tone(self) -> str: ...
    @property
    def by(self) -> str | None: ...


class Transcript(ScrollView, can_focus=True):
    """Renders `Message`s as labelled blocks; the newest at the bottom."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "transcript--assistant",
        "transcript--user",
        "transcript--user-body",
        "transcript--system",
        "transcript--warning",
        "transcript--error",
        "transcript--success",
        "transcript--earlier",
        "transcript--echo",
    }

    DEFAULT_CSS = """
    Transcript { background: $surface; }
    """

    class FirstLines(TextualMessage):
        """Something is laid out to be painted for the first time (the width is known)."""

    def __init__(
        self,
        chrome: Chrome,
        *,
        window: int = 200,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.chrome = chrome
        self.window = window
        self._messages: list[Message] = []
        self._dropped = 0  # messages older than the window, counted, not rendered
        self._blocks: list[list[Strip]] = []
        self._lines: list[Strip] = []
        self._width = 0
        self._pass_style: Style | None = None  # the widget's style during one paint

    # -- public ---------------------------------------------------------------------------

    @property
    def message_count(self) -> int:
        return self._dropped + len(self._messages)

    @property
    def messages(self) -> list[Message]:
        return list(self._messages)

    def clear(self) -> None:
        self._messages.clear()
        self._blocks.clear()
        self._dropped = 0
        self._relayout()

    def add(self, messages: Iterable[Message]) -> None:
        new = list(messages)
        if not new:
            return
        self._messages.extend(new)
        if self._width:
            previous = (
                self._messages[len(self._messages) - len(new) - 1]
                if len(self._messages) > len(new)
                else None
            )
            for message in new:
                self._blocks.append(self._render_message(message, self._width, previous))
                previous = message
        overflow = len(self._messages) - self.window
        if overflow > 0:
            del self._messages[:overflow]
            del self._blocks[: max(0, len(self._blocks) - len(self._messages))]
            self._dropped += overflow
        self._relayout()
        self._follow()

    def _follow(self) -> None:
        """Show the newest line, now and once the new size is laid out."""
        self.scroll_end(animate=False, immediate=True, x_axis=False)
        self.call_after_refresh(self.scroll_end, animate=False, immediate=True, x_axis=False)

    def plain_text(self) -> str:
        """Everything shown, as text (tests, screen readers, copying)."""
        return "\n".join(strip.text.rstrip() for strip in self._lines)

    # -- rendering ------------------------------------------------------------------------

    def _relayout(self) -> None:
        lines: list[Strip] = []
        if self._dropped and self._width:
            style = self.get_component_rich_style("transcript--earlier")
            earlier = self.chrome.t("interview.earlier", count=self._dropped)
            lines.append(Strip([Segment(earlier[: self._width], style)]))
            lines.append(Strip.blank(self._width))
        for block in self._blocks:
            lines.extend(block)
        first = lines and not self._lines
        self._lines = lines
        self.virtual_size = Size(self._width, len(lines))
        self.refresh()
        if first:
            self.post_message(self.FirstLines())

    def _label(self, message: Message) -> tuple[str, Style]:
        role = message.role
        if role == "user":
            name = message.by or self.chrome.t("interview.you")
            return f"▍{name}", self.get_component_rich_style("transcript--user")
        if role == "system" or message.tone in ("warning", "error", "success"):
            tone = message.tone if message.tone in ("warning", "error", "success") else "system"
            text = self.chrome.t("interview.system")
            if role == "assistant":
                text = self.chrome.t("interview.assistant")
            return f"◆ {text}", self.get_component_rich_style(f"transcript--{tone}")
        return (
            f"◆ {self.chrome.t('interview.assistant')}",
            self.get_component_rich_style("transcript--assistant"),
        )

    def _body(self, message: Message) -> RenderableType:
        if message.role == "user":
            style = self.get_component_rich_style("transcript--user-body")
            return Text(message.text, style=style)
        simple = _simple_markdown(message.text)
        if simple is not None:  # most messages: a sentence with **bold**; no parser needed
            return simple
        from rich.markdown import Markdown

        return Markdown(message.text, hyperlinks=False)

    def _render_all(self, width: int) -> list[list[Strip]]:
        blocks = []
        previous: Message | None = None
        for message in self._messages:
            blocks.append(self._render_message(message, width, previous))
            previous = message
        return blocks

    def _render_message(
        self, message: Message, width: int, previous: Message | None = None
    ) -> list[Strip]:
        """A labelled block; an assistant message right after another one joins it, and
        echoes ("Noted.") are one quiet line."""
        renderable: RenderableType
        same_speaker = (
            previous is not None
            and previous.role == message.role == "assistant"
            and message.tone in ("info", "echo")
        )
        if message.role == "assistant" and message.tone == "echo":
            echo = Text("✓ ", style=self.get_component_rich_style("transcript--success"))
            echo.append_text(_simple_markdown(message.text) or Text(message.text))
            echo.stylize(self.get_component_rich_style("transcript--echo"))
            renderable = Padding(echo, (0, 1, 0, 2))
        elif same_speaker:
            renderable = Padding(self._body(message), (0, 1, 0, 2))
        else:
            label, label_style = self._label(message)
            renderable = Group(
                Text(label, style=label_style, no_wrap=True, overflow="ellipsis"),
                Padding(self._body(message), (0, 1, 0, 2)),
            )
        console = self.app.console
        options = console.options.update_width(max(10, width))
        base = self.rich_style
        strips = [
            Strip(line).extend_cell_length(width, base).apply_style(base)
            for line in console.render_lines(renderable, options, style=base, pad=False)
        ]
        strips.append(Strip.blank(width, base))
        return strips

    def on_resize(self) -> None:
        if self._set_width(self.scrollable_content_region.width):
            self._follow()

    def _set_width(self, region_width: int) -> bool:
        width = max(10, region_width)
        if width == self._width:
            return False
        self._width = width
        self._blocks = self._render_all(width)
        self._relayout()
        return True

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        # Colours are baked into the strips: render again after the new CSS applies.
        def again() -> None:
            if self._width:
                self._blocks = self._render_all(self._width)
                self._relayout()

        self.call_after_refresh(again)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width and not self._width and self._set_width(width):
            # The first paint comes before the Resize event: lay out now, so the opening
            # question is in the very first frame rather than the next one.
            self.call_later(self._follow)
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        style = self._pass_style or self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, style)
        return self._lines[index].crop_extend(scroll_x, scroll_x + width, style)

    def render_lines(self, crop: Region) -> list[Strip]:
        # `rich_style` walks every ancestor's styles (~0.25 ms): once per paint, not per line.
        self._pass_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._pass_style = None


_BLOCK = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#|>|```|\|)", re.MULTILINE)
_INLINE = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|`([^`]+)`")


def _simple_markdown(text: str) -> Text | None:
    """Paragraphs with only **bold**, *italic* and `code`, as Text; None for anything else
    (lists, headings, quotes, tables), which goes through the Markdown renderer."""
    if _BLOCK.search(text) or "[" in text or "__" in text:
        return None
    out = Text()
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip())]
    for index, paragraph in enumerate(paragraphs):
        if index:
            out.append("\n\n")
        position = 0
        for match in _INLINE.finditer(paragraph):
            out.append(paragraph[position : match.start()])
            bold, italic, code = match.groups()
            if bold is not None:
                out.append(bold, style="bold")
            elif italic is not None:
                out.append(italic, style="italic")
            else:
                out.append(code, style="bold")
            position = match.end()
        out.append(paragraph[position:])
    return out
