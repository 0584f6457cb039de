"""The terminal app: the only package that imports textual.

`create_app()` (in `assistant.tui.app`) builds the app for the CLI, the tests and the bench.
"""
