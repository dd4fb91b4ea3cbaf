"""WCAG 2.2 A and AA, checked by axe-core in Chromium, on the pages readers use most.

At a phone's size and a desktop's, and once more on the phone in the dark colour scheme, whose
colours need the same contrast. Serious and critical violations fail the test; the message lists
each with its rule, page and elements.
"""

import pytest

from readwire.browser_tests import axe, chromium

pytestmark = pytest.mark.browser

ANONYMOUS_PAGES = {
    "home": "/",
    "search results": "/search/?q=budget",
    "desk": "/desk/politics/",
    "sign-up": "/account/sign-up/",
    "sign-in": "/account/sign-in/",
}
READER_PAGES = {"account": "/account/", "preferences": "/account/preferences/", "saved stories": "/account/saved/"}


@pytest.fixture
def world(publish, alice):
    from readwire.accounts import services
    from readwire.topics.models import Section

    Section.objects.update_or_create(
        slug="politics",
        defaults={"kind": Section.Kind.DESK, "name": "Politics", "media_topics": ["medtop:11000000"], "active": True},
    )
    lead = publish("Floodwaters reach the river town", urgency=1)
    for n in range(1, 4):
        services.save_story(alice, publish(f"Council approves budget number {n}"))
    return {"story": lead.get_absolute_url(), "alice": alice}


@pytest.mark.parametrize(
    ("size", "scheme"), [("phone", "light"), ("desktop", "light"), ("phone", "dark")], ids=["phone", "desktop", "dark"]
)
def test_reader_pages_have_no_serious_accessibility_violations(open_page, world, size, scheme):
    viewport = chromium.VIEWPORTS[size]
    found = []
    page = open_page(viewport, color_scheme=scheme)
    for name, path in {**ANONYMOUS_PAGES, "story (anonymous)": world["story"]}.items():
        page.goto(path)
        found += axe.audit(page, f"{name} ({size}, {scheme})")
    page = open_page(viewport, user=world["alice"], color_scheme=scheme)
    for name, path in {**READER_PAGES, "story (signed in)": world["story"]}.items():
        page.goto(path)
        found += axe.audit(page, f"{name} ({size}, {scheme})")

    blocking = axe.blocking(found)
    assert not blocking, "axe found:\n" + "\n".join(map(str, blocking))
