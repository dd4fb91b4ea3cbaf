from datetime import timedelta

import pytest
from django.utils import timezone

from readwire.site.tests.conftest import picture, publish
from readwire.wire.item import CANCELED


def sections_part(page: str) -> str:
    return page.split('class="latest"', 1)[1]


def test_home_shows_lead_top_latest_desks_and_topics(client, agency, national, sport, environment):
    now = timezone.now()
    publish(
        agency,
        "urn:agency:lead",
        headline="Flood peak passes Windsor",
        urgency=1,
        standfirst="The river fell overnight.",
        pictures=[picture("flood", "The river at Windsor")],
        sections=[national, environment],
    )
    for n in range(10):
        publish(
            agency,
            f"urn:agency:n{n}",
            headline=f"National story {n}",
            urgency=5,
            version_created=now - timedelta(minutes=5 + n),
            sections=[national],
        )
    publish(agency, "urn:agency:cricket", headline="Australia bowl out India", urgency=6, sections=[sport])
    page = client.get("/").content.decode()
    lead, rest = page.split('class="top-stories"', 1)
    assert "Flood peak passes Windsor" in lead and "The river fell overnight." in lead
    assert "https://pictures.example/flood-1200.jpg" in lead
    assert 'href="/desk/national/"' in page and 'href="/desk/sport/"' in page
    assert "Topics in Focus" in page and 'href="/topic/environment/"' in page
    assert "Australia bowl out India" in page


def test_desk_sections_leave_out_stories_already_on_top(client, agency, sport):
    publish(agency, "urn:agency:only", headline="The only sport story", sections=[sport])
    page = client.get("/").content.decode()
    desks = page.split('class="desks"', 1)[1] if 'class="desks"' in page else ""
    assert "The only sport story" in page and "The only sport story" not in desks


def test_home_without_stories_says_so(client, db):
    response = client.get("/")
    assert response.status_code == 200 and b"No stories yet." in response.content


@pytest.mark.parametrize("signed_in", [False, True])
def test_home_renders_for_every_reader(client, alice, agency, national, signed_in):
    if signed_in:
        client.force_login(alice)
    publish(agency, sections=[national])
    response = client.get("/")
    assert response.status_code == 200
    assert (b"Account" in response.content) == signed_in and (b"Sign in" in response.content) != signed_in


def test_withdrawn_and_embargoed_stories_are_in_no_part_of_the_home_page(client, agency, national, environment):
    now = timezone.now()
    for n in range(12):
        publish(
            agency,
            f"urn:agency:filler{n}",
            headline=f"Filler {n}",
            sections=[national, environment],
            version_created=now - timedelta(minutes=n),
        )
    publish(agency, "urn:agency:killed", headline="Killed story", urgency=1, sections=[national, environment])
    publish(agency, "urn:agency:killed", 2, headline="Killed story", pub_status=CANCELED)
    publish(
        agency,
        "urn:agency:later",
        headline="Embargoed story",
        urgency=1,
        sections=[national, environment],
        embargoed_until=now + timedelta(hours=1),
    )
    page = client.get("/").content.decode()
    assert "Filler 11" in page
    assert "Killed story" not in page and "Embargoed story" not in page


def test_home_query_count_does_not_grow_with_stories_or_sections(
    client, agency, national, sport, environment, django_assert_max_num_queries
):
    for n in range(30):
        publish(
            agency,
            f"urn:agency:s{n}",
            headline=f"Story {n}",
            sections=[(national, sport, environment)[n % 3]],
            pictures=[picture(f"p{n}", "A picture")],
        )
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200
