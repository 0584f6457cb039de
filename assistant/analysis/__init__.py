"""Reading maps: checks, prioritisation, feedback import, diffs. No I/O of its own, no UI."""
