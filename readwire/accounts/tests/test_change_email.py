"""Changing the address: confirmed at the new one before it takes effect; the old one is told."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from readwire.accounts.models import User
from readwire.accounts.tests.conftest import PASSWORD, link_in


def ask(client, email, password=PASSWORD):
    return client.post("/account/email/", {"email": email, "password": password})


def test_change_takes_effect_only_from_the_new_inbox(client, alice, mailoutbox):
    client.force_login(alice)
    response = ask(client, "alice@new.example")
    assert "Check your new inbox" in response.content.decode()
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"
    assert [m.to for m in mailoutbox] == [["alice@new.example"]]

    done = client.get(link_in(mailoutbox[0], "/account/email/confirm/"))
    assert done.status_code == 200
    alice.refresh_from_db()
    assert alice.email == "alice@new.example"
    assert alice.email_verified_at is not None

    notice = mailoutbox[1]
    assert notice.to == ["alice@example.com"]
    assert "alice@new.example" in notice.body
    assert "alice@new.example" in notice.alternatives[0][0]


def test_the_new_address_then_signs_in(client, alice, mailoutbox):
    client.force_login(alice)
    ask(client, "alice@new.example")
    client.get(link_in(mailoutbox[0], "/account/email/confirm/"))
    client.logout()
    assert client.post("/account/sign-in/", {"email": "alice@new.example", "password": PASSWORD}).status_code == 302


def test_change_needs_the_password(client, alice, mailoutbox):
    client.force_login(alice)
    response = ask(client, "alice@new.example", password="not mine")
    assert "password" in response.context["form"].errors
    assert mailoutbox == []


def test_an_address_another_reader_uses_is_refused(client, alice, bob, mailoutbox):
    client.force_login(alice)
    response = ask(client, "Bob@Example.org")
    assert "email" in response.context["form"].errors
    assert mailoutbox == []


def test_an_address_taken_before_the_link_is_opened_is_refused(client, alice, mailoutbox):
    client.force_login(alice)
    ask(client, "shared@example.net")
    User.objects.create_user("dave", "SHARED@example.net", PASSWORD)
    response = client.get(link_in(mailoutbox[0], "/account/email/confirm/"))
    assert response.status_code == 409
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


def test_the_link_expires_after_a_day(client, alice, mailoutbox):
    client.force_login(alice)
    ask(client, "alice@new.example")
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        assert client.get(link_in(mailoutbox[0], "/account/email/confirm/")).status_code == 400
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


def test_an_older_link_stops_working_once_another_change_is_made(client, alice, mailoutbox):
    client.force_login(alice)
    ask(client, "first@new.example")
    ask(client, "second@new.example")
    first, second = (link_in(m, "/account/email/confirm/") for m in mailoutbox)
    client.get(second)
    assert client.get(first).status_code == 400
    alice.refresh_from_db()
    assert alice.email == "second@new.example"


def test_a_changed_address_cancels_its_old_verification_link(client, bob, mailoutbox):
    client.force_login(bob)
    client.post("/account/verify/resend/")
    verify = link_in(mailoutbox[0], "/account/verify/")
    ask(client, "bob@new.example")
    client.get(link_in(mailoutbox[1], "/account/email/confirm/"))
    assert client.get(verify).status_code == 400
