"""The authentication backend: Django's ``ModelBackend``, with the reader's row kept between requests.

Django loads the signed-in reader's row on every request (``get_user``) to check the session
against it. The row is kept by ``reader_cache`` instead, so a signed-in page needs no query to
learn who is asking; any save or delete of the row (a new password, ``is_active`` turned off) is
a new version of the reader there, so the next request loads the row again and the session check
sees the change.
"""

from __future__ import annotations

import copy

from django.contrib.auth.backends import ModelBackend

from readwire.accounts import reader_cache

# The dotted path sessions record: ``login(request, user, backend=READER_BACKEND)``.
READER_BACKEND = "readwire.accounts.backends.ReaderBackend"


class ReaderBackend(ModelBackend):
    def get_user(self, user_id):
        # None (no such reader, or not active) is kept too: a deleted reader's session stays signed out.
        user = reader_cache.remembered(user_id, "user", lambda: super(ReaderBackend, self).get_user(user_id))
        # A copy: what a view changes on request.user without saving must never reach the kept row.
        return copy.copy(user) if user is not None else None
