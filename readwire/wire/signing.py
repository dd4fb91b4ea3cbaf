"""Signatures on pushed wire documents (``POST /api/v1/wire``).

A source signs ``<timestamp>.<body>`` (the timestamp exactly as sent in ``X-Readwire-Timestamp``, a dot,
then the raw body bytes) with HMAC-SHA256 under its own secret and sends ``sha256=<hex>`` in
``X-Readwire-Signature``. Binding the timestamp into the signature is what makes the age limit mean
something: an old request cannot be replayed with a fresh timestamp. docs/ingest-endpoints.md has
worked examples for senders.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time

from django.conf import settings

SOURCE_HEADER = "X-Readwire-Source"
TIMESTAMP_HEADER = "X-Readwire-Timestamp"
SIGNATURE_HEADER = "X-Readwire-Signature"

_SIGNATURE = re.compile(r"sha256=([0-9a-fA-F]{64})")
_TIMESTAMP = re.compile(r"[0-9]{1,12}")


MISMATCH = "the signature does not match the body, the timestamp and the source's secret"


class SignatureError(Exception):
    """The request's signature cannot be trusted; ``reason`` says why, for the sender to act on."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _digest(secret: str, timestamp: str, body: bytes) -> str:
    message = timestamp.encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    """The ``X-Readwire-Signature`` value for ``body`` sent at ``timestamp`` (unix seconds)."""
    return "sha256=" + _digest(secret, str(timestamp), body)


def signed_headers(source: str, secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """All three headers a push needs, signed now unless ``timestamp`` is given."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    return {SOURCE_HEADER: source, TIMESTAMP_HEADER: stamp, SIGNATURE_HEADER: sign(secret, stamp, body)}


def check_timestamp(timestamp: str | None, *, max_age: int | None = None, now: float | None = None) -> int:
    """The timestamp as an int, if it is well formed and within ``max_age`` seconds of ``now``.

    Checked before the signature so that a sender with a wrong clock is told so, whatever the secret.
    """
    if not timestamp:
        raise SignatureError(f"the {TIMESTAMP_HEADER} header is missing")
    timestamp = timestamp.strip()
    if not _TIMESTAMP.fullmatch(timestamp):
        raise SignatureError(f"{TIMESTAMP_HEADER} must be whole unix seconds, like {int(time.time())}")
    max_age = settings.WIRE_SIGNATURE_MAX_AGE_SECONDS if max_age is None else max_age
    skew = int(time.time() if now is None else now) - int(timestamp)
    if skew > max_age:
        raise SignatureError(
            f"the signature is {skew} seconds old; at most {max_age} are allowed (sign each request as it is "
            "sent, and check the sender's clock)"
        )
    if -skew > max_age:
        raise SignatureError(
            f"the timestamp is {-skew} seconds in the future; at most {max_age} are allowed (check the sender's clock)"
        )
    return int(timestamp)


def parse_signature(signature: str | None) -> str:
    """The hex digest from a well-formed ``X-Readwire-Signature`` value."""
    if not signature:
        raise SignatureError(f"the {SIGNATURE_HEADER} header is missing")
    match = _SIGNATURE.fullmatch(signature.strip())
    if not match:
        raise SignatureError(f"{SIGNATURE_HEADER} must look like sha256=<64 hexadecimal digits>")
    return match.group(1).lower()


def check_signature(secret: str, timestamp: str, signature: str | None, body: bytes) -> None:
    given = parse_signature(signature)
    expected = _digest(secret, timestamp.strip(), body)
    if not hmac.compare_digest(expected, given):
        raise SignatureError(MISMATCH)


def verify(
    secret: str,
    timestamp: str | None,
    signature: str | None,
    body: bytes,
    *,
    max_age: int | None = None,
    now: float | None = None,
) -> None:
    """Raise ``SignatureError`` unless ``signature`` signs ``body`` at a recent enough ``timestamp``."""
    check_timestamp(timestamp, max_age=max_age, now=now)
    assert timestamp is not None
    check_signature(secret, timestamp, signature, body)
