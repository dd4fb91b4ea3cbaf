"""Values a request looks up once: see readwire/lib/request_memo.py."""

from __future__ import annotations

from itertools import count

import pytest

from readwire.lib.request_memo import RequestMemoMiddleware, forget, memoised, remember


def in_a_request(work):
    """Run ``work()`` as a view behind the middleware; what it returned."""
    return RequestMemoMiddleware(lambda request: work())(object())


def test_a_request_loads_a_value_once():
    loads = count(1)
    seen = in_a_request(lambda: [memoised("generation", lambda: next(loads)) for _ in range(3)])
    assert seen == [1, 1, 1]


def test_each_request_starts_afresh():
    loads = count(1)
    first = in_a_request(lambda: memoised("generation", lambda: next(loads)))
    second = in_a_request(lambda: memoised("generation", lambda: next(loads)))
    assert (first, second) == (1, 2)


def test_outside_a_request_every_call_loads():
    loads = count(1)
    assert [memoised("generation", lambda: next(loads)) for _ in range(2)] == [1, 2]


def test_a_request_sees_its_own_changes():
    loads = count(1)

    def view():
        before = memoised("generation", lambda: next(loads))
        remember("generation", "changed here")
        changed = memoised("generation", lambda: next(loads))
        forget("generation")
        return before, changed, memoised("generation", lambda: next(loads))

    assert in_a_request(view) == (1, "changed here", 2)


def test_the_memo_is_gone_when_the_view_fails():
    def failing():
        memoised("generation", lambda: "kept")
        raise RuntimeError("the view failed")

    with pytest.raises(RuntimeError):
        in_a_request(failing)
    assert memoised("generation", lambda: "loaded") == "loaded"
