"""A real Chromium against the live test server, with a real SMTP server catching the site's mail.

The world: ``site`` (the live server's address, also the site's ``SITE_URL`` so emailed links lead
back to it), ``smtp_inbox`` (an aiosmtpd server on a free loopback port that the site sends to, from
``readwire.lib.pytest_smtp``, shared with the other tests), ``open_page``
(a fresh private window at a phone's or a desktop's size, optionally signed in as someone), and
``alice``, a confirmed reader without a plan. Stories come from ``publish``.

The live server is a thread in this process with a transactional database: what a test writes is
committed, so the server sees it, and the database is emptied after each test.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from django.utils import timezone

from readwire.browser_tests import chromium


class _OneRequestAtATime(ThreadedWSGIServer):
    """The live server, running one request at a time while its threads share the test's
    connection to an in-memory SQLite database (PostgreSQL gives each thread its own).

    Django's connection object is not made to be used by two threads at once: two requests in
    flight (a page and a fetch it makes, say) could interleave one's ``atomic()`` with the other's
    ``on_commit()``, which then fails (seen once in CI, at sign-up), and the shared connection stays
    broken for the tests after it. Each request's response is read in full, and closed, inside the lock."""

    _lock = threading.Lock()

    def get_app(self):
        app = super().get_app()
        if not self.connections_override:
            return app

        def one_at_a_time(environ, start_response):
            with self._lock:
                response = app(environ, start_response)
                try:
                    return list(response)
                finally:
                    # What the server would have called on the iterable: a file response closes its file.
                    if hasattr(response, "close"):
                        response.close()

        return one_at_a_time


LiveServerThread.server_class = _OneRequestAtATime

PASSWORD = "correct horse battery staple"  # noqa: S105 (a test reader's)
# Generous for a loaded CI machine; a passing step takes a fraction of it.
STEP_TIMEOUT_MS = 10_000


@pytest.fixture(scope="package")
def _playwright() -> Iterator:
    executable = chromium.chromium_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package before the tests")
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium, or set READWIRE_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("Playwright is missing: it is one of the dev dependencies (pip install -e '.[dev]')")
        pytest.skip("Playwright is not installed (pip install -e '.[dev]')")

    # Playwright's sync API drives the browser from an asyncio loop that it keeps running on a
    # greenlet of this same thread. Django's guard against ORM calls from async code asks only
    # "is a loop running in this thread?", so it would refuse every query the tests (and the
    # transactional database's flush) make while the browser is up, although none of them runs
    # inside a coroutine. The guard is lifted for exactly as long as Playwright runs: this fixture is
    # package-scoped, so it is stopped before any other package's tests run in this process.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        playwright = sync_playwright().start()
        try:
            yield playwright, executable
        finally:
            playwright.stop()


@pytest.fixture(scope="package")
def browser(_playwright):
    from playwright.sync_api import expect

    expect.set_options(timeout=STEP_TIMEOUT_MS)
    playwright, executable = _playwright
    browser = chromium.launch(playwright, executable)
    yield browser
    browser.close()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Sign-up and sign-in throttles count in the cache, and every test signs up from 127.0.0.1.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(live_server, settings, page_cache) -> str:
    """The live server, serving as production does: with the server's copies of pages on."""
    settings.SITE_URL = live_server.url
    return live_server.url


def signed_in_cookie(user, site_url: str) -> dict:
    """The session cookie of ``user`` signed in, for a browser context on ``site_url``."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": site_url,
    }


@pytest.fixture
def open_page(browser, site):
    """``open_page(viewport, user=None, color_scheme="light")``: a new private window's page on the live server."""
    contexts = []

    def open_page(viewport: dict = chromium.DESKTOP, user=None, color_scheme: str = "light"):
        context = chromium.new_context(browser, viewport=viewport, base_url=site, color_scheme=color_scheme)
        context.set_default_timeout(STEP_TIMEOUT_MS)
        contexts.append(context)
        if user is not None:
            context.add_cookies([signed_in_cookie(user, site)])
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def alice(transactional_db, settings):
    from readwire.accounts.models import User

    # Argon2 is slow on purpose; the sign-up flow still hashes with the configured hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = User.objects.create_user("alice", "alice@example.com", PASSWORD, time_zone=chromium.READER_TIME_ZONE)
    user.email_verified_at = timezone.now()
    user.save()
    return user


_serials = itertools.count(1)

PARAGRAPHS = (
    "<p>The first paragraph, which every reader may see.</p>"
    "<p>The second paragraph, for readers entitled to the whole story.</p>"
    "<p>A third paragraph, so that the page has some length to it.</p>"
)


@pytest.fixture
def publish(transactional_db):
    """``publish(headline, **fields)``: a story as the agency sends it, through ``accept``."""
    from readwire.wire.item import Subject, WireItem
    from readwire.wire.models import Source, Story
    from readwire.wire.services import accept

    source, _ = Source.objects.get_or_create(name="agency", defaults={"title": "The Agency"})

    def publish(headline: str, **fields) -> Story:
        uri = f"urn:test:browser:{next(_serials)}"
        fields.setdefault("body_html", PARAGRAPHS)
        fields.setdefault("standfirst", f"What happened: {headline.lower()}.")
        fields.setdefault("byline", "Kenji Tanaka")
        fields.setdefault("subjects", [Subject(code="medtop:11000000", name="politics", scheme="medtop")])
        accept(WireItem(uri=uri, version=1, format="ninjs", headline=headline, **fields), source)
        return Story.objects.get(uri=uri)

    return publish
