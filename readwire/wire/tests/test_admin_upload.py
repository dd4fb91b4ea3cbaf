"""The wire's admin: uploading wire files, sources' secrets, polling now, and stories read-only."""

import json

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from readwire.accounts.models import User
from readwire.api.tests.pushing import push
from readwire.wire.models import Source, Story
from readwire.wire.services import accept
from readwire.wire.tests.test_accept import item

UPLOAD_URL = "/admin/wire/source/upload/"


@pytest.fixture
def operator(db):
    """Olivia runs the Readwire installation."""
    return User.objects.create_superuser("olivia", "olivia@agency.example", "not-used")


@pytest.fixture
def olivia(operator):
    client = Client()
    client.force_login(operator)
    return client


def ninjs_file(name, uri, headline, version=1):
    body = json.dumps({"uri": uri, "version": str(version), "type": "text", "headline": headline})
    return SimpleUploadedFile(name, body.encode(), content_type="application/json")


def test_operator_uploads_several_files_and_sees_each_result_with_its_reason(olivia, wire_source):
    files = [
        ninjs_file("drought.json", "urn:agency:2026:drought", "Drought declared across the Riverina"),
        SimpleUploadedFile("photo.bin", b"\x89PNG\r\n\x1a\n\x00\x00binary"),
        ninjs_file("untitled.json", "urn:agency:2026:untitled", ""),
    ]
    response = olivia.post(UPLOAD_URL, {"source": wire_source.pk, "files": files})

    assert response.status_code == 200
    results = [(r.path, r.uri, r.result) for r in response.context["results"]]
    assert results == [
        ("drought.json", "urn:agency:2026:drought", "created"),
        ("photo.bin", "", "rejected"),
        ("untitled.json", "urn:agency:2026:untitled", "rejected"),
    ]
    page = response.content.decode()
    assert "unrecognised format" in page
    assert "neither a headline nor a body" in page
    assert Story.objects.get().source == wire_source
    entry = LogEntry.objects.get(object_id=str(wire_source.pk))
    assert "Uploaded 3 wire file(s): 1 created, 2 rejected" in entry.get_change_message()


def test_file_above_the_size_limit_is_rejected_and_the_others_are_still_read(olivia, wire_source, settings):
    settings.WIRE_MAX_DOCUMENT_BYTES = 1024
    files = [
        SimpleUploadedFile("huge.txt", b"Headline\n\n" + b"word " * 400),
        ninjs_file("drought.json", "urn:agency:2026:drought", "Drought declared across the Riverina"),
    ]
    response = olivia.post(UPLOAD_URL, {"source": wire_source.pk, "files": files})
    by_file = {r.path: r for r in response.context["results"]}
    assert by_file["huge.txt"].result == "rejected"
    assert "the limit is 1024" in by_file["huge.txt"].error
    assert by_file["drought.json"].result == "created"


