"""Reports from a journey map: Markdown, HTML, CSV, JSON and Mermaid.

    render(journey, "md", flavor="github", lang="fr") -> str
    write(journey, "html", Path("reports/")) -> Path  # reports/<slug>.html, atomically

Python prepares the view data (`view.py`); Jinja2 templates under `exports/<lang>/` (sharing
`exports/_shared/`) do the layout, in a sandbox. Never imports textual.
"""

from assistant.export.render import (
    EXTENSIONS,
    FLAVORS,
    FORMATS,
    ExportError,
    render,
    slug,
    write,
)

__all__ = ["EXTENSIONS", "FLAVORS", "FORMATS", "ExportError", "render", "slug", "write"]
