"""A new reader, from signing up to the end of their free stories."""

import re

import pytest
from playwright.sync_api import expect

from readwire.browser_tests import chromium
from readwire.browser_tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_new_reader_confirms_their_address_by_the_emailed_link(open_page, inbox):
    page = open_page(chromium.PHONE)
    page.goto("/account/sign-up/")
    page.get_by_label("Email address").fill("erin@example.net")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("status")).to_contain_text("We have sent a link to erin@example.net")
    expect(page.get_by_text("not confirmed yet")).to_be_visible()

    message = inbox.wait_for("erin@example.net")
    text = message.get_body(preferencelist=("plain",)).get_content()
    [link] = re.findall(r"http\S+/account/verify/\S+", text)
    page.goto(link)
    expect(page.get_by_role("status")).to_have_text("erin@example.net is confirmed.")

    page.goto("/account/")
    expect(page.locator(".account-facts")).to_contain_text("confirmed")
    expect(page.get_by_text("not confirmed yet")).to_have_count(0)
    # The sign-up form guessed the time zone from the browser's.
    expect(page.locator(".account-facts")).to_contain_text(chromium.READER_TIME_ZONE)


def test_signed_in_reader_reads_three_free_stories_then_meets_the_paywall(open_page, alice, publish):
    stories = [publish(f"Harbour bridge story {n}") for n in range(1, 5)]
    page = open_page(chromium.PHONE, user=alice)
    for story in stories[:3]:
        page.goto(story.get_absolute_url())
        expect(page.get_by_role("heading", level=1)).to_have_text(story.headline)
        expect(page.get_by_text("The second paragraph")).to_be_visible()

    page.goto(stories[3].get_absolute_url())
    expect(page.get_by_text("The first paragraph")).to_be_visible()
    expect(page.get_by_text("The second paragraph")).to_have_count(0)
    expect(page.get_by_text("you have read your 3 free stories", exact=False)).to_be_visible()

    # A story already read this month stays open.
    page.goto(stories[0].get_absolute_url())
    expect(page.get_by_text("The second paragraph")).to_be_visible()
