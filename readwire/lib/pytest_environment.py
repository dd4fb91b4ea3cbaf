"""A pytest plugin loaded with ``-p`` (see pyproject.toml) so it runs before Django's settings load.

Test runs get a private var/ (database file, keys, mailbox, task queue) and run tasks inline.
"""

import os
import tempfile

import pytest

os.environ.setdefault("READWIRE_VAR_DIR", tempfile.mkdtemp(prefix="readwire-test-var-"))
if os.environ.get("PYTEST_XDIST_WORKER"):
    # Each parallel worker its own var/: its file caches (throttle counts, sessions) and mailbox
    # are cleared by its tests without touching another worker's.
    os.environ["READWIRE_VAR_DIR"] = os.path.join(os.environ["READWIRE_VAR_DIR"], os.environ["PYTEST_XDIST_WORKER"])
os.environ.setdefault("READWIRE_TASKS_IMMEDIATE", "true")
# Tests see every change at once: the server's copies of pages (readwire.site.page_cache) are
# turned on by the tests that are about them, with the ``page_cache`` fixture.
os.environ.setdefault("READWIRE_PAGE_CACHE_SECONDS", "0")


@pytest.fixture
def page_cache(settings):
    """The server's copies of reader pages turned on, in this process's memory, for one test.

    Stories announce their changes after commit: tests that change the wire with the cache on
    run the commit callbacks (``django_capture_on_commit_callbacks(execute=True)``) or commit.
    """
    from django.core.cache import caches

    settings.READWIRE_PAGE_CACHE_SECONDS = 60
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-pages"},
    }
    pages = caches["pages"]
    pages.clear()
    yield pages
    pages.clear()  # this one, even if the test swapped the alias for another


@pytest.fixture(autouse=True)
def _fresh_reader_cache():
    """What ``accounts.reader_cache`` keeps is keyed by reader id, and a rolled-back test's ids are
    used again by the next test (no signal tells the cache of a rollback): every test starts empty."""
    from django.core.cache import caches

    from readwire.accounts.reader_cache import CACHE_ALIAS

    caches[CACHE_ALIAS].clear()
    yield
