"""Key descriptions in the workshop's language.

Bindings carry ids (`journey.<name>`) so a user can remap them with a keymap; their
footer text comes from `keys.<name>` in prompts/<lang>/ui.yaml.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from assistant.tui.chrome import Chrome


def localize_bindings(node: DOMNode, chrome: Chrome) -> None:
    """Give this node's bindings descriptions in `chrome`'s language (instance only)."""
    translated = {}
    for key, bindings in node._bindings.key_to_bindings.items():
        row = []
        for binding in bindings:
            name = (binding.id or "").removeprefix("journey.")
            if binding.id and chrome.has(f"keys.{name}"):
                binding = replace(binding, description=chrome.t(f"keys.{name}"))
            row.append(binding)
        translated[key] = row
    node._bindings.key_to_bindings = translated
