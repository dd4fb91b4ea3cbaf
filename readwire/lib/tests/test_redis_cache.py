"""The Redis cache backend production uses, against the Redis server on this machine."""

from __future__ import annotations

import threading
import uuid

import pytest
import redis

from readwire.lib.redis_cache import RedisCache

REDIS_URL = "redis://127.0.0.1:6379/9"


@pytest.fixture
def cache():
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis server at 127.0.0.1:6379 (.ci/run starts one)")
    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield backend
    backend.clear()


def test_it_keeps_and_forgets_like_any_django_cache(cache):
    assert cache.get("missing") is None
    cache.set("story", {"headline": "Dam spills"}, 60)
    assert cache.get("story") == {"headline": "Dam spills"}
    assert cache.add("story", "other", 60) is False
    assert cache.get_many(["story", "missing"]) == {"story": {"headline": "Dam spills"}}
    assert cache.incr(cache.set("count", 1, 60) or "count") == 2
    cache.delete("story")
    assert cache.get("story") is None


def test_one_client_serves_every_call(cache):
    client = cache._cache.get_client("a")
    assert cache._cache.get_client("b", write=True) is client


def test_threads_share_the_client_safely(cache):
    failures = []

    def work(n: int) -> None:
        for i in range(200):
            key = f"thread-{n}-{i}"
            cache.set(key, i, 60)
            if cache.get(key) != i:
                failures.append(key)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
