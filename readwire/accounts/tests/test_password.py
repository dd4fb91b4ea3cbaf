"""Resetting a forgotten password by email, and changing a known one."""

from readwire.accounts.tests.conftest import PASSWORD, link_in

NEW_PASSWORD = "a different long passphrase"


def test_reset_by_emailed_link_sets_the_password_and_signs_in(client, bob, mailoutbox):
    response = client.post("/account/password/reset/", {"email": "BOB@example.org"})
    assert response["Location"] == "/account/password/reset/sent/"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["bob@example.org"]
    path = link_in(mailoutbox[0], "/account/password/reset/")
    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response["Location"] == "/account/"
    bob.refresh_from_db()
    assert bob.check_password(NEW_PASSWORD)
    assert bob.email_verified_at is not None
    assert client.get("/account/").status_code == 200


def test_reset_link_works_once(client, bob, mailoutbox):
    client.post("/account/password/reset/", {"email": "bob@example.org"})
    path = link_in(mailoutbox[0], "/account/password/reset/")
    page = client.get(path, follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()
    again = client.get(path, follow=True)
    assert not again.context["validlink"]


def test_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, db, mailoutbox):
    response = client.post("/account/password/reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/account/password/reset/sent/"
    assert mailoutbox == []


def test_changing_the_password_needs_the_old_one_and_tells_the_reader(client, alice, mailoutbox):
    client.force_login(alice)
    wrong = client.post(
        "/account/password/",
        {"old_password": "nope", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert "old_password" in wrong.context["form"].errors
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/account/"
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    # The session that changed it stays signed in.
    assert client.get("/account/").status_code == 200
    assert len(mailoutbox) == 1
    assert "password was changed" in mailoutbox[0].subject
    assert link_in(mailoutbox[0], "/account/password/reset/")
