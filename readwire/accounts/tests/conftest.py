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


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is slow on purpose; the one test about hashing sets it back.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


def link_in(message, prefix: str) -> str:
    """The path of the one link under ``prefix`` in an email's text part (and check the HTML part has it too)."""
    import re
    from urllib.parse import urlsplit

    from django.conf import settings

    found = re.findall(re.escape(settings.SITE_URL + prefix) + r"\S*", message.body)
    assert len(found) == 1, message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{found[0]}"' in html
    return urlsplit(found[0]).path
