"""The account page: who you are, and the way to everything else about your account."""

import re


def test_account_page_needs_signing_in(client, db):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/account/"


def test_account_page_shows_the_address_its_status_and_the_links(client, alice):
    client.force_login(alice)
    response = client.get("/account/")
    page = response.content.decode()
    assert "alice@example.com" in page
    assert "confirmed" in page and "not confirmed yet" not in page
    for href in (
        "/account/preferences/",
        "/account/saved/",
        "/account/password/",
        "/account/sign-in/link/",
        "/account/tokens/",
        "/account/export/",
        "/account/delete/",
        "/account/email/",
    ):
        assert f'href="{href}' in page, href
    assert response["Cache-Control"] == "private, no-store"


def test_account_page_shows_an_unconfirmed_address(client, bob):
    client.force_login(bob)
    page = client.get("/account/").content.decode()
    assert "not confirmed yet" in page
    assert 'action="/account/verify/resend/"' in page


def test_masthead_offers_sign_in_or_account(client, alice):
    assert re.search(
        r'href="/account/sign-in/">.*?<span>Sign in</span></a>', client.get("/account/sign-up/").content.decode()
    )
    client.force_login(alice)
    assert re.search(r'href="/account/">.*?<span>Account</span></a>', client.get("/account/").content.decode())
