"""A small world for API tests: stories published through ``accept`` and readers of each kind."""

from __future__ import annotations

from django.test import Client, TestCase

from readwire.accounts.models import User
from readwire.api.tokens import create_token
from readwire.billing.models import AccessGrant
from readwire.wire.item import WireItem
from readwire.wire.models import Story
from readwire.wire.services import accept


def publish(source, uri, version=1, **fields) -> Story:
    """Accept a story as ingest does, and run what runs after the commit (search index, placement)."""
    fields.setdefault("headline", f"Story {uri}")
    fields.setdefault("body_html", "<p>Body.</p>")
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = accept(WireItem(uri=uri, version=version, format="ninjs", **fields), source)
    assert result.result != "rejected", result.error
    return Story.objects.get(uri=uri)


def make_reader(name: str, *, full_access=False, staff=False) -> User:
    # No password: hashing one (Argon2) would cost more than the tests that use the reader.
    user = User.objects.create_user(name, f"{name}@example.com", None, is_staff=staff)
    if full_access:
        AccessGrant.objects.create(reader=user)
    return user


def token_client(user: User) -> Client:
    """A client that authenticates as an app would, with a bearer token and no cookies."""
    _, token = create_token(user, "tests")
    return Client(headers={"Authorization": f"Bearer {token}"})
