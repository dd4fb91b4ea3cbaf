"""When two stories are one: the thresholds and the rules, in one place (docs/duplicates.md).

Pure functions of what the database holds about two stories, so that the linking code and the
quality measurement (``measure.py``) decide the same way.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from readwire.wire.duplicates.fingerprints import Similarity

# Containment (the share of the shorter story found in the longer) at or above which two
# stories are one. Chosen in the middle of the gap measured on the labelled pairs, between
# the most alike different stories and the least alike light rewrites: docs/duplicates.md.
THRESHOLD = 0.33
# A story under half the length of the other is a short copy (a teaser, a cut-down version) and
# must also open the way the other does. A brief that happens to sit inside a longer piece, a
# digest or a wrap of the day's news, does not: copies keep the lead.
SHORT_COPY_RATIO = 0.5
SHORT_COPY_LEAD = 0.3
# Copies of a story appear within hours, a weekly partner's within days. Stories further apart
# are not compared, which also keeps the candidate query bounded as the archive grows.
WINDOW = timedelta(days=7)


def is_duplicate(similarity: Similarity, threshold: float = THRESHOLD) -> bool:
    if similarity.containment < threshold:
        return False
    return similarity.size_ratio >= SHORT_COPY_RATIO or similarity.lead >= SHORT_COPY_LEAD


def same_line(source_a: int, slugline_a: str, source_b: int, slugline_b: str) -> bool:
    """Two stories of one source under one slugline are a story and its follow-up, never copies.

    Agencies send updates of a developing story (a write-through, a new lead) under the same
    slugline, sometimes with a new URI; they are versions of one story, and both stay visible.
    """
    slug_a, slug_b = _slug(slugline_a), _slug(slugline_b)
    return source_a == source_b and bool(slug_a) and slug_a == slug_b


def within_window(first_a: datetime, first_b: datetime) -> bool:
    return abs(first_a - first_b) <= WINDOW


def _slug(slugline: str) -> str:
    return " ".join(slugline.casefold().split())
