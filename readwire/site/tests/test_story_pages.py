from datetime import timedelta

import pytest
from django.utils import timezone

from readwire.site.tests.conftest import person, picture
from readwire.site.tests.conftest import publish as publish_story
from readwire.wire.item import CANCELED, Entity


@pytest.fixture
def subscriber_client(sam_client):
    return sam_client


def publish(source, version=1, **fields):
    fields.setdefault("body_html", "<p>The dam spilled at 6am.</p>")
    return publish_story(source, fields.pop("uri", "urn:agency:dam"), version, **fields)


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


def test_story_page_shows_byline_dateline_times_in_the_readers_zone_and_pictures(alice_client, agency):
    story = publish(
        agency,
        byline="Jane Citizen",
        dateline="WINDSOR, NSW",
        standfirst="Residents were evacuated overnight.",
        version_created=timezone.now() - timedelta(minutes=10),
        body_html="".join(f"<p>Paragraph {n}.</p>" for n in range(6)),
        pictures=[picture("dam", "The spillway at dawn", "Kim Lens"), picture("town", "Sandbags in the main street")],
    )
    page = alice_client.get(story.get_absolute_url()).content.decode()
    assert "Jane Citizen" in page and "WINDSOR, NSW" in page and "Residents were evacuated overnight." in page
    assert "Published 10 minutes ago" in page
    assert "AWST" in page  # Alice reads in Perth
    lead, body = page.split('class="story-body"', 1)
    assert "The spillway at dawn" in lead and "Kim Lens" in lead
    # The second picture sits between paragraphs of the body, for a reader who may read it all.
    assert body.index("Paragraph 1.") < body.index("Sandbags in the main street") < body.index("Paragraph 5.")


def test_updated_story_says_updated_and_anonymous_times_are_in_the_sites_zone(client, agency, settings):
    settings.TIME_ZONE = "Australia/Sydney"
    story = publish(agency)
    publish(agency, 2, headline="Dam spills again", version_created=timezone.now() - timedelta(hours=2))
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Updated 2 hours ago" in page and "First published" in page
    assert "AEDT" in page or "AEST" in page


def test_tags_link_sections_to_their_pages_and_people_and_places_to_search(client, agency, national, environment):
    story = publish(
        agency,
        sections=[national, environment],
        people=[person("Penny Wong")],
        places=[Entity(name="Windsor")],
    )
    page = client.get(story.get_absolute_url()).content.decode()
    tags = page.split('class="tags"', 1)[1].split("</section>", 1)[0]
    assert 'href="/desk/national/"' in tags and 'href="/topic/environment/"' in tags
    assert 'href="/search/?person=Penny+Wong"' in tags and 'href="/search/?place=Windsor"' in tags


def test_related_stories_come_from_the_same_sections_and_never_include_hidden_ones(client, agency, national, sport):
    story = publish(agency, sections=[national])
    publish(agency, uri="urn:agency:levee", headline="Levee holds in Richmond", sections=[national])
    publish(agency, uri="urn:agency:cricket", headline="Test match drawn", sections=[sport])
    publish(agency, uri="urn:agency:killed", headline="Killed neighbour", sections=[national])
    publish(agency, 2, uri="urn:agency:killed", headline="Killed neighbour", pub_status=CANCELED)
    publish(
        agency,
        uri="urn:agency:later",
        headline="Embargoed neighbour",
        sections=[national],
        embargoed_until=timezone.now() + timedelta(hours=1),
    )
    page = client.get(story.get_absolute_url()).content.decode()
    related = page.split('class="related"', 1)[1]
    assert "Levee holds in Richmond" in related
    assert "Test match drawn" not in related
    assert "Killed neighbour" not in page and "Embargoed neighbour" not in page


def test_signed_in_reader_can_save_and_unsave_from_the_story_page(alice_client, alice, agency):
    from readwire.accounts.models import SavedStory

    story = publish(agency)
    page = alice_client.get(story.get_absolute_url()).content.decode()
    assert f'action="/account/saved/{story.pk}/save/"' in page
    response = alice_client.post(f"/account/saved/{story.pk}/save/", {"next": story.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == story.get_absolute_url()
    assert SavedStory.objects.filter(user=alice, story=story).exists()
    response = alice_client.get(story.get_absolute_url())
    assert f'action="/account/saved/{story.pk}/remove/"'.encode() in response.content
    assert response["X-Readwire-Saved"] == "1"
    alice_client.post(f"/account/saved/{story.pk}/remove/", {"next": story.get_absolute_url()})
    assert not SavedStory.objects.filter(user=alice, story=story).exists()


def test_anonymous_reader_is_offered_to_sign_in_to_save_and_has_no_form_token(client, agency):
    story = publish(agency)
    page = client.get(story.get_absolute_url()).content.decode()
    assert f"/account/sign-in/?next=/story/{story.pk}/" in page
    assert "csrfmiddlewaretoken" not in page


def test_share_links_and_license_link(client, agency, settings):
    settings.SITE_URL = "https://news.example"
    story = publish(agency)
    page = client.get(story.get_absolute_url()).content.decode()
    assert f"https%3A%2F%2Fnews.example%2Fstory%2F{story.pk}%2F" in page  # the link to share
    assert 'class="button secondary share-native"' in page and " hidden>" in page  # for the Web Share API
    assert f'href="/license/{story.pk}/"' in page
    license_page = client.get(f"/license/{story.pk}/")
    assert license_page.status_code == 200 and story.uri.encode() in license_page.content


def test_license_page_of_hidden_stories(client, agency):
    story = publish(agency)
    publish(agency, 2, pub_status=CANCELED)
    later = publish(agency, uri="urn:agency:later", embargoed_until=timezone.now() + timedelta(hours=1))
    assert client.get(f"/license/{story.pk}/").status_code == 410
    assert client.get(f"/license/{later.pk}/").status_code == 404


def test_metered_reader_is_told_how_many_free_stories_are_left(alice_client, agency, settings):
    settings.READWIRE_FREE_STORIES_PER_MONTH = 3
    story = publish(agency)
    page = alice_client.get(story.get_absolute_url()).content.decode()
    assert "You have 2 free stories left this month" in page


def test_story_page_query_count_is_bounded(alice_client, agency, national, environment, django_assert_max_num_queries):
    for n in range(20):
        publish(agency, uri=f"urn:agency:s{n}", headline=f"Story {n}", sections=[national, environment])
    story = publish(agency, sections=[national, environment], pictures=[picture("dam", "The dam")])
    for n in range(2, 6):
        publish(agency, n, body_html=f"<p>The dam spilled at {n}am.</p>", signals=["correction"], ed_note="Time.")
    with django_assert_max_num_queries(20):
        assert alice_client.get(story.get_absolute_url()).status_code == 200


def test_unknown_story_is_not_found(client, db):
    response = client.get("/story/999999/")
    assert response.status_code == 404


def test_pages_answer_head_requests(client, agency):
    story = publish(agency)
    for path in ("/", story.get_absolute_url(), "/search/", "/sw.js", "/manifest.webmanifest"):
        assert client.head(path).status_code == 200, path
