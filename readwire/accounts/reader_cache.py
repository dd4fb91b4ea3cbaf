"""What a signed-in request asks about its reader, kept in a cache every process shares.

Every signed-in request loads the reader's row (Django's session authentication does, before any
view runs), and a story page asks whether the reader has full access and whether the story is saved.
Those are three or four small queries that nearly always give the same answer, and on a page the
server otherwise answers from its own copy (``site.page_cache``) they were most of the work. So the
answers are kept here, in the ``sessions`` cache (Redis when ``REDIS_URL`` is set, else files under
``var/``): the same store that already says which reader a session belongs to.

Freshness: each answer is kept under the reader's *version*, a random value replaced whenever
anything kept here may have changed (``reader_changed``). It is replaced at once and again when the
change commits, so an answer a concurrent request builds from the state before the commit is kept
under a version nobody asks for again. The receivers in ``accounts.apps`` and ``billing.apps`` call
it for every save and delete of a user, a saved story or an access grant.

**The rule:** code that changes what is kept here without a model signal (``QuerySet.update()``,
raw SQL) calls ``reader_changed(reader_id)`` itself; a new fact kept here gets a receiver for each
model it is built from. Answers also expire after ``SECONDS``, which bounds the harm of a change
that was missed, or made while the cache was down.

If the cache does not answer, every question is put to the database, as if nothing were kept.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches
from django.db import transaction

from readwire.lib import request_memo, stamps

T = TypeVar("T")
log = logging.getLogger(__name__)

CACHE_ALIAS = "sessions"
# Kept no longer than a server's copy of a page: a minute.
SECONDS = 60
# A version outlives every answer kept under it; once it expires, the next request makes a new one.
# (Kept for ever, there would be one for every reader who ever signed in.)
VERSION_SECONDS = 24 * 60 * 60


class _Unavailable(Exception):
    pass


def _call(method: str, *args, **kwargs):
    try:
        return getattr(caches[CACHE_ALIAS], method)(*args, **kwargs)
    except Exception as exc:
        log.warning("the reader cache is unavailable, readers are looked up in the database: %s", exc)
        raise _Unavailable from exc


def _version_key(reader_id) -> str:
    return f"reader-version:{reader_id}"


def _version(reader_id) -> str:
    return stamps.current(_call, _version_key(reader_id), VERSION_SECONDS)


def remembered(reader_id, fact: str, build: Callable[[], T]) -> T:
    """``build()``, the answer to ``fact`` about reader ``reader_id``, kept until the reader changes.

    A reader's answers are kept together, in one record per version, so a request that asks three
    questions makes two trips to the cache (the version and the record), both once per request.
    """
    try:
        key = f"reader:{reader_id}:{_version(reader_id)}"
        record = request_memo.memoised(key, lambda: _call("get", key) or {})
    except _Unavailable:
        return build()
    if fact in record:
        return record[fact]
    value = build()
    record[fact] = value
    # A concurrent request may write its own record without this answer over this one; the
    # answer is then built again on a later request. Never wrong, as both hold this version's state.
    with contextlib.suppress(_Unavailable):
        _call("set", key, record, SECONDS)
    return value


def reader_changed(reader_id) -> None:
    """Forget every answer kept about reader ``reader_id``: now, and when the change commits."""
    _new_version(reader_id)
    transaction.on_commit(lambda: _new_version(reader_id))


def _new_version(reader_id) -> None:
    stamps.replace(_call, _version_key(reader_id), VERSION_SECONDS, _Unavailable)


def forget_reader(sender, instance, **kwargs) -> None:
    """A receiver of ``post_save`` and ``post_delete`` for a model that is, or belongs to, a reader:
    the user model itself, or a model with a ``user`` or ``reader`` foreign key."""
    from django.contrib.auth import get_user_model

    if isinstance(instance, get_user_model()):
        reader_changed(instance.pk)
        return
    reader_id = getattr(instance, "user_id", None) or getattr(instance, "reader_id", None)
    if reader_id is not None:
        reader_changed(reader_id)
