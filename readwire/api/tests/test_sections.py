import pytest

from readwire.api.tests.world import make_reader, publish, token_client
from readwire.topics.models import Follow, Placement, Section
from readwire.wire.models import Source

PROBLEM = "application/problem+json"


@pytest.fixture
def alice(db):
    return make_reader("alice")


@pytest.fixture
def app(alice):
    return token_client(alice)


def test_desks_and_topics_are_listed_with_their_pages(client, db, settings):
    settings.SITE_URL = "https://news.example"
    Section.objects.filter(slug="sport").update(active=False)
    desks = client.get("/api/v1/desks").json()["items"]
    national = next(d for d in desks if d["slug"] == "national")
    assert national["kind"] == "desk" and national["url"] == "https://news.example/desk/national/"
    assert national["stories"] == "https://news.example/api/v1/stories?desk=national"
    assert "sport" not in {d["slug"] for d in desks}
    topics = client.get("/api/v1/topics").json()["items"]
    assert topics and all(t["kind"] == "topic" for t in topics)
    assert [d["slug"] for d in desks] == list(
        Section.objects.active().desks().order_by("position", "name").values_list("slug", flat=True)
    )


def test_following_is_repeatable_and_shared_with_the_website(app, alice):
    first = app.put("/api/v1/me/follows/national")
    assert first.status_code == 200 and first.json()["section"]["slug"] == "national"
    assert app.put("/api/v1/me/follows/national").json()["followed_at"] == first.json()["followed_at"]
    assert Follow.objects.filter(user=alice).count() == 1
    assert [f["section"]["slug"] for f in app.get("/api/v1/me/follows").json()["items"]] == ["national"]
    assert app.delete("/api/v1/me/follows/national").status_code == 204
    assert app.delete("/api/v1/me/follows/national").status_code == 204
    assert not Follow.objects.filter(user=alice).exists()


def test_following_no_such_section_is_a_404_problem(app):
    response = app.put("/api/v1/me/follows/no-such-desk")
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM


def test_story_list_filters_by_desk_and_topic(client, db):
    agency = Source.objects.create(name="agency")
    on_desk, elsewhere = publish(agency, "urn:on-desk"), publish(agency, "urn:elsewhere")
    Placement.objects.filter(story__in=[on_desk, elsewhere]).delete()
    topic = Section.objects.active().topics_in_focus().first()
    Placement.objects.create(story=on_desk, section=Section.objects.get(slug="national"), origin="editor")
    Placement.objects.create(story=elsewhere, section=topic, origin="editor")
    assert [s["uri"] for s in client.get("/api/v1/stories?desk=national").json()["items"]] == ["urn:on-desk"]
    assert [s["uri"] for s in client.get(f"/api/v1/stories?topic={topic.slug}").json()["items"]] == ["urn:elsewhere"]
    assert client.get("/api/v1/stories?desk=no-such-desk").json()["items"] == []
