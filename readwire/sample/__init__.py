"""The sample wire: a few days of a fictional Australian national newswire, "Readwire Newswire".

``python -m readwire.sample.generate`` writes it, deterministically, into ``readwire/sample/wire/``
(committed, so ``readwire demo`` needs no generation step) and its pictures into
``readwire/site/static/sample/pictures/``. ``readwire load_sample_wire`` loads it through the one
ingest service, like any wire.

Every time in the files lies within three days before ``BASE_TIME``; the loader moves them all by
one offset so that the newest story is a few minutes old when it is first loaded (``load.py`` says
how that stays idempotent). People, reporters and quotes are invented; institutions, places and
sporting clubs are real, so that the stories read like a wire.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
WIRE_DIR = PACKAGE_DIR / "wire"
MANIFEST = WIRE_DIR / "manifest.json"
PICTURES_DIR = PACKAGE_DIR.parent / "site" / "static" / "sample" / "pictures"
PICTURES_URL = "/static/sample/pictures/"

# The newest story in the files was filed at this moment; the rest in the three days before it.
BASE_TIME = datetime(2025, 6, 17, 21, 50, tzinfo=UTC)

AGENCY_SOURCE = "readwire-newswire"
PARTNER_SOURCE = "partner-press"
AGENCY = "Readwire Newswire"
COPYRIGHT_NOTICE = "© Readwire Newswire. All rights reserved."
USAGE_TERMS = (
    "For Readwire subscribers' personal reading. Republication, broadcast or redistribution "
    "requires a licence: use 'License this article' on the story page."
)
URI_PREFIX = "tag:newswire.readwire.example,2025:"
