"""Counting attempts in the cache, to slow down password guessing and email bombing.

A ``Throttle`` counts hits per key (an account's address, a client's network address) in a fixed
window that starts with the first hit. Keys are hashed, so the cache never holds addresses.
The cache is shared by every web worker (Redis with ``REDIS_URL``, else files under ``var/``), so
the limits hold for the site, not per process. Without Redis an increment is a read and a write, so
hits landing at the same instant in two workers may count once: a burst can get a few more tries.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time

from django.core.cache import cache


class Throttle:
    def __init__(self, name: str, limit: int, window_seconds: int):
        self.name = name
        self.limit = limit
        self.window_seconds = window_seconds

    def _key(self, value: str) -> str:
        digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
        return f"readwire:throttle:{self.name}:{digest}"

    def count(self, value: str) -> int:
        return cache.get(self._key(value), 0)

    def exceeded(self, value: str) -> bool:
        return self.count(value) >= self.limit

    def hit(self, value: str) -> int:
        key = self._key(value)
        now = time.time()
        # When the window began, kept beside the count: caches that increment by reading and
        # writing (files) restart an entry's lifetime, so the count's end is put back after each hit.
        cache.add(f"{key}:began", now, self.window_seconds)
        began = cache.get(f"{key}:began", now)
        cache.add(key, 0, self.window_seconds)
        try:
            count = cache.incr(key)
        except ValueError:
            # Expired between add() and incr(): this hit starts a new window.
            cache.set(key, 1, self.window_seconds)
            return 1
        cache.touch(key, max(1, math.ceil(began + self.window_seconds - now)))
        return count

    def clear(self, value: str) -> None:
        key = self._key(value)
        cache.delete_many([key, f"{key}:began"])


def client_address(request) -> str:
    """The client's network address for throttling: IPv6 clients by their /64, which one host usually holds."""
    raw = request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


WINDOW = 15 * 60
# Five wrong passwords lock an account for the rest of 15 minutes; an emailed sign-in link and a
# password reset still work, so the owner is never locked out by someone else's guessing.
failed_sign_ins_per_account = Throttle("sign-in-account", 5, WINDOW)
# One address may try more accounts (an office, a household behind one NAT) but not many more.
failed_sign_ins_per_address = Throttle("sign-in-address", 20, WINDOW)
# Emails we send on request (sign-in links, resets, verification): per recipient and per sender address.
emails_per_recipient = Throttle("email-recipient", 5, 60 * 60)
emails_per_address = Throttle("email-address", 20, 60 * 60)
sign_ups_per_address = Throttle("sign-up-address", 10, 60 * 60)
