from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from readwire.api.paging import encode_cursor
from readwire.api.tests.world import make_reader, publish, token_client
from readwire.wire.item import CANCELED
from readwire.wire.models import Source, Story

PROBLEM = "application/problem+json"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def agency(db):
    return Source.objects.create(name="agency")


def uris(response):
    assert response.status_code == 200, response.content
    return [s["uri"] for s in response.json()["items"]]


def test_list_pages_through_visible_stories_newest_first(client, agency):
    for n in range(5):
        publish(agency, f"urn:s:{n}", version_created=T0 + timedelta(minutes=n))
    first = client.get("/api/v1/stories?limit=3").json()
    assert [s["uri"] for s in first["items"]] == ["urn:s:4", "urn:s:3", "urn:s:2"]
    second = client.get(f"/api/v1/stories?limit=3&cursor={first['next_cursor']}").json()
    assert [s["uri"] for s in second["items"]] == ["urn:s:1", "urn:s:0"] and second["next_cursor"] is None


def test_paging_neither_repeats_nor_skips_when_stories_arrive_between_pages(client, agency):
    for n in range(4):
        publish(agency, f"urn:s:{n}", version_created=T0 + timedelta(minutes=n))
    first = client.get("/api/v1/stories?limit=2").json()
    publish(agency, "urn:s:new", version_created=T0 + timedelta(hours=1))
    rest = client.get(f"/api/v1/stories?limit=2&cursor={first['next_cursor']}")
    assert uris(rest) == ["urn:s:1", "urn:s:0"]


def test_stories_created_at_the_same_moment_page_by_id_without_loss(client, agency):
    for n in range(5):
        publish(agency, f"urn:same:{n}", version_created=T0)
    seen, cursor = [], ""
    while True:
        page = client.get(f"/api/v1/stories?limit=2{'&cursor=' + cursor if cursor else ''}").json()
        seen += [s["uri"] for s in page["items"]]
        if not (cursor := page["next_cursor"]):
            break
    assert seen == [f"urn:same:{n}" for n in reversed(range(5))]


def test_list_carries_standfirst_and_the_web_page_but_no_body(client, agency, settings):
    settings.SITE_URL = "https://news.example"
    story = publish(agency, "urn:s:1", standfirst="The short of it.", body_html="<p>Secret body text.</p>")
    response = client.get("/api/v1/stories")
    [item] = response.json()["items"]
    assert item["standfirst"] == "The short of it."
    assert item["url"] == f"https://news.example/story/{story.pk}/"
    assert "Secret body text" not in response.content.decode()


def test_list_filters_by_urgency_time_and_source(client, agency):
    partner = Source.objects.create(name="partner")
    publish(agency, "urn:flash", urgency=1, version_created=T0)
    publish(agency, "urn:routine", urgency=5, version_created=T0 + timedelta(hours=2))
    publish(partner, "urn:partner", urgency=3, version_created=T0 + timedelta(hours=4))
    assert uris(client.get("/api/v1/stories?urgency=3")) == ["urn:partner", "urn:flash"]
    assert uris(client.get("/api/v1/stories?source=partner")) == ["urn:partner"]
    since = (T0 + timedelta(hours=1)).isoformat()
    until = (T0 + timedelta(hours=4)).isoformat()
    assert uris(client.get("/api/v1/stories", {"since": since, "until": until})) == ["urn:routine"]


def test_list_survives_times_at_the_edge_of_the_calendar(client, agency):
    publish(agency, "urn:s:1", version_created=T0)
    assert uris(client.get("/api/v1/stories", {"since": "0001-01-01T00:00:00+14:00"})) == ["urn:s:1"]
    assert uris(client.get("/api/v1/stories", {"until": "9999-12-31T23:59:59-12:00"})) == ["urn:s:1"]
    assert uris(client.get("/api/v1/stories", {"since": "9999-12-31T23:59:59-12:00"})) == []


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        encode_cursor(T0, 1)[:-3],
        "WyJub3QgYSB0aW1lIiwgMV0",
        "W251bGwsbnVsbF0",
        "WyIyMDI2LTAxLTAxVDAwOjAwOjAwIiwxXQ",
    ],
)
def test_a_cursor_this_api_did_not_give_is_a_400_problem(client, agency, cursor):
    response = client.get(f"/api/v1/stories?cursor={cursor}")
    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    assert response.json()["type"] == "urn:readwire:problem:invalid-cursor"


