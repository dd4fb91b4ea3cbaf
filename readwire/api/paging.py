"""Cursor paging: a page ends with an opaque ``next_cursor`` that the client sends back as ``cursor``.

A cursor is the position of the last item shown, (time, id), base64url-encoded JSON. Lists are
ordered newest first by that pair, so the next page starts strictly after it: stories arriving
meanwhile go to the top and never push an item onto the next page twice or off it unseen.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime

from django.db.models import Q, QuerySet

from readwire.api.problems import problem, problem_type


class InvalidCursor(ValueError):
    pass


def encode_cursor(moment: datetime, pk: int) -> str:
    raw = json.dumps([moment.astimezone(UTC).isoformat(), pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        moment_text, pk = json.loads(raw)
        moment = datetime.fromisoformat(moment_text)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError, RecursionError):
        raise InvalidCursor(cursor) from None
    if not isinstance(pk, int) or isinstance(pk, bool) or not 0 <= pk < 2**63 or moment.tzinfo is None:
        raise InvalidCursor(cursor)
    try:
        return moment.astimezone(UTC), pk
    except OverflowError:
        raise InvalidCursor(cursor) from None


def page_of(queryset: QuerySet, *, time_field: str, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """One page of ``queryset`` newest first by (``time_field``, pk), and the cursor of the next page."""
    if cursor:
        moment, pk = decode_cursor(cursor)
        queryset = queryset.filter(Q(**{f"{time_field}__lt": moment}) | Q(**{time_field: moment, "pk__lt": pk}))
    rows = list(queryset.order_by(f"-{time_field}", "-pk")[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], encode_cursor(getattr(last, time_field), last.pk)


def invalid_cursor_problem():
    return problem(
        400,
        "the cursor is not one this API gave out; start again without it",
        type=problem_type("invalid-cursor"),
        title="Invalid cursor",
    )
