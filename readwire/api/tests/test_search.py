import pytest

from readwire.api.tests.world import make_reader, publish, token_client
from readwire.wire.item import CANCELED
from readwire.wire.models import Source

PROBLEM = "application/problem+json"
BODY = (
    "<p>Flood waters rose along the Hawkesbury overnight.</p>"
    "<p>Engineers warned the levee at Windsor could fail by dawn.</p>"
)


@pytest.fixture
def agency(db):
    return Source.objects.create(name="agency")


def test_search_finds_visible_stories_with_marked_headlines(client, agency):
    publish(agency, "urn:flood", headline="Hawkesbury floods", body_html=BODY)
    publish(agency, "urn:other", headline="Budget passes", body_html="<p>The budget passed.</p>")
    answer = client.get("/api/v1/search", {"q": "hawkesbury"}).json()
    assert [hit["story"]["uri"] for hit in answer["results"]] == ["urn:flood"]
    assert "<mark>Hawkesbury</mark>" in answer["results"][0]["headline_html"]
    assert answer["total"] == 1 and answer["has_next"] is False


def test_anonymous_snippet_never_quotes_the_paywalled_body(client, agency):
    publish(agency, "urn:flood", headline="Hawkesbury floods", body_html=BODY)
    [hit] = client.get("/api/v1/search", {"q": "levee"}).json()["results"]
    assert "levee" not in str(hit).lower() and "Windsor" not in str(hit)
    assert hit["snippet_html"].startswith("Flood waters rose")


def test_a_match_in_the_preview_keeps_its_marked_snippet(client, agency):
    publish(agency, "urn:flood", headline="Hawkesbury floods", body_html=BODY)
    [hit] = client.get("/api/v1/search", {"q": "overnight"}).json()["results"]
    assert "<mark>overnight</mark>" in hit["snippet_html"]
    assert "Engineers" not in hit["snippet_html"], hit["snippet_html"]


def test_subscriber_sees_the_snippet_where_the_words_matched(agency, db):
    publish(agency, "urn:flood", headline="Hawkesbury floods", body_html=BODY)
    [hit] = token_client(make_reader("bob", full_access=True)).get("/api/v1/search", {"q": "levee"}).json()["results"]
    assert "<mark>levee</mark>" in hit["snippet_html"]


def test_withdrawn_stories_are_not_found(client, agency):
    publish(agency, "urn:flood", headline="Hawkesbury floods", body_html=BODY)
    publish(agency, "urn:flood", 2, headline="Hawkesbury floods", body_html=BODY, pub_status=CANCELED)
    assert client.get("/api/v1/search", {"q": "hawkesbury"}).json()["results"] == []


def test_search_pages_and_sorts_newest_first(client, agency):
    from datetime import UTC, datetime, timedelta

    for n in range(3):
        publish(
            agency,
            f"urn:flood:{n}",
            headline=f"Flood update {n}",
            version_created=datetime(2026, 3, 1, tzinfo=UTC) + timedelta(hours=n),
        )
    first = client.get("/api/v1/search", {"q": "flood", "sort": "newest", "per_page": 2}).json()
    assert [h["story"]["uri"] for h in first["results"]] == ["urn:flood:2", "urn:flood:1"] and first["has_next"]
    second = client.get("/api/v1/search", {"q": "flood", "sort": "newest", "per_page": 2, "page": 2}).json()
    assert [h["story"]["uri"] for h in second["results"]] == ["urn:flood:0"]


@pytest.mark.parametrize(
    "params", [{}, {"q": "x", "sort": "oldest"}, {"q": "x", "since": "1767225600"}, {"q": "a\x00b"}]
)
def test_bad_search_parameters_are_422_problems(client, db, params):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM


def test_days_beyond_any_story_bound_nothing_or_find_nothing(client, agency):
    publish(agency, "urn:flood", headline="Hawkesbury floods")
    assert len(client.get("/api/v1/search", {"q": "floods", "since": "0463-06-06"}).json()["results"]) == 1
    assert len(client.get("/api/v1/search", {"q": "floods", "until": "9999-12-31"}).json()["results"]) == 1
    assert client.get("/api/v1/search", {"q": "floods", "since": "9999-12-31"}).json()["results"] == []
    assert client.get("/api/v1/search", {"q": "floods", "until": "0001-01-01"}).json()["results"] == []
