from datetime import timedelta

import pytest
from django.utils import timezone

from readwire.wire.item import CANCELED, WireItem
from readwire.wire.models import Source, Story
from readwire.wire.services import accept


@pytest.fixture
def agency(db):
    return Source.objects.create(name="agency")


@pytest.fixture
def subscriber_client(client, db):
    from readwire.accounts.models import User
    from readwire.billing.models import AccessGrant

    bob = User.objects.create_user("bob", "bob@example.com", "pw")
    AccessGrant.objects.create(reader=bob)
    client.force_login(bob)
    return client


def publish(source, version=1, **fields):
    base = dict(
        uri="urn:agency:dam",
        format="ninjs",
        headline="Dam spills after record rain",
        body_html="<p>The dam spilled at 6am.</p>",
    )
    accept(WireItem(version=version, **{**base, **fields}), source)
    return Story.objects.get(uri=fields.get("uri", base["uri"]))


def test_story_page_shows_the_current_version_and_its_corrections(subscriber_client, agency):
    story = publish(agency)
    publish(
        agency,
        2,
        body_html="<p>The dam spilled at 7am.</p>",
        signals=["correction"],
        ed_note="Corrects the time the dam spilled.",
    )
    page = subscriber_client.get(story.get_absolute_url()).content.decode()
    assert "The dam spilled at 7am." in page
    assert "Corrects the time the dam spilled." in page
    assert "<del>6am.</del>" in page and "<ins>7am.</ins>" in page


def test_anonymous_reader_sees_the_preview_and_no_body_changes(client, agency):
    story = publish(agency, body_html="<p>Opening paragraph.</p><p>Paid 6am paragraph.</p>")
    publish(
        agency,
        2,
        body_html="<p>Opening paragraph.</p><p>Paid 7am paragraph.</p>",
        signals=["correction"],
        ed_note="Corrects the time.",
    )
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Opening paragraph." in page and "Corrects the time." in page
    assert "Paid" not in page and "am paragraph" not in page
    assert "Paid" not in client.get(f"/story/{story.pk}/v1/").content.decode()


def test_earlier_version_is_readable_and_marked_superseded(client, agency):
    story = publish(agency)
    publish(agency, 2, headline="Dam spills again")
    page = client.get(f"/story/{story.pk}/v1/").content.decode()
    assert "Dam spills after record rain" in page and "has since been updated" in page


def test_withdrawn_story_url_says_it_was_withdrawn(client, agency):
    story = publish(agency)
    publish(agency, 2, pub_status=CANCELED)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 410
    assert b"withdrawn" in response.content and b"The dam spilled" not in response.content
    assert client.get(f"/story/{story.pk}/v1/").status_code == 410
    assert b"Dam spills" not in client.get("/").content


def test_embargoed_story_does_not_exist_until_its_time(client, agency):
    story = publish(agency, embargoed_until=timezone.now() + timedelta(hours=2))
    assert client.get(story.get_absolute_url()).status_code == 404
    assert b"Dam spills" not in client.get("/").content


def test_headline_markup_never_reaches_the_page(client, agency):
    story = publish(agency, headline='<img src=x onerror="alert(1)">Dam <script>alert(1)</script>spills')
    page = client.get(story.get_absolute_url()).content.decode()
    assert "onerror" not in page and "<script>alert" not in page


def test_feed_lists_visible_stories_only(client, agency):
    publish(agency, uri="urn:agency:a", headline="Bridge reopens")
    publish(agency, uri="urn:agency:b", headline="Minister resigns")
    publish(agency, 2, uri="urn:agency:b", headline="Minister resigns", pub_status=CANCELED)
    publish(agency, uri="urn:agency:c", headline="Budget figures", embargoed_until=timezone.now() + timedelta(hours=1))
    feed = client.get("/feed.xml").content.decode()
    assert "Bridge reopens" in feed
    assert "Minister resigns" not in feed and "Budget figures" not in feed
