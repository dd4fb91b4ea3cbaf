"""Sessions are read from a cache every process shares and written through to the database."""

from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore
from django.test import Client

from readwire.accounts.models import User


def test_sessions_live_where_every_web_process_reads_them():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    # Per-process memory would let a session signed out in one worker live on in another.
    assert "locmem" not in settings.CACHES[settings.SESSION_CACHE_ALIAS]["BACKEND"].lower()


def test_signing_out_ends_the_session_for_every_copy_of_the_cookie(db):
    reader = User.objects.create_user("reader", "reader@example.com", "pw")
    browser = Client()
    browser.force_login(reader)
    stolen = Client()
    stolen.cookies = browser.cookies
    key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    assert stolen.get("/account/").status_code == 200
    browser.post("/account/sign-out/")
    assert not SessionStore().exists(key)
    stolen.cookies[settings.SESSION_COOKIE_NAME] = key
    assert stolen.get("/account/").status_code == 302  # to sign in
