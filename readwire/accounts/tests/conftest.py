"""A small world: alice (verified reader), bob (another reader), and stories from the agency."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from readwire.accounts.models import User
from readwire.wire.item import WireItem
from readwire.wire.models import Source, Story
from readwire.wire.services import accept

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Login throttling counts in the cache; one test's failures must not lock out the next test's alice.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def alice(db):
    user = User.objects.create_user("alice", "alice@example.com", PASSWORD, time_zone="Australia/Perth")
    user.email_verified_at = timezone.now()
    user.save()
    return user


@pytest.fixture
def bob(db):
    return User.objects.create_user("bob", "bob@example.org", PASSWORD)


@pytest.fixture
def agency(db):
    return Source.objects.create(name="agency", title="The Agency")


@pytest.fixture
def make_story(agency):
    def make(n=1, **fields):
        accept(
            WireItem(
                uri=f"urn:test:{n}",
                version=fields.pop("version", 1),
                format="ninjs",
                headline=fields.pop("headline", f"Story {n}"),
                body_html="<p>First paragraph.</p><p>Second paragraph.</p>",
                **fields,
            ),
            agency,
        )
        return Story.objects.get(uri=f"urn:test:{n}")

    return make
