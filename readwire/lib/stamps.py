"""Stamps: random values in a shared cache that name the state copies were kept for.

The server keeps copies of pages under the wire's *generation* (``site.page_cache``) and answers
about a reader under the reader's *version* (``accounts.reader_cache``). Both are stamps: made on
first use, replaced by a new random value whenever what they stand for changes, never set back to an
old one, so nothing kept under an earlier stamp can be read again. A request looks a stamp up once
(``lib.request_memo``) and sees the stamps its own changes made.

``call`` is the caller's way into its cache (``call(method, *args, **kwargs)``), which raises the
caller's own exception when the cache does not answer.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable

from readwire.lib import request_memo

CacheCall = Callable[..., object]


def current(call: CacheCall, key: str, timeout: int | None) -> str:
    """The stamp under ``key``, made on first use; looked up once a request."""
    return request_memo.memoised(key, lambda: _load(call, key, timeout))


def _load(call: CacheCall, key: str, timeout: int | None) -> str:
    value = call("get", key)
    if value is None:
        # Missing (never made, expired, culled): a new value, so no earlier stamp comes back.
        call("add", key, uuid.uuid4().hex, timeout)
        value = call("get", key, "")
    return str(value)


def replace(call: CacheCall, key: str, timeout: int | None, unavailable: type[Exception]) -> None:
    """A new stamp under ``key``: everything kept under the old one is out of date."""
    value = uuid.uuid4().hex
    request_memo.remember(key, value)  # this request sees its own change, whatever the cache does
    with contextlib.suppress(unavailable):
        call("set", key, value, timeout)
