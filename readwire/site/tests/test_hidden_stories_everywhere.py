"""A withdrawn, withheld or embargoed story, and a copy of a story shown from another source, are
on no list a reader sees: home, desk and topic pages, related stories, search, feeds."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from readwire.search.service import index_story
from readwire.site.tests.conftest import publish
from readwire.wire.item import CANCELED, WITHHELD
from readwire.wire.models import Source, Story

HIDDEN = {
    "killed": "Killed kookaburra story",
    "withheld": "Withheld kookaburra story",
    "embargoed": "Embargoed kookaburra story",
    "copy": "Partner copy of the kookaburra story",
}


@pytest.fixture
def world(agency, national, environment):
    placed = dict(sections=[national, environment])
    shown = publish(agency, "urn:agency:shown", headline="Kookaburra census counts record", **placed)
    publish(agency, "urn:agency:killed", headline=HIDDEN["killed"], urgency=1, **placed)
    publish(agency, "urn:agency:killed", 2, headline=HIDDEN["killed"], pub_status=CANCELED)
    publish(agency, "urn:agency:withheld", headline=HIDDEN["withheld"], urgency=1, **placed)
    publish(agency, "urn:agency:withheld", 2, headline=HIDDEN["withheld"], pub_status=WITHHELD)
    publish(
        agency,
        "urn:agency:later",
        headline=HIDDEN["embargoed"],
        urgency=1,
        embargoed_until=timezone.now() + timedelta(hours=3),
        **placed,
    )
    partner = Source.objects.create(name="partner", kind=Source.Kind.FEED)
    copy = publish(partner, "urn:partner:copy", headline=HIDDEN["copy"], urgency=1, **placed)
    Story.objects.filter(pk=copy.pk).update(duplicate_of=shown)
    for story in Story.objects.all():
        index_story(story.pk)
    return {"shown": shown, "other": publish(agency, "urn:agency:other", headline="Kookaburra chicks", **placed)}


LISTINGS = [
    "/",
    "/desk/national/",
    "/topic/environment/",
    "/desk/national/feed.xml",
    "/topic/environment/feed.xml",
    "/feed.xml",
    "/search/?q=kookaburra",
    "/search/?q=kookaburra&sort=newest",
    "/search/?desk=national",
    "/search/?topic=environment&since=2000-01-01",
    "related",
]


@pytest.mark.parametrize("path", LISTINGS)
def test_hidden_stories_are_on_no_listing(client, world, path):
    if path == "related":
        path = world["other"].get_absolute_url()
    response = client.get(path)
    # Search marks the words it matched: compare the text, not the markup.
    page = strip_tags(response.content.decode())
    assert response.status_code == 200
    assert "Kookaburra" in page, "the listing shows no story at all, so this proves nothing"
    for what, headline in HIDDEN.items():
        assert headline not in page, f"{what} story listed on {path}"


def test_hidden_stories_own_pages(client, world):
    stories = {s.uri: s for s in Story.objects.all()}
    assert client.get(stories["urn:agency:killed"].get_absolute_url()).status_code == 410
    assert client.get(stories["urn:agency:withheld"].get_absolute_url()).status_code == 404
    assert client.get(stories["urn:agency:later"].get_absolute_url()).status_code == 404
    # A copy keeps its own address, and says where else the story is.
    copy = client.get(stories["urn:partner:copy"].get_absolute_url()).content.decode()
    assert "Also from" in copy


def test_an_embargoed_story_appears_everywhere_once_its_time_comes(client, world):
    import time_machine

    with time_machine.travel(timezone.now() + timedelta(hours=4)):
        for path in ("/", "/desk/national/", "/search/?q=kookaburra", "/desk/national/feed.xml"):
            assert HIDDEN["embargoed"] in strip_tags(client.get(path).content.decode()), path
