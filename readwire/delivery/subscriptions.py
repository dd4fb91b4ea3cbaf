"""Registering and forgetting a reader's Web Push subscriptions, for the API and the website alike.

A subscription comes from the browser's ``PushManager.subscribe()`` as
``{endpoint, keys: {p256dh, auth}}``. Nothing in it is trusted: the endpoint is a URL Readwire will
later send requests to, so it must be https on a public host name, and the keys must be what RFC 8291
encryption needs (an uncompressed P-256 point of 65 bytes and a 16-byte secret), or sending would
fail much later, far from the reader who could have fixed it.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from django.db import transaction
from django.utils import timezone

from readwire.delivery.models import PushSubscription

MAX_ENDPOINT_LENGTH = 2000
MAX_SUBSCRIPTIONS_PER_READER = 20
P256DH_BYTES = 65
AUTH_BYTES = 16
_BASE64 = re.compile(r"^[A-Za-z0-9_\-+/]+={0,2}$")
# Names that can only mean this machine or its private network.
_LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".lan", ".home.arpa")


class InvalidSubscription(ValueError):
    """What is wrong with a subscription, one message per field (``endpoint``, ``keys.p256dh``, ``keys.auth``)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors


def register_push_subscription(
    user, *, endpoint: str, p256dh: str, auth: str, user_agent: str = ""
) -> tuple[PushSubscription, bool]:
    """Keep ``user``'s subscription; returns it and whether it is new to them.

    Registering the same endpoint again updates its keys (browsers rotate them). An endpoint
    another reader registered moves to ``user``: it is the same browser, signed in by someone else now.
    """
    errors: dict[str, str] = {}
    if problem := endpoint_problem(endpoint):
        errors["endpoint"] = problem
    p256dh_key, problem = _decoded_key(p256dh, P256DH_BYTES, "the browser's P-256 public key")
    if problem:
        errors["keys.p256dh"] = problem
    elif not _is_p256_point(p256dh_key):
        errors["keys.p256dh"] = "not a point on the P-256 curve"
    auth_secret, problem = _decoded_key(auth, AUTH_BYTES, "the authentication secret")
    if problem:
        errors["keys.auth"] = problem
    if errors:
        raise InvalidSubscription(errors)

    fields = {
        "user": user,
        "p256dh": _base64url(p256dh_key),
        "auth": _base64url(auth_secret),
        "user_agent": user_agent[:300],
    }
    with transaction.atomic():
        existing = PushSubscription.objects.select_for_update().filter(endpoint=endpoint).first()
        if existing is None:
            _check_room(user)
            return PushSubscription.objects.create(endpoint=endpoint, **fields), True
        is_new_to_user = existing.user_id != user.pk
        if is_new_to_user:
            _check_room(user)
            existing.created_at = timezone.now()
            existing.last_success_at = existing.last_failure_at = None
            existing.last_failure = ""
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.save()
        return existing, is_new_to_user


def unregister_push_subscription(user, endpoint: str) -> bool:
    """Forget ``user``'s subscription at ``endpoint``; True when there was one."""
    deleted, _ = PushSubscription.objects.filter(user=user, endpoint=endpoint).delete()
    return deleted > 0


def endpoint_problem(endpoint: str) -> str | None:
    """Why ``endpoint`` cannot be a push endpoint, or None when it can."""
    if not endpoint or len(endpoint) > MAX_ENDPOINT_LENGTH:
        return f"give the push endpoint URL, at most {MAX_ENDPOINT_LENGTH} characters"
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        return "not a URL"
    if parts.scheme != "https":
        return "push endpoints are https URLs"
    host = (parts.hostname or "").rstrip(".")
    if not host or any(ch.isspace() for ch in endpoint):
        return "not a URL"
    if parts.username is not None or parts.password is not None:
        return "a push endpoint carries no user name or password"
    if port not in (None, 443):
        return "push services answer on the standard https port"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        if "." not in host or host.lower().endswith(_LOCAL_NAMES) or host.lower() == "localhost":
            return "the endpoint must be on a public push service"
        return None
    if not address.is_global or (isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped):
        return "the endpoint must be on a public push service"
    return None


def _decoded_key(value: str, length: int, what: str) -> tuple[bytes, str | None]:
    if not isinstance(value, str) or not _BASE64.match(value):
        return b"", f"{what}, base64url-encoded"
    normalised = value.rstrip("=").replace("+", "-").replace("/", "_")
    try:
        raw = base64.urlsafe_b64decode(normalised + "=" * (-len(normalised) % 4))
    except (binascii.Error, ValueError):
        return b"", f"{what}, base64url-encoded"
    if len(raw) != length:
        return raw, f"{what} is {length} bytes; this is {len(raw)}"
    return raw, None


def _is_p256_point(raw: bytes) -> bool:
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError:
        return False
    return raw[0] == 0x04  # RFC 8291 asks for the uncompressed form


def _base64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _check_room(user) -> None:
    if PushSubscription.objects.filter(user=user).count() >= MAX_SUBSCRIPTIONS_PER_READER:
        raise InvalidSubscription(
            {"endpoint": f"at most {MAX_SUBSCRIPTIONS_PER_READER} browsers per reader; remove one you no longer use"}
        )
