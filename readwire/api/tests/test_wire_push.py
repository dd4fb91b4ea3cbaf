"""POST /api/v1/wire: signed pushes, and every way a push is refused."""

import io
import time

import pytest
import time_machine
from django.test import Client, RequestFactory

from readwire.api.tests.pushing import AGENCY_SECRET, document, ninjs, push
from readwire.api.wire import UNKNOWN_SOURCE_OR_BAD_SIGNATURE, push_wire
from readwire.wire.models import Source, Story
from readwire.wire.signing import sign

PROBLEM = "application/problem+json"


def test_signed_push_creates_the_story_and_answers_201(agency):
    response = push(document(ninjs(body_html="<p>Residents of Lithgow were told to leave.</p>")))
    assert response.status_code == 201
    assert response.json() == {
        "source": "agency",
        "items": [
            {"uri": "urn:agency:2026:bushfire", "version": 1, "result": "created", "error": None, "warnings": []}
        ],
    }
    story = Story.objects.get(uri="urn:agency:2026:bushfire")
    assert story.source == agency
    assert story.current.body_text == "Residents of Lithgow were told to leave."


def test_same_push_again_is_unchanged_and_answers_200(agency):
    push(document(ninjs()))
    response = push(document(ninjs()))
    assert response.status_code == 200
    assert [item["result"] for item in response.json()["items"]] == ["unchanged"]
    assert Story.objects.get().versions.count() == 1


def test_higher_version_answers_200_new_version(agency):
    push(document(ninjs()))
    response = push(document(ninjs(version=2, headline="Bushfire reaches Lithgow's outskirts")))
    assert response.status_code == 200
    assert response.json()["items"][0]["result"] == "new_version"
    assert Story.objects.get().headline == "Bushfire reaches Lithgow's outskirts"


def test_partly_rejected_document_is_accepted_and_lists_each_item(agency):
    body = document(ninjs(), ninjs(uri="urn:agency:2026:no-headline", headline=""))
    response = push(body)
    assert response.status_code == 201
    results = {item["uri"]: (item["result"], item["error"]) for item in response.json()["items"]}
    assert results["urn:agency:2026:bushfire"] == ("created", None)
    assert results["urn:agency:2026:no-headline"][0] == "rejected"
    assert "headline" in results["urn:agency:2026:no-headline"][1]


def test_document_whose_every_item_is_rejected_answers_422_listing_each(agency):
    body = document(ninjs(uri="urn:agency:a", headline=""), ninjs(uri="urn:agency:b", headline=""))
    response = push(body)
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["type"] == "urn:readwire:problem:items-rejected"
    assert problem["status"] == 422
    assert [(item["uri"], item["result"]) for item in problem["items"]] == [
        ("urn:agency:a", "rejected"),
        ("urn:agency:b", "rejected"),
    ]
    assert all(item["error"] for item in problem["items"])
    assert not Story.objects.exists()


@pytest.mark.parametrize("body", [b"\x00\x01\x02\xff\xfe binary", b'{"uri": "urn:agency:broken", "headline": '])
def test_unreadable_document_answers_400_saying_why(agency, body):
    response = push(body)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["type"] == "urn:readwire:problem:unreadable-document"
    assert problem["title"] and problem["detail"]
    assert not Story.objects.exists()


# --- signatures -----------------------------------------------------------------------------------


def test_push_without_signature_headers_is_refused_naming_the_missing_header(agency):
    body = document(ninjs())
    response = Client().post("/api/v1/wire", data=body, content_type="application/json")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"].startswith("Readwire-Signature")
    assert "X-Readwire-Source" in response.json()["detail"]

    response = push(body, headers={"X-Readwire-Signature": ""})
    assert response.status_code == 401
    assert "X-Readwire-Signature" in response.json()["detail"]
    assert not Story.objects.exists()


def test_tampered_body_is_refused(agency):
    body = document(ninjs())
    now = str(int(time.time()))
    headers = {
        "X-Readwire-Source": "agency",
        "X-Readwire-Timestamp": now,
        "X-Readwire-Signature": sign(AGENCY_SECRET, now, body),
    }
    tampered = body.replace(b"Lithgow", b"Bathurst")
    response = Client().post("/api/v1/wire", data=tampered, content_type="application/json", headers=headers)
    assert response.status_code == 401
    assert not Story.objects.exists()


def test_signature_from_an_earlier_timestamp_cannot_be_replayed_with_a_fresh_one(agency):
    body = document(ninjs())
    then = int(time.time()) - 1000
    headers = {
        "X-Readwire-Source": "agency",
        "X-Readwire-Timestamp": str(int(time.time())),
        "X-Readwire-Signature": sign(AGENCY_SECRET, then, body),
    }
    response = Client().post("/api/v1/wire", data=body, content_type="application/json", headers=headers)
    assert response.status_code == 401
    assert not Story.objects.exists()


def test_wrong_secret_unknown_source_and_inactive_source_get_the_same_answer(agency):
    Source.objects.create(name="dormant", secret="dormant-secret", active=False)
    body = document(ninjs())
    answers = [
        push(body, secret="not-the-agency-secret"),
        push(body, source="no-such-source", secret="whatever"),
        push(body, source="dormant", secret="dormant-secret"),
    ]
    assert [a.status_code for a in answers] == [401, 401, 401]
    assert {a.json()["detail"] for a in answers} == {UNKNOWN_SOURCE_OR_BAD_SIGNATURE}
    assert not Story.objects.exists()


@time_machine.travel("2026-03-02 09:00:00 +0000", tick=False)
@pytest.mark.parametrize(
    ("age", "status"),
    [(300, 201), (301, 401), (-300, 201), (-301, 401)],
    ids=["five-minutes-old", "older", "five-minutes-ahead", "further-ahead"],
)
def test_signature_is_valid_for_five_minutes_either_way(agency, age, status):
    response = push(document(ninjs()), timestamp=int(time.time()) - age)
    assert response.status_code == status
    if status == 401:
        assert "clock" in response.json()["detail"]


def test_push_needs_no_csrf_token(agency):
    response = push(document(ninjs()), client=Client(enforce_csrf_checks=True))
    assert response.status_code == 201


# --- size -----------------------------------------------------------------------------------------


def test_document_above_the_limit_is_refused_413_before_it_is_read(agency, settings):
    settings.WIRE_MAX_DOCUMENT_BYTES = 2048
    body = document(ninjs(body_html="<p>" + "x" * 3000 + "</p>"))
    response = push(body)
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM
    assert response.json()["type"] == "urn:readwire:problem:document-too-large"
    assert str(len(body)) in response.json()["detail"]
    assert not Story.objects.exists()


def test_body_longer_than_the_limit_is_refused_without_a_content_length(agency, settings):
    settings.WIRE_MAX_DOCUMENT_BYTES = 2048
    body = document(ninjs(body_html="<p>" + "x" * 3000 + "</p>"))
    # As a chunked request would arrive through a server that hands on the stream unbounded.
    request = RequestFactory().post("/api/v1/wire", data=b"", content_type="application/json")
    assert "CONTENT_LENGTH" not in request.META
    request._stream = io.BytesIO(body)
    response = push_wire(request)
    assert response.status_code == 413
    assert not Story.objects.exists()


def test_django_form_upload_limit_does_not_apply_to_pushed_documents(agency, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = document(ninjs(body_html="<p>" + "Smoke over the Blue Mountains. " * 200 + "</p>"))
    assert len(body) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = push(body)
    assert response.status_code == 201
    assert Story.objects.filter(uri="urn:agency:2026:bushfire").exists()
