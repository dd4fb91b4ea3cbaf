"""Values a request looks up once, however often its code asks: the wire's generation, a reader's
version in ``accounts.reader_cache``.

Each lookup is a trip to the shared cache (a Redis round trip in production), and a signed-in story
page asked for the same few values eight times. ``RequestMemoMiddleware`` gives each request an
empty memo; ``memoised(key, load)`` answers from it. Outside a request (tasks, commands, the shell)
there is no memo and every call loads afresh.

Code that changes a memoised value during the request puts the new value in (``remember``) or drops
it (``forget``), so the request that made a change sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[str, Any] | None] = ContextVar("readwire_request_memo", default=None)


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def memoised(key: str, load: Callable[[], T]) -> T:
    memo = _memo.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]


def remember(key: str, value: Any) -> None:
    memo = _memo.get()
    if memo is not None:
        memo[key] = value


def forget(key: str) -> None:
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)
