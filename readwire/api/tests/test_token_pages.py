import re

import pytest
from django.test import Client

from readwire.api.models import ApiToken
from readwire.api.tests.world import make_reader


@pytest.fixture
def alice(db):
    return make_reader("alice")


@pytest.fixture
def browser(alice):
    client = Client()
    client.force_login(alice)
    return client


def test_a_new_token_is_shown_once_and_then_works_in_the_api(browser, alice):
    page = browser.post("/account/tokens/", {"name": "News app on my phone"})
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    token = re.search(r'value="(rw_[^"]+)"', page.content.decode()).group(1)
    assert Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    listing = browser.get("/account/tokens/").content.decode()
    assert "News app on my phone" in listing and token not in listing
    assert ApiToken.objects.get().prefix in listing


def test_revoking_from_the_account_page_signs_the_app_out(browser, alice):
    browser.post("/account/tokens/", {"name": "Tablet"})
    row = ApiToken.objects.get()
    followed = browser.post(f"/account/tokens/{row.pk}/revoke/", follow=True)
    assert "Tablet" in followed.content.decode() and "revoked" in followed.content.decode()
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert "Tablet</td>" not in browser.get("/account/tokens/").content.decode()


def test_a_reader_cannot_revoke_someone_elses_token(browser):
    other = make_reader("bob")
    bobs = ApiToken.objects.create(user=other, name="Bob's", token_hash="0" * 64, prefix="rw_abcdef")
    assert browser.post(f"/account/tokens/{bobs.pk}/revoke/").status_code == 404
    bobs.refresh_from_db()
    assert bobs.revoked_at is None


def test_revoking_needs_a_post(browser, alice):
    browser.post("/account/tokens/", {"name": "Tablet"})
    assert browser.get(f"/account/tokens/{ApiToken.objects.get().pk}/revoke/").status_code == 405


def test_token_pages_need_a_signed_in_reader(client, db):
    response = client.get("/account/tokens/")
    assert response.status_code == 302 and "next=/account/tokens/" in response["Location"]


def test_a_token_needs_a_name(browser):
    page = browser.post("/account/tokens/", {"name": ""})
    assert page.status_code == 200 and 'id="new-token"' not in page.content.decode()
    assert not ApiToken.objects.exists()


def test_staff_can_revoke_a_readers_token_in_the_admin(alice):
    from readwire.api.tokens import create_token

    row, token = create_token(alice, "Lost phone")
    staff = make_reader("editor", staff=True)
    staff.is_superuser = True
    staff.save()
    admin = Client()
    admin.force_login(staff)
    listing = admin.get("/admin/api/apitoken/").content.decode()
    assert "Lost phone" in listing and token not in listing
    admin.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [row.pk]})
    assert Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
