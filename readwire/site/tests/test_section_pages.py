from datetime import timedelta

import pytest
from django.utils import timezone

from readwire.site.tests.conftest import publish
from readwire.topics.models import Follow
from readwire.wire.item import CANCELED


@pytest.mark.parametrize("signed_in", [False, True])
def test_desk_and_topic_pages_list_their_stories_for_every_reader(
    client, alice, agency, national, environment, signed_in
):
    if signed_in:
        client.force_login(alice)
    publish(agency, "urn:agency:dam", headline="Dam spills", standfirst="Water everywhere.", sections=[national])
    publish(agency, "urn:agency:reef", headline="Reef survey begins", sections=[environment])
    desk = client.get("/desk/national/").content.decode()
    topic = client.get("/topic/environment/").content.decode()
    assert "<h1>National</h1>" in desk and "Dam spills" in desk and "Water everywhere." in desk
    assert "Reef survey begins" not in desk
    assert "<h1>Environment</h1>" in topic and "Climate, land and water." in topic and "Reef survey begins" in topic
    assert 'aria-current="page">National</a>' in desk


def test_unknown_inactive_or_wrong_kind_sections_are_not_found(client, national, environment):
    national.active = False
    national.save()
    assert client.get("/desk/national/").status_code == 404
    assert client.get("/desk/environment/").status_code == 404  # a topic, not a desk
    assert client.get("/desk/nowhere/").status_code == 404


def test_section_pages_page_back_through_older_stories(client, agency, national):
    now = timezone.now()
    for n in range(25):
        publish(
            agency,
            f"urn:agency:{n}",
            headline=f"Story number {n:02d}",
            sections=[national],
            version_created=now - timedelta(minutes=n),
        )
    first = client.get("/desk/national/").content.decode()
    assert "Story number 00" in first and "Story number 19" in first and "Story number 20" not in first
    assert 'href="?page=2"' in first
    second = client.get("/desk/national/?page=2").content.decode()
    assert "Story number 20" in second and "Story number 24" in second and "Story number 19" not in second
    assert client.get("/desk/national/?page=3").status_code == 404
    assert client.get("/desk/national/?page=x").status_code == 404


def test_signed_out_reader_follow_button_leads_to_sign_in(client, national):
    page = client.get("/desk/national/").content.decode()
    assert 'href="/account/sign-in/?next=/desk/national/"' in page
    response = client.post("/desk/national/follow/")
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/?next=/desk/national/")


def test_reader_follows_and_unfollows_a_section(alice_client, alice, national):
    response = alice_client.post("/desk/national/follow/", {"next": "/desk/national/"})
    assert response.status_code == 302 and response["Location"] == "/desk/national/"
    assert Follow.objects.filter(user=alice, section=national).count() == 1
    alice_client.post("/desk/national/follow/")  # twice is once
    assert Follow.objects.filter(user=alice, section=national).count() == 1
    page = alice_client.get("/desk/national/").content.decode()
    assert "You follow National." in page and 'action="/desk/national/unfollow/"' in page
    alice_client.post("/desk/national/unfollow/")
    assert not Follow.objects.filter(user=alice, section=national).exists()
    assert 'action="/desk/national/follow/"' in alice_client.get("/desk/national/").content.decode()


def test_following_needs_a_post(alice_client, national):
    assert alice_client.get("/desk/national/follow/").status_code == 405


def test_follow_does_not_send_the_reader_off_site(alice_client, national):
    response = alice_client.post("/desk/national/follow/", {"next": "https://evil.example/"})
    assert response["Location"] == "/desk/national/"


def test_section_feed_carries_the_sections_visible_stories_and_no_body(client, agency, national):
    publish(
        agency,
        "urn:agency:dam",
        headline="Dam spills",
        standfirst="Water everywhere.",
        body_html="<p>Opening.</p><p>Paid paragraph.</p>",
        sections=[national],
    )
    publish(agency, "urn:agency:elsewhere", headline="Not on this desk")
    publish(agency, "urn:agency:killed", headline="Killed story", sections=[national])
    publish(agency, "urn:agency:killed", 2, headline="Killed story", pub_status=CANCELED)
    publish(
        agency,
        "urn:agency:later",
        headline="Embargoed story",
        sections=[national],
        embargoed_until=timezone.now() + timedelta(hours=1),
    )
    response = client.get("/desk/national/feed.xml")
    feed = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    assert "<title>Readwire: National</title>" in feed
    assert "Dam spills" in feed and "Water everywhere." in feed and "urn:agency:dam" in feed
    assert "Paid paragraph" not in feed
    assert "Not on this desk" not in feed and "Killed story" not in feed and "Embargoed story" not in feed
    assert client.get("/desk/nowhere/feed.xml").status_code == 404
