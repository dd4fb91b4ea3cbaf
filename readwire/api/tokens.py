"""Making, using and revoking API tokens (``Authorization: Bearer rw_...``)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from readwire.api.models import ApiToken

TOKEN_PREFIX = "rw_"  # noqa: S105 - the visible mark of a Readwire token, not a secret
MAX_ACTIVE_TOKENS = 20
# Writing last_used_at on every request would turn every read into a write; a minute is precise enough.
LAST_USED_PRECISION = timedelta(minutes=1)
_SHOWN_PREFIX_LENGTH = len(TOKEN_PREFIX) + 6


class TokenLimitReached(Exception):
    pass


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``: the stored row and the token itself, which is never available again."""
    name = " ".join(name.split())[:100] or "API token"
    if ApiToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise TokenLimitReached(f"at most {MAX_ACTIVE_TOKENS} tokens; revoke one you no longer use")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user, name=name, token_hash=hash_token(token), prefix=token[:_SHOWN_PREFIX_LENGTH]
    )
    return row, token


def revoke_token(token: ApiToken) -> bool:
    """Stop ``token`` working from now on; True when it was active. Revoking twice changes nothing."""
    return bool(ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()))


def reader_for_token(token: str):
    """The active reader ``token`` belongs to, or None for an unknown, revoked or malformed token."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    row = ApiToken.objects.active().select_related("user").filter(token_hash=hash_token(token)).first()
    if row is None or not row.user.is_active:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user
