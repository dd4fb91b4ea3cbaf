"""Signing in with a link we email: once, within 15 minutes."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from readwire.accounts import throttle
from readwire.accounts.tests.conftest import link_in


def ask_for_link(client, email, **extra):
    return client.post("/account/sign-in/link/", {"email": email}, **extra)


def signed_in_user(client):
    return client.get("/account/sign-in/").wsgi_request.user


def test_reader_gets_a_link_in_text_and_html(client, alice, mailoutbox):
    response = ask_for_link(client, "Alice@Example.com")
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["alice@example.com"]
    assert "sign in" in mailoutbox[0].subject.lower()
    assert link_in(mailoutbox[0], "/account/sign-in/link/")


def test_an_unknown_address_gets_the_same_page_and_no_email(client, alice, mailoutbox):
    known = ask_for_link(client, "alice@example.com").content.decode().replace("alice@example.com", "X")
    unknown = ask_for_link(client, "nobody@example.com").content.decode().replace("nobody@example.com", "X")
    strip = lambda page: page.split('name="csrfmiddlewaretoken"')[0]  # noqa: E731
    assert strip(known) == strip(unknown)
    assert len(mailoutbox) == 1


def test_opening_the_link_asks_first_and_signing_in_takes_a_post(client, alice, mailoutbox):
    ask_for_link(client, "alice@example.com")
    path = link_in(mailoutbox[0], "/account/sign-in/link/")
    page = client.get(path)
    assert page.status_code == 200
    assert "alice@example.com" in page.content.decode()
    assert not signed_in_user(client).is_authenticated
    response = client.post(path)
    assert response.status_code == 302
    assert signed_in_user(client) == alice


def test_the_link_works_once(client, alice, mailoutbox):
    ask_for_link(client, "alice@example.com")
    path = link_in(mailoutbox[0], "/account/sign-in/link/")
    client.post(path)
    client.logout()
    assert client.get(path).status_code == 400
    assert client.post(path).status_code == 400
    assert not signed_in_user(client).is_authenticated


def test_the_link_expires_after_fifteen_minutes(client, alice, mailoutbox):
    ask_for_link(client, "alice@example.com")
    path = link_in(mailoutbox[0], "/account/sign-in/link/")
    with time_machine.travel(timezone.now() + timedelta(minutes=15, seconds=5)):
        assert client.post(path).status_code == 400
    assert not signed_in_user(client).is_authenticated


def test_a_new_password_cancels_links_sent_before(client, alice, mailoutbox):
    ask_for_link(client, "alice@example.com")
    path = link_in(mailoutbox[0], "/account/sign-in/link/")
    alice.set_password("another long passphrase")
    alice.save()
    assert client.post(path).status_code == 400


def test_a_sign_in_link_confirms_the_address_and_ends_a_lock_out(client, bob, mailoutbox):
    for _ in range(throttle.failed_sign_ins_per_account.limit):
        client.post("/account/sign-in/", {"email": "bob@example.org", "password": "guess"})
    ask_for_link(client, "bob@example.org")
    client.post(link_in(mailoutbox[0], "/account/sign-in/link/"))
    bob.refresh_from_db()
    assert bob.email_verified_at is not None
    assert not throttle.failed_sign_ins_per_account.exceeded("bob@example.org")


def test_links_to_one_address_are_limited_per_hour(client, alice, mailoutbox):
    for _ in range(throttle.emails_per_recipient.limit + 3):
        ask_for_link(client, "alice@example.com")
    assert len(mailoutbox) == throttle.emails_per_recipient.limit


def test_a_forged_link_is_refused(client, alice):
    from django.core import signing

    forged = signing.TimestampSigner(salt="readwire.accounts.verify-email").sign_object({"u": alice.pk, "f": "x"})
    assert client.post(f"/account/sign-in/link/{forged}/").status_code == 400
    assert not signed_in_user(client).is_authenticated
