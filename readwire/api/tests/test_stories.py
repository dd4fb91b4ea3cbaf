from datetime import timedelta

import pytest
from django.utils import timezone

from readwire.wire.item import CANCELED, WireItem
from readwire.wire.models import Source, Story
from readwire.wire.services import accept


@pytest.fixture
def agency(db):
    return Source.objects.create(name="agency")


def publish(source, uri, version=1, **fields):
    accept(
        WireItem(
            uri=uri,
            version=version,
            format="ninjs",
            headline=fields.pop("headline", f"Story {uri}"),
            body_html="<p>Body.</p>",
            **fields,
        ),
        source,
    )
    return Story.objects.get(uri=uri)


def test_list_pages_through_visible_stories_newest_first(client, agency):
    for n in range(5):
        publish(agency, f"urn:s:{n}")
    first = client.get("/api/v1/stories?limit=3").json()
    assert [s["uri"] for s in first["items"]] == ["urn:s:4", "urn:s:3", "urn:s:2"]
    second = client.get(f"/api/v1/stories?limit=3&before={first['next_before']}").json()
    assert [s["uri"] for s in second["items"]] == ["urn:s:1", "urn:s:0"] and second["next_before"] is None


def test_killed_and_embargoed_stories_are_not_in_any_api_answer(client, agency):
    killed = publish(agency, "urn:s:killed")
    publish(agency, "urn:s:killed", 2, pub_status=CANCELED)
    embargoed = publish(agency, "urn:s:embargoed", embargoed_until=timezone.now() + timedelta(hours=1))
    shown = publish(agency, "urn:s:shown")
    assert [s["uri"] for s in client.get("/api/v1/stories").json()["items"]] == ["urn:s:shown"]
    gone = client.get(f"/api/v1/stories/{killed.pk}")
    assert gone.status_code == 410 and gone["Content-Type"] == "application/problem+json"
    assert "Body." not in gone.content.decode()
    assert client.get(f"/api/v1/stories/{embargoed.pk}").status_code == 404
    doc = client.get(f"/api/v1/stories/{shown.pk}").json()
    assert doc["uri"] == "urn:s:shown" and doc["standard"]["version"] == "3.1"
