"""The signed links we email: verify an address, sign in, confirm a new address.

Each token is signed with the site's secret key and a salt per purpose (a link for one purpose is
never accepted for another) and carries its creation time, so it expires. None is stored.

A sign-in link also carries a fingerprint of the account's last sign-in, password and address:
signing in with it changes the last sign-in, so the link works once; a new password or address
cancels every link sent before.
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from readwire.accounts.models import User

VERIFY_EMAIL_MAX_AGE = timedelta(days=7)
SIGN_IN_LINK_MAX_AGE = timedelta(minutes=15)
EMAIL_CHANGE_MAX_AGE = timedelta(days=1)


def _signer(purpose: str) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"readwire.accounts.{purpose}")


def _load(purpose: str, token: str, max_age: timedelta) -> dict | None:
    try:
        payload = _signer(purpose).unsign_object(token, max_age=max_age)
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        return None
    return payload if isinstance(payload, dict) else None


def _user(pk) -> User | None:
    if not isinstance(pk, int):
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def make_verification_token(user: User) -> str:
    return _signer("verify-email").sign_object({"u": user.pk, "e": user.email.lower()})


def check_verification_token(token: str) -> User | None:
    """The reader whose current address the token was made for, or None (bad, expired, or the address changed)."""
    payload = _load("verify-email", token, VERIFY_EMAIL_MAX_AGE)
    user = _user(payload.get("u")) if payload else None
    if user is None or user.email.lower() != payload.get("e"):
        return None
    return user


def _sign_in_fingerprint(user: User) -> str:
    last_login = user.last_login.isoformat() if user.last_login else ""
    return salted_hmac(
        "readwire.accounts.sign-in-link", f"{user.pk}|{last_login}|{user.password}|{user.email.lower()}"
    ).hexdigest()[:32]


def make_sign_in_token(user: User) -> str:
    return _signer("sign-in").sign_object({"u": user.pk, "f": _sign_in_fingerprint(user)})


def sign_in_token_user_id(token: str) -> int | None:
    """The account a sign-in link is for, if it is well signed and not expired (it may still be used up)."""
    payload = _load("sign-in", token, SIGN_IN_LINK_MAX_AGE)
    pk = payload.get("u") if payload else None
    return pk if isinstance(pk, int) else None


def sign_in_token_matches(token: str, user: User) -> bool:
    """Whether the link is still good for ``user`` as loaded now (call with the row locked to use it once)."""
    payload = _load("sign-in", token, SIGN_IN_LINK_MAX_AGE)
    if not payload or payload.get("u") != user.pk or not isinstance(payload.get("f"), str):
        return False
    return constant_time_compare(payload["f"], _sign_in_fingerprint(user))


def make_email_change_token(user: User, new_email: str) -> str:
    return _signer("change-email").sign_object({"u": user.pk, "old": user.email.lower(), "new": new_email})


def check_email_change_token(token: str) -> tuple[User, str] | None:
    """The reader and the new address to give them, while their address is still the one it was asked from."""
    payload = _load("change-email", token, EMAIL_CHANGE_MAX_AGE)
    user = _user(payload.get("u")) if payload else None
    if user is None or user.email.lower() != payload.get("old") or not isinstance(payload.get("new"), str):
        return None
    return user, payload["new"]
