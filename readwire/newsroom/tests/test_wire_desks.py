"""The wire's desks and Topics in Focus, from the topics app's placements."""

import re

import pytest

from readwire.newsroom.tests.conftest import publish

topics = pytest.importorskip("readwire.topics.models", reason="the topics app places stories in desks")
Placement, Section = topics.Placement, topics.Section


@pytest.fixture
def sport(db):
    # The topics app's migrations create the usual desks; these tests rely only on the names below.
    return Section.objects.update_or_create(slug="sport", defaults={"kind": Section.Kind.DESK, "name": "Sport"})[0]


@pytest.fixture
def environment(db):
    return Section.objects.update_or_create(
        slug="environment", defaults={"kind": Section.Kind.TOPIC_IN_FOCUS, "name": "Environment"}
    )[0]


def place(story, section):
    Placement.objects.get_or_create(story=story, section=section, defaults={"origin": Placement.Origin.WIRE})


def headlines(html: str) -> list[str]:
    return re.findall(r'<td class="col-story"><a [^>]*>([^<]+)</a>', html)


def test_filter_by_desk_or_topic_and_rows_name_their_desks(editor_client, agency, sport, environment):
    match = publish(agency, "urn:agency:match", headline="Storm win in golden point", slugline="RUGBY-STORM")
    reef = publish(agency, "urn:agency:reef", headline="Reef bleaching spreads")
    publish(agency, "urn:agency:rates", headline="Rates on hold", slugline="RBA-RATES")
    place(match, sport)
    place(reef, environment)
    assert headlines(editor_client.get("/newsroom/?desk=sport").content.decode()) == ["Storm win in golden point"]
    assert headlines(editor_client.get("/newsroom/?desk=environment").content.decode()) == ["Reef bleaching spreads"]
    page = editor_client.get("/newsroom/").content.decode()
    assert '<span class="tag">Sport</span>' in page and '<span class="tag tag-topic">Environment</span>' in page
    # A story in no desk yet shows its slugline instead.
    assert '<td class="col-desk"><span class="slugline">RBA-RATES</span></td>' in page


def test_filters_are_kept_in_the_form_the_refresh_link_and_the_live_feed(editor_client, agency, sport):
    publish(agency, "urn:agency:dam", headline="Dam spills", urgency=4)
    page = editor_client.get("/newsroom/?source=agency&urgency=4&desk=sport").content.decode()
    assert '<option value="agency" selected>' in page and '<option value="4" selected>' in page
    assert '<option value="sport" selected>' in page
    assert 'data-feed="/newsroom/wire.json?desk=sport&amp;source=agency&amp;urgency=4"' in page
    assert 'href="/newsroom/?desk=sport&amp;source=agency&amp;urgency=4">Refresh</a>' in page


@pytest.mark.parametrize("stories", [2, 20])
def test_wire_page_costs_the_same_few_queries_however_many_rows(
    editor_client, agency, partner, sport, environment, stories, django_assert_num_queries
):
    for n in range(stories):
        story = publish(agency if n % 2 else partner, f"urn:agency:{n}", headline=f"Story {n}", urgency=n % 9 + 1)
        publish(agency if n % 2 else partner, f"urn:agency:{n}", 2, headline=f"Story {n} updated")
        place(story, sport)
        place(story, environment)
    # user (the session is read from its cache), versions with stories and sources, placements with
    # sections, filter choices (2)
    with django_assert_num_queries(5):
        assert editor_client.get("/newsroom/").status_code == 200
    # The editor's row is kept from the page before (accounts.reader_cache).
    with django_assert_num_queries(2):
        assert editor_client.get("/newsroom/wire.json?after=0").status_code == 200
