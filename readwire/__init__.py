"""Readwire: a news agency's wire, delivered straight to paying readers."""

__version__ = "0.1.0"
