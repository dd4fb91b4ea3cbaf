"""HTTP caching of reader pages: who may keep a copy, and for how long.

- A page that is the same for every signed-out reader may be kept by anyone, shared caches
  included, for ``PUBLIC_MAX_AGE`` seconds: ``Cache-Control: public, max-age=60``. A signed-out
  reader only ever gets a story's preview, so no full text is ever cached publicly.
- A page that depends on who asks (signed in: the meter, full text, "Saved", follows; or carrying
  a flash message or a CSRF token) is ``private, no-cache``: only the reader's own browser keeps
  it, and asks again each time.
- Every page says ``Vary: Cookie``: one address serves both kinds of page.
- The server keeps its own copy of a page for the same minute (``site.page_cache``), the whole page
  for signed-out readers and all but the personal parts for signed-in ones.
- An ETag of the bytes sent lets a browser or cache revalidate for a 304 (Django's
  ``ConditionalGetMiddleware``). It is computed after rendering, so it is right by construction:
  relative times ("10 minutes ago"), related stories and front-page choices change the page
  without the story changing, so a Last-Modified from the story row would be wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import wraps

from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import conditional_page

from readwire.site import page_cache

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


def reader_page(view=None, *, query: Iterable[str] = (), keep: bool = True):
    """Cache headers and an ETag for a page readers read (see the module's docstring).

    With ``keep``, a signed-out reader's page is answered from the server's copy when there is one
    (``page_cache.signed_out_page``); ``query`` names the query parameters the page reads, and a
    request with any other parameter is neither answered from nor kept in that copy.
    """

    def decorate(view):
        @conditional_page
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            def build():
                return view(request, *args, **kwargs)

            if keep and not request.user.is_authenticated:
                response = page_cache.signed_out_page(request, query, build)
            else:
                response = build()
            return set_reader_cache_headers(request, response)

        return wrapped

    return decorate(view) if view is not None else decorate
