"""The paywall holds on every surface that can show a story, for every kind of reader.

One story's second paragraph holds a word found nowhere else (``MARKER``; its first version's,
``V1_MARKER``). Full text is shown to readers entitled to it, and only to them:

- anonymous readers: never (they get the headline, standfirst and first paragraph);
- a signed-in reader with free stories left: on the pages that open a story (which spends one);
- a signed-in reader whose free stories are spent: never;
- a reader with an ``AccessGrant`` (a subscriber) and staff: wherever a surface shows bodies.

Surfaces walked by name, with what each must show: the story page, an earlier version's page,
the RSS feed, and the API's list, story and search. Lists and the feed carry no body for anyone.
Besides them, every page and API endpoint in the URL configuration that a GET can reach with no
parameter or with a story id (pages added later too: desks, the search page, account pages, the
newsroom) is fetched as the two readers never entitled, and must not show either marker.

No email carries story text yet (the Morning Wire and alerts come later): their body functions
belong in ``SURFACES`` when they exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from readwire.api.tests.world import make_reader, publish
from readwire.billing.models import MeteredRead
from readwire.wire.models import Source, Story

MARKER = "Quillfeather7731"
V1_MARKER = "Ravensgate4419"
HEADLINE = "Windsor braces for the flood peak"
# In the second paragraph beside the marker, so a search for it would show the marker in a snippet.
SEARCH_WORD = "levee"


def body(marker: str) -> str:
    return (
        "<p>Residents of Windsor spent the night sandbagging their homes.</p>"
        f"<p>Engineers said the {SEARCH_WORD} would hold, {marker} said late on Sunday.</p>"
        "<p>The river is expected to peak at noon.</p>"
    )


ANONYMOUS = "anonymous"
FREE_STORIES_LEFT = "signed in, free stories left"
FREE_STORIES_SPENT = "signed in, free stories spent"
SUBSCRIBER = "subscriber (access grant)"
STAFF = "staff"
READERS = [ANONYMOUS, FREE_STORIES_LEFT, FREE_STORIES_SPENT, SUBSCRIBER, STAFF]
NEVER_ENTITLED = [ANONYMOUS, FREE_STORIES_SPENT]

OPENS_THE_STORY = {FREE_STORIES_LEFT, SUBSCRIBER, STAFF}
ENTITLED_WITHOUT_THE_METER = {SUBSCRIBER, STAFF}
NOBODY: set[str] = set()


@dataclass(frozen=True)
class Surface:
    name: str
    path: str  # {id} is the story's id
    marker: str
    entitled: set[str]


SURFACES = [
    Surface("story page", "/story/{id}/", MARKER, OPENS_THE_STORY),
    Surface("earlier version page", "/story/{id}/v1/", V1_MARKER, OPENS_THE_STORY),
    Surface("RSS feed", "/feed.xml", MARKER, NOBODY),
    Surface("desk page", "/desk/national/", MARKER, NOBODY),
    Surface("desk's RSS feed", "/desk/national/feed.xml", MARKER, NOBODY),
    Surface("search page", f"/search/?q={SEARCH_WORD}", MARKER, ENTITLED_WITHOUT_THE_METER),
    Surface("API story list", "/api/v1/stories", MARKER, NOBODY),
    Surface("API story", "/api/v1/stories/{id}", MARKER, OPENS_THE_STORY),
    # A search never spends the meter, so only readers entitled without it see matches in the body.
    Surface("API search", f"/api/v1/search?q={SEARCH_WORD}", MARKER, ENTITLED_WITHOUT_THE_METER),
]


@pytest.fixture
def agency(db):
    return Source.objects.create(name="agency")


@pytest.fixture
def story(agency) -> Story:
    from readwire.topics.models import Placement, Section

    publish(agency, "urn:agency:windsor", headline=HEADLINE, body_html=body(V1_MARKER))
    story = publish(
        agency,
        "urn:agency:windsor",
        2,
        headline=HEADLINE,
        body_html=body(MARKER),
        signals=["correction"],
        ed_note="Corrects the name of the engineer quoted.",
    )
    # On a desk, so that the desk's page and feed are walked with it.
    Placement.objects.get_or_create(
        story=story, section=Section.objects.get(slug="national"), defaults={"origin": "editor"}
    )
    return story


def reader_client(kind: str, agency) -> Client:
    # A crash on some page must not hide what other pages show; the walk reports statuses itself.
    client = Client(raise_request_exception=False)
    if kind == ANONYMOUS:
        return client
    name = re.sub(r"\W+", "-", kind).strip("-")
    reader = make_reader(name, full_access=kind == SUBSCRIBER, staff=kind == STAFF)
    if kind == FREE_STORIES_SPENT:
        month = timezone.now().strftime("%Y-%m")
        for n in range(3):
            other = publish(agency, f"urn:agency:other-{n}")
            MeteredRead.objects.create(reader=reader, story=other, month=month)
    client.force_login(reader)
    return client


def text_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.name)
def test_full_text_shows_exactly_to_the_readers_entitled_to_it(surface, reader, agency, story, settings):
    settings.READWIRE_FREE_STORIES_PER_MONTH = 3
    client = reader_client(reader, agency)
    response = client.get(surface.path.format(id=story.pk))
    page = text_of(response)
    assert response.status_code == 200, page[:500]
    assert HEADLINE in page, f"the story is not on the {surface.name} at all, so this proves nothing"
    entitled = reader in surface.entitled
    assert (surface.marker in page) == entitled, (
        f"{surface.name}: {reader} {'should' if entitled else 'must not'} see the full text"
    )
    if not entitled:
        assert MARKER not in page and V1_MARKER not in page


@pytest.mark.usefixtures("page_cache")
@pytest.mark.parametrize("order", ["entitled readers first", "readers not entitled first"])
def test_pages_the_server_keeps_show_full_text_exactly_to_the_readers_entitled_to_it(order, agency, story, settings):
    """The server's copies of pages (readwire.site.page_cache) never hand one reader's page to
    another who may read less: every reader walks every surface, twice, in both orders."""
    settings.READWIRE_FREE_STORIES_PER_MONTH = 3
    readers = READERS if order == "entitled readers first" else list(reversed(READERS))
    clients = {reader: reader_client(reader, agency) for reader in readers}
    for _ in range(2):
        for reader in readers:
            for surface in SURFACES:
                page = text_of(clients[reader].get(surface.path.format(id=story.pk)))
                # The story page, walked first, spent a free story on this one: it is theirs this month.
                has_read_it = reader == FREE_STORIES_LEFT and surface.entitled == ENTITLED_WITHOUT_THE_METER
                entitled = reader in surface.entitled or has_read_it
                assert HEADLINE in page
                assert (surface.marker in page) == entitled, f"{surface.name}: {reader}, {order}"


@pytest.mark.parametrize("reader", NEVER_ENTITLED)
def test_no_page_or_endpoint_shows_full_text_to_a_reader_not_entitled(reader, agency, story):
    client = reader_client(reader, agency)
    saved = reader != ANONYMOUS and client.put(f"/api/v1/me/saved/{story.pk}").status_code
    assert saved in (False, 200), "the saved-stories pages must have the story on them"
    walked, leaks = [], []
    for path in reachable_paths(story):
        response = client.get(path, {"q": SEARCH_WORD})
        page = text_of(response)
        walked.append((path, response.status_code))
        if MARKER in page or V1_MARKER in page:
            leaks.append(f"{path} ({response.status_code})")
    assert not leaks, f"full text shown to {reader} at: {', '.join(leaks)}"
    walked_paths = {path for path, _ in walked}
    # The walk must cover the surfaces named above, or it proves less than it claims.
    assert {s.path.format(id=story.pk).split("?")[0] for s in SURFACES} <= walked_paths


def test_a_story_without_paragraphs_previews_only_its_first_line(agency, client):
    """Feeds and pages often send paragraphs as line breaks; the preview must stop at the first."""
    story = publish(
        agency,
        "urn:agency:breaks",
        headline=HEADLINE,
        body_html=f"Residents spent the night sandbagging.<br><br>The {SEARCH_WORD} held, {MARKER} said.",
    )
    for path in (f"/story/{story.pk}/", f"/api/v1/stories/{story.pk}", "/feed.xml"):
        page = text_of(client.get(path))
        assert "sandbagging" in page and MARKER not in page, path


def test_a_paragraph_broken_by_line_breaks_previews_only_its_first_line(agency, client):
    story = publish(
        agency,
        "urn:agency:one-paragraph",
        headline=HEADLINE,
        body_html=f"<p>Residents spent the night sandbagging.<br><br>The {SEARCH_WORD} held, {MARKER} said.</p>",
    )
    for path in (f"/story/{story.pk}/", f"/api/v1/stories/{story.pk}", "/feed.xml"):
        page = text_of(client.get(path))
        assert "sandbagging" in page and MARKER not in page, path


def test_earlier_versions_stay_behind_the_paywall_after_the_story_moves_on(agency, story, client):
    publish(agency, "urn:agency:windsor", 3, headline=HEADLINE, body_html=body("Thirdversion"))
    for number in (1, 2):
        page = text_of(client.get(f"/story/{story.pk}/v{number}/"))
        assert HEADLINE in page and MARKER not in page and V1_MARKER not in page


def test_a_withdrawn_story_shows_its_text_to_nobody(agency, story):
    from readwire.wire.item import CANCELED

    publish(agency, "urn:agency:windsor", 3, headline=HEADLINE, body_html=body(MARKER), pub_status=CANCELED)
    for reader in (ANONYMOUS, SUBSCRIBER):
        client = reader_client(reader, agency)
        for surface in SURFACES:
            page = text_of(client.get(surface.path.format(id=story.pk)))
            assert MARKER not in page and V1_MARKER not in page, (surface.name, reader)


def test_an_embargoed_story_shows_nothing_before_its_time_even_to_subscribers(agency):
    story = publish(
        agency,
        "urn:agency:budget",
        headline=HEADLINE,
        body_html=body(MARKER),
        embargoed_until=timezone.now() + timedelta(hours=3),
    )
    client = reader_client(SUBSCRIBER, agency)
    for surface in SURFACES:
        page = text_of(client.get(surface.path.format(id=story.pk)))
        assert MARKER not in page and HEADLINE not in page, surface.name


# --- every GET-reachable path ----------------------------------------------------------------------


def reachable_paths(story: Story) -> list[str]:
    """Every URL in the configuration whose parameters are none, or name the story, one of its
    versions or one of its desks and topics."""
    from readwire.topics.models import Placement

    values = {"story_id": story.pk, "number": 1}
    paths = set()
    for name, route, parameters in _endpoints(get_resolver()):
        for placement in Placement.objects.filter(story=story).select_related("section") or [None]:
            given = dict(values)
            if placement is not None:
                given.update(kind=placement.section.kind, slug=placement.section.slug)
            if not parameters <= set(given):
                continue
            try:
                paths.add(reverse(name, kwargs={p: given[p] for p in parameters}) if name else "/" + route)
            except NoReverseMatch:
                continue
    return sorted(paths)


def _endpoints(resolver: URLResolver, namespace: str = "", prefix: str = ""):
    """(name with its namespaces, route, parameter names) of every view."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _endpoints(entry, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield name, prefix + str(entry.pattern), set(entry.pattern.regex.groupindex)
