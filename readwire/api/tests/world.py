"""A small world for API tests: stories published through ``accept`` and readers of each kind."""

from __future__ import annotations

from django.test import Client

from readwire.accounts.models import User
from readwire.api.tokens import create_token
from readwire.billing.models import AccessGrant
from readwire.wire.item import WireItem
from readwire.wire.models import Story
from readwire.wire.services import accept


def publish(source, uri, version=1, **fields) -> Story:
    fields.setdefault("headline", f"Story {uri}")
    fields.setdefault("body_html", "<p>Body.</p>")
    accept(WireItem(uri=uri, version=version, format="ninjs", **fields), source)
    return Story.objects.get(uri=uri)


def make_reader(name: str, *, full_access=False, staff=False) -> User:
    user = User.objects.create_user(name, f"{name}@example.com", "a long enough password", is_staff=staff)
    if full_access:
        AccessGrant.objects.create(reader=user)
    return user


def token_client(user: User) -> Client:
    """A client that authenticates as an app would, with a bearer token and no cookies."""
    _, token = create_token(user, "tests")
    return Client(headers={"Authorization": f"Bearer {token}"})
