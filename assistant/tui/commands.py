"""Every slash command in the command palette: picking one sends it to the interview
(or puts `/park ` in the answer box when the command needs words after it)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from assistant.slash import COMMANDS, TAKES_ARGUMENT
from assistant.tui.chrome import load_chrome
from assistant.tui.messages import SlashCommandChosen


class SlashCommands(Provider):
    def _commands(self) -> list[tuple[str, str, bool]]:
        language = getattr(getattr(self.screen, "session", None), "language", "en")
        chrome = load_chrome(language)
        return [
            (f"/{name}", chrome.t(f"commands.{name}"), name in TAKES_ARGUMENT) for name in COMMANDS
        ]

    def _choose(self, command: str, takes_argument: bool) -> None:
        self.screen.post_message(SlashCommandChosen(command, takes_argument))

    async def discover(self) -> Hits:
        for command, help_text, takes_argument in self._commands():
            yield DiscoveryHit(
                command, partial(self._choose, command, takes_argument), help=help_text
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, help_text, takes_argument in self._commands():
            score = max(matcher.match(command), matcher.match(help_text) * 0.8)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command),
                    partial(self._choose, command, takes_argument),
                    help=help_text,
                )
