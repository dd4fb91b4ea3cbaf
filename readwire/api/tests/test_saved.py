import pytest

from readwire.accounts.models import SavedStory
from readwire.api.tests.world import make_reader, publish, token_client
from readwire.wire.item import CANCELED
from readwire.wire.models import Source

PROBLEM = "application/problem+json"


@pytest.fixture
def agency(db):
    return Source.objects.create(name="agency")


@pytest.fixture
def alice(db):
    return make_reader("alice")


@pytest.fixture
def app(alice):
    return token_client(alice)


def test_saved_stories_are_listed_latest_saved_first_in_pages(app, agency):
    stories = [publish(agency, f"urn:s:{n}") for n in range(3)]
    for story in stories:
        assert app.put(f"/api/v1/me/saved/{story.pk}").status_code == 200
    first = app.get("/api/v1/me/saved?limit=2").json()
    assert [item["story"]["uri"] for item in first["items"]] == ["urn:s:2", "urn:s:1"]
    rest = app.get(f"/api/v1/me/saved?limit=2&cursor={first['next_cursor']}").json()
    assert [item["story"]["uri"] for item in rest["items"]] == ["urn:s:0"] and rest["next_cursor"] is None


def test_saving_twice_keeps_the_first_time_and_removing_is_repeatable(app, agency, alice):
    story = publish(agency, "urn:s:1")
    first = app.put(f"/api/v1/me/saved/{story.pk}").json()
    assert app.put(f"/api/v1/me/saved/{story.pk}").json()["saved_at"] == first["saved_at"]
    assert app.delete(f"/api/v1/me/saved/{story.pk}").status_code == 204
    assert app.delete(f"/api/v1/me/saved/{story.pk}").status_code == 204
    assert not SavedStory.objects.filter(user=alice).exists()


def test_a_withdrawn_story_cannot_be_saved_and_leaves_the_list(app, agency):
    kept, killed_later = publish(agency, "urn:s:kept"), publish(agency, "urn:s:killed")
    app.put(f"/api/v1/me/saved/{kept.pk}")
    app.put(f"/api/v1/me/saved/{killed_later.pk}")
    publish(agency, "urn:s:killed", 2, pub_status=CANCELED)
    assert [i["story"]["uri"] for i in app.get("/api/v1/me/saved").json()["items"]] == ["urn:s:kept"]
    refused = app.put(f"/api/v1/me/saved/{killed_later.pk}")
    assert refused.status_code == 404 and refused["Content-Type"] == PROBLEM
    assert app.put("/api/v1/me/saved/987654").status_code == 404


def test_readers_see_only_their_own_saved_stories(app, agency):
    story = publish(agency, "urn:s:1")
    app.put(f"/api/v1/me/saved/{story.pk}")
    assert token_client(make_reader("bob")).get("/api/v1/me/saved").json()["items"] == []
