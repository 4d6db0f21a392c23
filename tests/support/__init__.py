"""Helpers shared by the test suite (no tests live here)."""
