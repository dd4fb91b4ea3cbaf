"""HTTP caching of reader pages: who may keep a copy, and for how long.

- A page that is the same for every signed-out reader may be kept by anyone, shared caches
  included, for ``PUBLIC_MAX_AGE`` seconds: ``Cache-Control: public, max-age=60``. A signed-out
  reader only ever gets a story's preview, so no full text is ever cached publicly.
- A page that depends on who asks (signed in: the meter, full text, "Saved", follows; or carrying
  a flash message or a CSRF token) is ``private, no-cache``: only the reader's own browser keeps
  it, and asks again each time.
- Every page says ``Vary: Cookie``: one address serves both kinds of page.
- An ETag of the bytes sent lets a browser or cache revalidate for a 304 (Django's
  ``ConditionalGetMiddleware``). It is computed after rendering, so it is right by construction:
  relative times ("10 minutes ago"), related stories and front-page choices change the page
  without the story changing, so a Last-Modified from the story row would be wrong.
"""

from __future__ import annotations

from functools import wraps

from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import conditional_page

PUBLIC_MAX_AGE = 60


def is_personal(request) -> bool:
    """Whether the page just rendered for ``request`` holds anything about who asked."""
    if request.user.is_authenticated:
        return True
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True  # a form with this browser's CSRF token
    messages = getattr(request, "_messages", None)
    return bool(messages is not None and messages.used and len(messages))


def set_reader_cache_headers(request, response):
    if "Cache-Control" in response:
        return response  # the view decided
    if is_personal(request) or response.status_code >= 500:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    patch_vary_headers(response, ["Cookie"])
    return response


def reader_page(view):
    """Cache headers and an ETag for a page readers read (see the module's docstring)."""

    @conditional_page
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return set_reader_cache_headers(request, view(request, *args, **kwargs))

    return wrapped
