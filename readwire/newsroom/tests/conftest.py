"""A small newsroom: Edith edits, Rita reads; the agency and a partner send stories."""

from __future__ import annotations

import pytest

from readwire.wire.item import WireItem
from readwire.wire.models import Source, Story
from readwire.wire.services import accept


@pytest.fixture
def edith(db):
    from readwire.accounts.models import User

    return User.objects.create_user("edith", "edith@example.com", "pw", is_staff=True)


@pytest.fixture
def rita(db):
    from readwire.accounts.models import User

    return User.objects.create_user("rita", "rita@example.com", "pw")


@pytest.fixture
def editor_client(client, edith):
    client.force_login(edith)
    return client


@pytest.fixture
def agency(db):
    return Source.objects.create(name="agency", title="The Agency")


@pytest.fixture
def partner(db):
    return Source.objects.create(name="partner", title="Partner Press", kind=Source.Kind.FEED)


def publish(source: Source, uri: str = "urn:agency:dam", version: int = 1, **fields) -> Story:
    """Send one version of a story through the wire, as the agency's system would."""
    base = dict(
        format="ninjs",
        headline="Dam spills after record rain",
        body_html="<p>The dam spilled at 6am.</p>",
    )
    result = accept(WireItem(uri=uri, version=version, **{**base, **fields}), source)
    assert result.result != "rejected", result.error
    return Story.objects.get(uri=uri)
