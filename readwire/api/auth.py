"""Who is asking: an app with a token, the website's own JavaScript with the session, or nobody.

- ``Authorization: Bearer rw_...``: a reader's API token (``readwire.api.tokens``). A token that is
  unknown or revoked is refused with a 401 rather than treated as anonymous, so an app learns at
  once that its token stopped working instead of quietly showing previews.
- The session cookie, for the website's scripts. Unsafe methods need the CSRF token as well
  (``X-CSRFToken``), exactly as a form post would; a token-authenticated request needs none,
  because browsers never attach a bearer token on their own.

``READER`` guards what belongs to a reader (401 without one); ``ANYONE`` lets story endpoints answer
everybody, with the reader, if any, in ``request.auth`` for the paywall.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from readwire.api.problems import ANONYMOUS_ALLOWED
from readwire.api.tokens import reader_for_token


class ReaderToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        reader = reader_for_token(token.strip())
        if reader is None:
            raise AuthenticationError(
                401, "the API token is unknown or was revoked; make a new one at /account/tokens/"
            )
        # Views and the paywall look at request.user, whichever way the reader signed in.
        request.user = reader
        return reader


class ReaderSession(APIKeyCookie):
    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            # No session: a 401 says more than a CSRF failure would.
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "a signed-in browser must send the CSRF token (X-CSRFToken header) with this request")
        return user

    def authenticate(self, request: HttpRequest, key: str | None):  # pragma: no cover - __call__ decides
        return None


def anyone(request: HttpRequest):
    """The last resort for endpoints open to everybody: an anonymous reader."""
    request.user = AnonymousUser()
    return request.user


READER = [ReaderToken(), ReaderSession()]
ANYONE = [*READER, anyone]
# For answers that are the same whoever asks (the story list): a token is still checked, so a
# revoked one is refused, but a browser's session is not looked up, since it would change nothing.
ANYONE_ALIKE = [ReaderToken(), anyone]
# For an operation's openapi_extra: the OpenAPI document then says "either credential, or none".
OPTIONAL_SECURITY = {ANONYMOUS_ALLOWED: True}
