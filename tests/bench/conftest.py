"""The benchmark is a script, not a test: pytest collects nothing here."""

collect_ignore_glob = ["*.py"]
