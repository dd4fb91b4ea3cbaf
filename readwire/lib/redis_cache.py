"""Django's Redis cache backend, with one Redis client kept per connection pool.

Django's ``RedisCacheClient.get_client`` makes a new ``redis.Redis`` for every call, and with
redis-py 8 that costs about 60 µs of CPU: more than the round trip to Redis itself (about 25 µs on
loopback). A signed-in page asks the cache five or six times, so the clients alone cost a third of a
millisecond a page. ``redis.Redis`` is safe to share between threads (it takes a connection from the
pool for each command), and the pool replaces its connections after a fork, so one client per pool
is enough.
"""

from __future__ import annotations

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            # Pools are kept for the backend's life, so a pool's id is never reused for another one.
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
