"""What a signed-in request asks about its reader is kept between requests, and forgotten the moment
it changes: see readwire/accounts/reader_cache.py."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from readwire.accounts import reader_cache, services
from readwire.accounts.backends import ReaderBackend
from readwire.accounts.models import User
from readwire.accounts.tests.conftest import PASSWORD
from readwire.billing.access import FULL, PREVIEW, decide, has_full_access
from readwire.billing.models import AccessGrant


def queries_of(call):
    with CaptureQueriesContext(connection) as captured:
        value = call()
    return value, len(captured)


def signed_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def test_the_signed_in_readers_row_is_loaded_once_then_kept(alice):
    backend = ReaderBackend()
    first, first_queries = queries_of(lambda: backend.get_user(alice.pk))
    again, again_queries = queries_of(lambda: backend.get_user(alice.pk))
    assert (first.pk, again.pk, again.email) == (alice.pk, alice.pk, "alice@example.com")
    assert (first_queries, again_queries) == (1, 0)


def test_a_signed_in_page_asks_nothing_about_its_reader_after_the_first(alice):
    browser = signed_in(alice)
    browser.get("/account/")
    with CaptureQueriesContext(connection) as captured:
        assert browser.get("/account/").status_code == 200
    assert not [q for q in captured if 'FROM "accounts_user"' in q["sql"]]


def test_a_new_password_signs_out_the_other_sessions_at_once(alice):
    other_device = signed_in(alice)
    assert other_device.get("/account/").status_code == 200  # alice's row is kept now
    alice.set_password("a brand new passphrase")
    alice.save()
    assert other_device.get("/account/").status_code == 302  # to sign in: the session's hash is old


def test_a_deactivated_reader_is_signed_out_at_once(alice):
    browser = signed_in(alice)
    assert browser.get("/account/").status_code == 200
    staff_copy = User.objects.get(pk=alice.pk)  # another instance, as the admin would load it
    staff_copy.is_active = False
    staff_copy.save()
    assert browser.get("/account/").status_code == 302


def test_a_deleted_reader_is_gone(alice):
    backend, pk = ReaderBackend(), alice.pk
    assert backend.get_user(pk) is not None
    alice.delete()
    assert backend.get_user(pk) is None


def test_a_change_made_without_a_signal_is_forgotten_by_the_code_that_makes_it(bob):
    backend = ReaderBackend()
    assert not backend.get_user(bob.pk).email_verified
    services.mark_email_verified(bob)  # a QuerySet.update(): no post_save
    assert backend.get_user(bob.pk).email_verified


def test_full_access_follows_the_readers_grant(bob, make_story):
    story = make_story()
    assert not has_full_access(bob)
    assert queries_of(lambda: has_full_access(bob)) == (False, 0)
    grant = AccessGrant.objects.create(reader=bob)
    assert has_full_access(bob)
    assert decide(bob, story).level == FULL
    grant.full_access = False
    grant.save()
    assert not has_full_access(bob)
    grant.full_access = True
    grant.save()
    assert has_full_access(bob)
    grant.delete()
    assert not has_full_access(bob)
    assert decide(bob, story).level == PREVIEW


def test_saved_stories_follow_saving_and_unsaving(alice, make_story):
    story = make_story()
    assert services.saved_story_ids(alice) == frozenset()
    services.save_story(alice, story)
    assert services.saved_story_ids(alice) == {story.pk}
    assert queries_of(lambda: services.saved_story_ids(alice)) == ({story.pk}, 0)
    services.unsave_story(alice, story)
    assert services.saved_story_ids(alice) == frozenset()


def test_the_story_page_shows_saved_the_moment_it_is(alice, make_story):
    story = make_story()
    browser = signed_in(alice)
    assert browser.get(story.get_absolute_url())["X-Readwire-Saved"] == "0"
    browser.post(f"/account/saved/{story.pk}/save/")
    assert services.saved_story_ids(alice) == {story.pk}
    assert browser.get(story.get_absolute_url())["X-Readwire-Saved"] == "1"


def test_one_readers_answers_are_never_anothers(alice, bob):
    AccessGrant.objects.create(reader=alice)
    assert has_full_access(alice)
    assert not has_full_access(bob)
    assert ReaderBackend().get_user(bob.pk).email == "bob@example.org"


def test_an_answer_built_before_a_change_commits_is_never_read_after_it(bob, django_capture_on_commit_callbacks):
    versions = [reader_cache._version(bob.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        reader_cache.reader_changed(bob.pk)
        # A concurrent request between the change and its commit would keep what it saw here.
        versions.append(reader_cache._version(bob.pk))
    versions.append(reader_cache._version(bob.pk))
    assert len(set(versions)) == 3


def test_a_version_that_went_missing_never_brings_back_old_answers(bob):
    assert not has_full_access(bob)
    AccessGrant.objects.filter(reader=bob).delete()  # nothing to delete: no signal
    # The grant is made behind the cache's back, and the version is lost (expired, culled).
    AccessGrant.objects.bulk_create([AccessGrant(reader=bob)])
    caches[reader_cache.CACHE_ALIAS].delete(f"reader-version:{bob.pk}")
    assert has_full_access(bob)


class BrokenCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("the cache is down")

        return fail


@pytest.fixture
def cache_down(monkeypatch):
    real = caches[reader_cache.CACHE_ALIAS]
    monkeypatch.setattr(
        reader_cache, "caches", {reader_cache.CACHE_ALIAS: BrokenCache(), **{"default": real}}, raising=True
    )


def test_without_the_cache_every_answer_comes_from_the_database(alice, make_story, cache_down, caplog):
    story = make_story()
    assert ReaderBackend().get_user(alice.pk).pk == alice.pk
    assert not has_full_access(alice)
    AccessGrant.objects.create(reader=alice)  # forgetting fails quietly too
    assert has_full_access(alice)
    services.save_story(alice, story)
    assert services.saved_story_ids(alice) == {story.pk}
    assert "the reader cache is unavailable" in caplog.text


def test_signing_in_records_the_reader_backend_in_the_session(alice):
    browser = Client()
    assert browser.post("/account/sign-in/", {"email": "alice@example.com", "password": PASSWORD}).status_code == 302
    assert browser.session["_auth_user_backend"] == "readwire.accounts.backends.ReaderBackend"


def test_an_unsaved_change_to_the_signed_in_reader_is_never_kept(alice, make_story):
    from readwire.lib.request_memo import RequestMemoMiddleware

    def request(work):
        return RequestMemoMiddleware(lambda _: work())(None)

    def edit_without_saving():
        reader = ReaderBackend().get_user(alice.pk)
        reader.time_zone = "Pacific/Auckland"  # a form that failed to validate, say
        has_full_access(reader)  # a new answer: the reader's record is written back
        return reader.time_zone

    assert request(edit_without_saving) == "Pacific/Auckland"
    assert request(lambda: ReaderBackend().get_user(alice.pk).time_zone) == "Australia/Perth"
