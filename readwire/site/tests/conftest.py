"""A small reader's world: the agency's wire, two desks and a Topic in Focus; Alice reads for free,
Sam subscribes."""

from __future__ import annotations

import pytest

from readwire.wire.item import Entity, Picture, Rendition, WireItem
from readwire.wire.models import Source, Story
from readwire.wire.services import accept


@pytest.fixture
def agency(db):
    return Source.objects.create(name="agency", title="The Agency")


def section(kind: str, slug: str, name: str, **fields):
    """A desk or Topic in Focus as the tests need it (a fresh install already has the defaults)."""
    from readwire.topics.models import Section

    fields = {"kind": kind, "name": name, "active": True, "description": "", **fields}
    return Section.objects.update_or_create(slug=slug, defaults=fields)[0]


@pytest.fixture
def national(db):
    return section("desk", "national", "National", position=1)


@pytest.fixture
def sport(db):
    return section("desk", "sport", "Sport", position=2)


@pytest.fixture
def environment(db):
    return section("topic", "environment", "Environment", description="Climate, land and water.")


@pytest.fixture
def alice(db):
    from readwire.accounts.models import User

    return User.objects.create_user("alice", "alice@example.com", "pw", time_zone="Australia/Perth")


@pytest.fixture
def sam(db):
    from readwire.accounts.models import User
    from readwire.billing.models import AccessGrant

    sam = User.objects.create_user("sam", "sam@example.com", "pw")
    AccessGrant.objects.create(reader=sam)
    return sam


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def sam_client(client, sam):
    client.force_login(sam)
    return client


def publish(source, uri="urn:agency:dam", version=1, *, sections=(), **fields) -> Story:
    """One version of a story through the wire, placed in ``sections`` as an editor would place it."""
    from readwire.topics.models import Placement

    base = dict(
        format="ninjs",
        headline="Dam spills after record rain",
        body_html="<p>The dam spilled at 6am.</p><p>Residents downstream were told to leave.</p>",
    )
    result = accept(WireItem(uri=uri, version=version, **{**base, **fields}), source)
    assert result.result != "rejected", result.error
    story = Story.objects.get(uri=uri)
    for section in sections:
        Placement.objects.get_or_create(story=story, section=section, defaults={"origin": "editor"})
    return story


def picture(name: str, caption: str, credit: str = "Agency photographer", width: int = 1200) -> Picture:
    return Picture(
        uri=f"urn:agency:picture:{name}",
        caption=caption,
        credit=credit,
        renditions=[
            Rendition(href=f"https://pictures.example/{name}-{width}.jpg", width=width, height=width * 2 // 3),
            Rendition(href=f"https://pictures.example/{name}-600.jpg", width=600, height=400),
        ],
    )


def person(name: str) -> Entity:
    return Entity(name=name)
