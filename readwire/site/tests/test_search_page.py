from datetime import timedelta

import pytest
from django.utils import timezone

from readwire.search.service import index_story
from readwire.site.tests.conftest import person, publish
from readwire.wire.item import CANCELED, Entity


def indexed(*args, **fields):
    """Publish a story and index it, as the index's receiver does once ingest commits."""
    story = publish(*args, **fields)
    index_story(story.pk)
    return story


def results(page: str) -> str:
    return page.split('class="results"', 1)[1] if 'class="results"' in page else ""


@pytest.mark.parametrize("signed_in", [False, True])
def test_search_page_renders_an_empty_form_for_every_reader(client, alice, db, signed_in):
    if signed_in:
        client.force_login(alice)
    response = client.get("/search/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="search"' in page and '<label for="id_q">' in page and 'class="results"' not in page


def test_search_finds_stories_with_marked_headlines(client, agency):
    indexed(agency, "urn:agency:flood", headline="Hawkesbury flood peaks at Windsor")
    indexed(agency, "urn:agency:budget", headline="Budget surplus forecast")
    page = client.get("/search/", {"q": "hawkesbury"}).content.decode()
    found = results(page)
    assert "<mark>Hawkesbury</mark> flood peaks at Windsor" in found
    assert "Budget surplus" not in found
    assert "1 story" in found
    assert "<title>“hawkesbury”: search | Readwire</title>" in page


def test_anonymous_snippets_never_quote_the_paywalled_body(client, agency):
    indexed(
        agency,
        "urn:agency:flood",
        headline="Flood at Windsor",
        body_html="<p>Residents sandbagged overnight.</p><p>The levee held, engineers said.</p>",
    )
    found = results(client.get("/search/", {"q": "levee"}).content.decode())
    assert "Flood at Windsor" in found and "engineers said" not in found


def test_subscriber_sees_where_the_words_matched(sam_client, agency):
    indexed(
        agency,
        "urn:agency:flood",
        headline="Flood at Windsor",
        body_html="<p>Residents sandbagged overnight.</p><p>The levee held, engineers said.</p>",
    )
    found = results(sam_client.get("/search/", {"q": "levee"}).content.decode())
    assert "<mark>levee</mark>" in found


def test_search_filters_by_desk_topic_and_dates(client, agency, national, sport, environment):
    now = timezone.now()
    indexed(agency, "urn:agency:a", headline="Flood on the national desk", sections=[national])
    indexed(agency, "urn:agency:b", headline="Flood stops play", sections=[sport])
    indexed(agency, "urn:agency:c", headline="Flood refills the wetlands", sections=[national, environment])
    indexed(
        agency,
        "urn:agency:d",
        headline="Flood of last year",
        sections=[national],
        version_created=now - timedelta(days=400),
    )
    desk = results(client.get("/search/", {"q": "flood", "desk": "national"}).content.decode())
    assert "national desk" in desk and "wetlands" in desk and "stops play" not in desk
    topic = results(client.get("/search/", {"q": "flood", "topic": "environment"}).content.decode())
    assert "wetlands" in topic and "national desk" not in topic
    since = (now - timedelta(days=30)).date().isoformat()
    recent = results(client.get("/search/", {"q": "flood", "since": since}).content.decode())
    assert "last year" not in recent and "stops play" in recent
    until = (now - timedelta(days=300)).date().isoformat()
    old = results(client.get("/search/", {"q": "flood", "until": until}).content.decode())
    assert "last year" in old and "stops play" not in old


def test_people_and_places_filter_with_or_without_words(client, agency):
    indexed(
        agency,
        "urn:agency:a",
        headline="Minister visits Windsor",
        people=[person("Penny Wong")],
        places=[Entity(name="Windsor")],
    )
    indexed(
        agency,
        "urn:agency:b",
        headline="Minister visits Dubbo",
        people=[person("Chris Bowen")],
        places=[Entity(name="Dubbo")],
    )
    by_words = results(client.get("/search/", {"q": "minister", "person": "penny wong"}).content.decode())
    assert "Windsor" in by_words and "Dubbo" not in by_words
    # A tag's link: the filter alone lists the stories, newest first.
    by_place = results(client.get("/search/", {"place": "Dubbo"}).content.decode())
    assert "Minister visits Dubbo" in by_place and "Minister visits Windsor" not in by_place


def test_search_sorts_newest_first_and_pages(client, agency):
    now = timezone.now()
    for n in range(25):
        indexed(agency, f"urn:agency:{n}", headline=f"Storm report {n:02d}", version_created=now - timedelta(hours=n))
    first = results(client.get("/search/", {"q": "storm", "sort": "newest"}).content.decode())
    assert first.index("report 00") < first.index("report 01")
    assert "report 19" in first and "report 20" not in first
    assert 'href="?q=storm&amp;sort=newest&amp;page=2"' in first and "Next page" in first
    second = results(client.get("/search/", {"q": "storm", "sort": "newest", "page": 2}).content.decode())
    assert "report 20" in second and "report 24" in second and "Previous page" in second
    assert 'start="21"' in second


def test_withdrawn_and_embargoed_stories_are_never_found(client, agency):
    indexed(agency, "urn:agency:a", headline="Storm lashes coast")
    indexed(agency, "urn:agency:a", 2, headline="Storm lashes coast", pub_status=CANCELED)
    indexed(agency, "urn:agency:b", headline="Storm budget", embargoed_until=timezone.now() + timedelta(hours=1))
    for params in ({"q": "storm"}, {"since": "2000-01-01"}):
        found = results(client.get("/search/", params).content.decode())
        assert "Storm lashes coast" not in found and "Storm budget" not in found


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 600},
        {"q": "flood", "since": "not a day"},
        {"q": "flood", "desk": "nowhere"},
        {"q": "flood", "page": "0"},
        {"q": "flood", "since": "2026-03-02", "until": "2026-03-01"},
        {"q": "flood", "since": "0001-01-01"},
    ],
)
def test_bad_search_addresses_show_the_form_with_an_error(client, db, params):
    response = client.get("/search/", params)
    assert response.status_code == 200 and b'class="errorlist' in response.content


def test_search_page_query_count_does_not_grow_with_results(client, agency, django_assert_max_num_queries):
    for n in range(20):
        indexed(agency, f"urn:agency:{n}", headline=f"Storm report {n}", body_html=f"<p>Storm {n} opening.</p>")
    # PostgreSQL's backend looks in a few recent periods before the whole archive: a few queries more.
    with django_assert_max_num_queries(14):
        assert client.get("/search/", {"q": "storm"}).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/search/", {"since": "2000-01-01"}).status_code == 200
