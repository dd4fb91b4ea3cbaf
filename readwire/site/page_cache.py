"""The server's own copy of rendered reader pages, so a page is built once, not once a request.

A reader page costs 10 to 30 ms of a worker to build (the front page's lists, a story's versions,
related stories and corrections log, and the template), against about 1 ms for what the server
stack itself costs. Most of that work is the same for everybody who asks in the same minute, so it
is kept in the ``pages`` cache (Redis when ``REDIS_URL`` is set, else files under ``var/``, so every
worker process shares it) for ``READWIRE_PAGE_CACHE_SECONDS`` (60 by default, the same minute the
``Cache-Control`` header already lets any cache keep a signed-out page; 0 turns this off).

Two audiences:

- **Signed out.** Every signed-out reader gets the same page (a story's preview, the site's time
  zone), so ``reader_page`` keeps the whole response and answers the next signed-out reader from it
  without running the view at all.
- **Signed in.** The view still runs its personal part (who the reader is, the paywall's decision,
  which spends a free story of the meter, whether the story is saved or the desk followed) and
  hands ``shared_render`` those answers as the *audience*: the page is built once per audience and
  kept. The only other personal thing on a page, the CSRF token of its forms, is rendered as a
  placeholder and filled in for each reader on the way out.

  **The rule for templates:** whatever a reader page shows that depends on who is asking must be in
  the audience the view passes, or come from ``{% csrf_token %}``. ``page_cache``'s tests render
  every cached page for readers who differ in each of these ways and fail on any mix-up.

What is never kept: anything but a 200 (an embargoed story's 404 must turn into the story the
moment its time comes), a page carrying a flash message (it belongs to the reader it was for), a
request with query parameters the page does not use (so nobody can fill the cache with made-up
addresses, or put their own parameters into links that others would be served), and the search
page (its questions are the readers' own).

Freshness: every copy is keyed by the wire's *generation*, a value that changes whenever a story
arrives, changes or is withdrawn (``story_changed``, after placement and duplicate linking), or an
editor changes the front page, a desk, or a story's placement. So a withdrawn story leaves every
page at once, and a new one reaches the front page at once; only what changes with the clock alone
(an embargo lifting, "10 minutes ago") waits for the copy to expire.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from readwire.lib import stamps

T = TypeVar("T")
log = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
GENERATION_KEY = "wire-generation"
# Rendered in place of the CSRF token; a value no token can take (tokens are letters and digits).
CSRF_PLACEHOLDER = "__readwire-csrf-token__"
# Response headers that are decided again for each answer, or belong to one reader only.
_PER_ANSWER_HEADERS = frozenset(
    {"set-cookie", "vary", "cache-control", "etag", "last-modified", "expires", "content-length"}
)


def seconds() -> int:
    return settings.READWIRE_PAGE_CACHE_SECONDS


def _cache():
    return caches[CACHE_ALIAS]


class Unavailable(Exception):
    """The cache did not answer (Redis down, a full disk): pages are built as if it were off."""


def _call(method: str, *args, **kwargs):
    try:
        return getattr(_cache(), method)(*args, **kwargs)
    except Exception as exc:
        log.warning("the page cache is unavailable, pages are built without it: %s", exc)
        raise Unavailable from exc


def generation() -> str:
    """The wire's current generation (see the module's docstring), made on first use; looked up
    once a request."""
    return stamps.current(_call, GENERATION_KEY, None)


def wire_changed(**kwargs) -> None:
    """Start a new generation: every kept page is out of date. A receiver of ``story_changed``
    (sent after commit) and, through ``editors_changed``, of editors' changes."""
    # While the cache is down nothing is kept; a copy kept before a blip expires within the minute.
    stamps.replace(_call, GENERATION_KEY, None, Unavailable)


def editors_changed(**kwargs) -> None:
    """An editor's change to the front page, a desk or a placement: a new generation once it is
    committed, so that no page built from the old state in between is kept under the new one."""
    transaction.on_commit(wire_changed)


