"""A new reader's first visit, as a person makes it: one long path through the site in Chromium.

Sign up, confirm the address by the link the SMTP server received, follow a desk, read until the
meter stops them, search, and save a story. Each step starts from what the last one left on screen.
"""

import re

import pytest
from playwright.sync_api import expect

from readwire.browser_tests import chromium
from readwire.browser_tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def politics(transactional_db):
    from readwire.topics.models import Section

    # The default desks come from a data migration, which a transactional test's flush empties.
    section, _ = Section.objects.update_or_create(
        slug="politics",
        defaults={"kind": Section.Kind.DESK, "name": "Politics", "media_topics": ["medtop:11000000"], "active": True},
    )
    return section


def test_a_new_reader_from_sign_up_to_a_saved_story(open_page, smtp_inbox, publish, politics):
    stories = [publish(f"Senate passes water bill, part {n}") for n in range(1, 5)]
    harbour = publish("Ferry timetable overhaul for the harbour", body_html="<p>Ferries on the harbour run later.</p>")

    # Sign up, on a phone, as most readers do.
    page = open_page(chromium.PHONE)
    page.goto("/account/sign-up/")
    page.get_by_label("Email address").fill("erin@example.net")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("status")).to_contain_text("We have sent a link to erin@example.net")
    expect(page.get_by_text("not confirmed yet")).to_be_visible()

    # Confirm the address by the link in the email.
    message = smtp_inbox.wait_for("erin@example.net")
    text = message.get_body(preferencelist=("plain",)).get_content()
    [link] = re.findall(r"http\S+/account/verify/\S+", text)
    page.goto(link)
    expect(page.get_by_role("status")).to_have_text("erin@example.net is confirmed.")
    page.goto("/account/")
    expect(page.get_by_text("not confirmed yet")).to_have_count(0)
    # The sign-up form took the time zone from the browser's.
    expect(page.locator(".account-facts")).to_contain_text(chromium.READER_TIME_ZONE)

    # Follow the Politics desk from its page; the preferences remember it.
    page.goto("/desk/politics/")
    page.get_by_role("button", name="Follow Politics").click()
    expect(page.get_by_role("button", name="Unfollow Politics")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("You follow Politics.")
    page.goto("/account/preferences/")
    follows = page.get_by_role("group", name="Desks and topics you follow")
    expect(follows.get_by_role("checkbox", name="Politics")).to_be_checked()
    expect(follows.get_by_role("checkbox", checked=True)).to_have_count(1)

    # Read: three free stories in full, then the meter stops them; a story already read stays open.
    for story in stories[:3]:
        page.goto(story.get_absolute_url())
        expect(page.get_by_role("heading", level=1)).to_have_text(story.headline)
        expect(page.get_by_text("The second paragraph")).to_be_visible()
    page.goto(stories[3].get_absolute_url())
    expect(page.get_by_text("The first paragraph")).to_be_visible()
    expect(page.get_by_text("The second paragraph")).to_have_count(0)
    expect(page.get_by_text("you have read your 3 free stories", exact=False)).to_be_visible()
    page.goto(stories[0].get_absolute_url())
    expect(page.get_by_text("The second paragraph")).to_be_visible()

    # Search for the harbour story and open it from the results.
    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_label("Search for").fill("ferry timetable")
    page.get_by_role("button", name="Search", exact=True).click()
    results = page.locator(".results")
    expect(results.get_by_role("heading", level=2)).to_have_text("1 story")
    results.get_by_role("link", name=harbour.headline).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(harbour.headline)

    # Save it; it is then on the saved stories page.
    page.get_by_role("button", name=re.compile(r"^Save\b")).click()
    expect(page.get_by_role("button", name=re.compile(r"^Saved\b"))).to_be_visible()
    page.get_by_role("link", name="Saved", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Saved stories")
    expect(page.locator(".saved-stories").get_by_role("link", name=harbour.headline)).to_be_visible()
