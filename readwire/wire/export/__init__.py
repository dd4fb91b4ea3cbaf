"""Wire formats out: a stored version rendered as ninjs 3.1, NewsML-G2 or plain text.

Each format is a module here with ``render(version: Version) -> str``.
"""

from __future__ import annotations

import importlib

from readwire.wire.models import Version

EXPORTERS = {"ninjs": "ninjs", "newsmlg2": "newsmlg2", "text": "text"}


def export_version(version: Version, format: str = "ninjs") -> str:
    if format not in EXPORTERS:
        raise ValueError(f"unknown export format {format!r}; choose one of {', '.join(EXPORTERS)}")
    module = importlib.import_module(f"readwire.wire.export.{EXPORTERS[format]}")
    return module.render(version)