def test_upload_form_without_files_says_so(olivia, wire_source):
    response = olivia.post(UPLOAD_URL, {"source": wire_source.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["files"]
    assert response.context["results"] is None


def test_upload_needs_a_csrf_token(operator, wire_source):
    client = Client(enforce_csrf_checks=True)
    client.force_login(operator)
    files = [ninjs_file("drought.json", "urn:agency:2026:drought", "Drought declared across the Riverina")]
    response = client.post(UPLOAD_URL, {"source": wire_source.pk, "files": files})
    assert response.status_code == 403
    assert not Story.objects.exists()


def test_reader_who_is_not_staff_cannot_upload(db, wire_source):
    reader = User.objects.create_user("rita", "rita@example.com", "not-used")
    client = Client()
    client.force_login(reader)
    files = [ninjs_file("drought.json", "urn:agency:2026:drought", "Drought declared across the Riverina")]

    response = client.post(UPLOAD_URL, {"source": wire_source.pk, "files": files})

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not Story.objects.exists()
    assert client.get(UPLOAD_URL).status_code == 302


def test_staff_without_permission_to_add_stories_cannot_upload(db, wire_source):
    clerk = User.objects.create_user("carl", "carl@agency.example", "not-used", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_source"))
    client = Client()
    client.force_login(clerk)
    files = [ninjs_file("drought.json", "urn:agency:2026:drought", "Drought declared across the Riverina")]
    assert client.post(UPLOAD_URL, {"source": wire_source.pk, "files": files}).status_code == 403
    assert not Story.objects.exists()
    assert "Upload wire files" not in client.get("/admin/wire/source/").content.decode()


def test_source_list_links_to_the_upload_page(olivia, wire_source):
    response = olivia.get("/admin/wire/source/")
    assert UPLOAD_URL in response.content.decode()
    assert olivia.get(UPLOAD_URL).status_code == 200


# --- sources' secrets -----------------------------------------------------------------------------


def test_new_source_secret_is_shown_once_and_not_on_its_page(olivia):
    response = olivia.post(
        "/admin/wire/source/add/",
        {
            "name": "regional-desk",
            "title": "Regional desk",
            "kind": "push",
            "priority": "0",
            "active": "on",
            "created_at_0": "2026-03-02",
            "created_at_1": "09:00:00",
            "feed_url": "",
            "feed_poll_minutes": "15",
        },
    )
    assert response.status_code == 200
    source = Source.objects.get(name="regional-desk")
    assert len(source.secret) >= 32
    assert source.secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]

    page = olivia.get(f"/admin/wire/source/{source.pk}/change/").content.decode()
    assert source.secret not in page
    assert "shown only when created or regenerated" in page


def test_regenerating_a_secret_asks_first_then_replaces_it_and_shows_the_new_one(olivia, wire_source):
    old = wire_source.secret
    form = {"action": "regenerate_secrets", "_selected_action": [wire_source.pk]}

    asked = olivia.post("/admin/wire/source/", form)
    assert "Their current secrets stop working" in asked.content.decode()
    wire_source.refresh_from_db()
    assert wire_source.secret == old

    done = olivia.post("/admin/wire/source/", {**form, "confirmed": "yes"})
    wire_source.refresh_from_db()
    assert wire_source.secret != old
    assert wire_source.secret in done.content.decode()
    # Pushes must now be signed with the new secret.
    body = ninjs_file("x.json", "urn:agency:2026:drought", "Drought declared across the Riverina").read()
    assert push(body, source=wire_source.name, secret=old).status_code == 401
    assert push(body, source=wire_source.name, secret=wire_source.secret).status_code == 201
    assert LogEntry.objects.filter(object_id=str(wire_source.pk), change_message__contains="secret").exists()


def test_poll_now_polls_active_feed_sources_and_skips_the_rest(
    olivia, wire_source, monkeypatch, django_capture_on_commit_callbacks
):
    polled = []
    monkeypatch.setattr("readwire.wire.tasks.poll_feed", lambda source: polled.append(source.name) or [])
    feed = Source.objects.create(name="partner", kind=Source.Kind.FEED, feed_url="https://partner.example/rss")
    form = {"action": "poll_feeds_now", "_selected_action": [feed.pk, wire_source.pk]}

    with django_capture_on_commit_callbacks(execute=True):
        response = olivia.post("/admin/wire/source/", form, follow=True)

    assert polled == ["partner"]
    page = response.content.decode()
    assert "Polling 1 feed(s)" in page
    assert "Skipped 1 source(s)" in page


# --- stories, read-only ---------------------------------------------------------------------------


def test_story_admin_shows_stories_and_their_versions_but_changes_nothing(olivia, wire_source):
    accept(item(), wire_source)
    accept(item(2, headline="Hawkesbury residents told to evacuate"), wire_source)
    story = Story.objects.get()

    found = olivia.get("/admin/wire/story/", {"q": "flood-warning"})
    assert "Hawkesbury residents told to evacuate" in found.content.decode()
    assert "Hawkesbury" not in olivia.get("/admin/wire/story/", {"q": "bushfire"}).content.decode()
    assert olivia.get("/admin/wire/story/", {"state__exact": "published"}).status_code == 200

    page = olivia.get(f"/admin/wire/story/{story.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Flood warning issued for the Hawkesbury" in html  # version 1, in the inline
    assert 'name="_save"' not in html

    assert olivia.get("/admin/wire/story/add/").status_code == 403
    olivia.post(f"/admin/wire/story/{story.pk}/change/", {"headline": "Tampered"})
    assert olivia.post(f"/admin/wire/story/{story.pk}/delete/", {"post": "yes"}).status_code == 403
    story.refresh_from_db()
    assert story.headline == "Hawkesbury residents told to evacuate"