def has_pending_messages(request: HttpRequest) -> bool:
    """Whether a flash message waits for this reader (in the messages cookie, or the session)."""
    if "messages" in request.COOKIES:
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and settings.SESSION_COOKIE_NAME in request.COOKIES and "_messages" in session)


def may_keep(request: HttpRequest, query: Iterable[str]) -> bool:
    """Whether the page for ``request`` may be answered from, and kept in, the cache."""
    return (
        seconds() > 0
        and request.method in ("GET", "HEAD")
        and set(request.GET) <= set(query)
        and not has_pending_messages(request)
    )


def _key(request: HttpRequest, audience: tuple) -> str:
    raw = repr((generation(), request.path, sorted(request.GET.lists()), audience))
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _freeze(response: HttpResponse) -> dict:
    headers = {name: value for name, value in response.items() if name.lower() not in _PER_ANSWER_HEADERS}
    return {"status": response.status_code, "content": response.content, "headers": headers}


def _thaw(kept: dict, csrf_token: str | None = None) -> HttpResponse:
    content = kept["content"]
    if csrf_token is not None:
        content = content.replace(CSRF_PLACEHOLDER.encode(), csrf_token.encode())
    response = HttpResponse(content, status=kept["status"])
    for name, value in kept["headers"].items():
        response[name] = value
    return response


def signed_out_page(request: HttpRequest, query: Iterable[str], build: Callable[[], HttpResponse]) -> HttpResponse:
    """A signed-out reader's page: the kept copy, or ``build()`` kept for the next one.

    Called by ``reader_page`` only for signed-out readers; the page is kept only if, once built,
    it holds nothing of this reader's (``caching.is_personal``: a CSRF cookie it set, a message).
    """
    from readwire.site.caching import is_personal

    if not may_keep(request, query):
        return build()
    try:
        key = _key(request, ("signed-out",))
        kept = _call("get", key)
    except Unavailable:
        return build()
    if kept is not None:
        return _thaw(kept)
    response = build()
    if response.status_code == 200 and not response.streaming and not is_personal(request):
        _keep(key, _freeze(response))
    return response


def shared_render(
    request: HttpRequest,
    audience: tuple,
    build: Callable[[dict], HttpResponse],
    query: Iterable[str] = (),
) -> HttpResponse:
    """A signed-in reader's page, built once per ``audience`` (see the module's docstring).

    ``build(extra_context)`` renders the page with ``extra_context`` added to its context; it holds
    the CSRF placeholder, which is replaced with this reader's token before the page leaves.
    """
    if not request.user.is_authenticated:
        return build({})  # reader_page keeps signed-out pages whole
    if not may_keep(request, query):
        return build({})
    from readwire.site.context_processors import reader_time_zone

    try:
        key = _key(request, ("signed-in", reader_time_zone(request), *audience))
        kept = _call("get", key)
    except Unavailable:
        return build({})
    if kept is None:
        response = build({"csrf_token": CSRF_PLACEHOLDER})
        if response.streaming:
            return response
        kept = _freeze(response)
        if response.status_code == 200:
            _keep(key, kept)
    return _thaw(kept, csrf_token=get_token(request))


def shared_value(parts: tuple, build: Callable[[], T]) -> T:
    """What ``build()`` returns, kept like a page for everybody: for answers that are the same
    whoever asks, such as the API's story list (headlines and standfirsts only). ``parts`` name the
    answer; they must be few (validated filters, not free text), or the cache fills with copies."""
    if seconds() <= 0:
        return build()
    try:
        key = "value:" + hashlib.sha256(repr((generation(), parts)).encode()).hexdigest()
        kept = _call("get", key)
    except Unavailable:
        return build()
    if kept is None:
        kept = build()
        _keep(key, kept)
    return kept


def _keep(key: str, value) -> None:
    with contextlib.suppress(Unavailable):  # served without being kept
        _call("set", key, value, seconds())
