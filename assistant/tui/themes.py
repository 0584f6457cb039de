"""Our three themes: dark (default), light, and a high-contrast one for projectors."""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="journey-dark",
    primary="#5FB3F9",
    secondary="#9D8CF5",
    accent="#F5B14C",
    warning="#F5B14C",
    error="#F2706B",
    success="#6CCB8A",
    foreground="#E6E9EF",
    background="#161A22",
    surface="#1E2330",
    panel="#262C3B",
    dark=True,
)

LIGHT = Theme(
    name="journey-light",
    primary="#1F6FD1",
    secondary="#6A4FD8",
    accent="#B35C00",
    warning="#A85B00",
    error="#C62828",
    success="#2E7D32",
    foreground="#1B1F27",
    background="#F7F7F4",
    surface="#FFFFFF",
    panel="#E9ECF2",
    dark=False,
)

CONTRAST = Theme(
    name="journey-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFB000",
    error="#FF5050",
    success="#00FF66",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    dark=True,
    luminosity_spread=0.05,
    text_alpha=1.0,
)

THEMES: tuple[Theme, ...] = (DARK, LIGHT, CONTRAST)
THEME_NAMES: tuple[str, ...] = tuple(theme.name for theme in THEMES)