def test_out_of_range_limit_is_a_422_problem(client, db):
    response = client.get("/api/v1/stories?limit=1000")
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM


def test_killed_and_embargoed_stories_are_not_in_any_api_answer(client, agency):
    killed = publish(agency, "urn:s:killed")
    publish(agency, "urn:s:killed", 2, pub_status=CANCELED)
    embargoed = publish(agency, "urn:s:embargoed", embargoed_until=timezone.now() + timedelta(hours=1))
    shown = publish(agency, "urn:s:shown")
    assert uris(client.get("/api/v1/stories")) == ["urn:s:shown"]
    gone = client.get(f"/api/v1/stories/{killed.pk}")
    assert gone.status_code == 410 and gone["Content-Type"] == PROBLEM
    assert "Body." not in gone.content.decode()
    assert client.get(f"/api/v1/stories/{embargoed.pk}").status_code == 404
    doc = client.get(f"/api/v1/stories/{shown.pk}").json()
    assert doc["uri"] == "urn:s:shown" and doc["standard"]["version"] == "3.1"


def test_anonymous_reader_gets_a_partial_document_and_is_told_why(client, agency):
    story = publish(agency, "urn:s:1", body_html="<p>Opening.</p><p>The paid part.</p>")
    response = client.get(f"/api/v1/stories/{story.pk}")
    doc = response.json()
    assert doc["representationType"] == "partial"
    assert doc["bodies"] == [{"role": "main", "contentType": "text/html", "value": "<p>Opening.</p>"}]
    assert response["X-Readwire-Access"].startswith("preview; ")
    assert "private" in response["Cache-Control"] and "Authorization" in response["Vary"]


def test_subscriber_with_a_token_reads_the_whole_story(agency, db):
    story = publish(agency, "urn:s:1", body_html="<p>Opening.</p><p>The paid part.</p>")
    response = token_client(make_reader("bob", full_access=True)).get(f"/api/v1/stories/{story.pk}")
    assert response["X-Readwire-Access"] == "full; subscriber"
    assert response.json()["representationType"] == "full"
    assert "The paid part." in response.content.decode()


def test_opening_a_story_through_the_api_spends_the_meter_like_the_website(agency, db, settings):
    settings.READWIRE_FREE_STORIES_PER_MONTH = 1
    first, second = publish(agency, "urn:s:1"), publish(agency, "urn:s:2")
    alice = token_client(make_reader("alice"))
    opened = alice.get(f"/api/v1/stories/{first.pk}")
    assert opened["X-Readwire-Access"] == "full; free story" and opened["X-Readwire-Free-Stories-Left"] == "0"
    assert alice.get(f"/api/v1/stories/{second.pk}")["X-Readwire-Access"].startswith("preview; ")
    assert alice.get(f"/api/v1/stories/{first.pk}")["X-Readwire-Access"].startswith("full; ")


def test_story_that_does_not_exist_is_a_404_problem(client, db):
    response = client.get("/api/v1/stories/123456789")
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    assert Story.objects.count() == 0


@pytest.mark.parametrize("reader", ["anonymous", "subscriber"])
def test_the_story_document_is_valid_ninjs_31_in_full_and_in_preview(agency, db, settings, reader):
    import json

    import jsonschema

    schema = json.loads((settings.NINJS_SCHEMA_DIR / "ninjs-schema_3.1.json").read_text())
    story = publish(
        agency,
        "urn:s:1",
        body_html="<p>Opening.</p><p>The paid part.</p>",
        standfirst="In short.",
        byline="A. Reporter",
        urgency=3,
    )
    client = token_client(make_reader("bob", full_access=True)) if reader == "subscriber" else Client()
    document = client.get(f"/api/v1/stories/{story.pk}").json()
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(document)]
    assert errors == []
    assert document["representationType"] == ("full" if reader == "subscriber" else "partial")
