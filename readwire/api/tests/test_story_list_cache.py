"""The API's first page of stories, kept by the server for everybody (readwire.site.page_cache)."""

import pytest
from django.test import Client

from readwire.api.tests.world import make_reader, publish, token_client
from readwire.api.tokens import revoke_token
from readwire.wire.item import CANCELED
from readwire.wire.models import Source

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def agency(db):
    source = Source.objects.create(name="agency")
    for n in range(3):
        publish(source, f"urn:agency:{n}", headline=f"Story number {n}", standfirst=f"Standfirst {n}")
    return source


def test_the_kept_page_is_the_page_the_api_builds_byte_for_byte(client, agency, settings):
    kept = client.get("/api/v1/stories", {"desk": "national", "limit": 2})
    assert kept.status_code == 200 and kept["Content-Type"].startswith("application/json")
    settings.READWIRE_PAGE_CACHE_SECONDS = 0
    built = client.get("/api/v1/stories", {"desk": "national", "limit": 2})
    assert kept.content == built.content
    assert client.get("/api/v1/stories").json()["items"][0]["headline"] == "Story number 2"


def test_a_first_page_is_answered_without_the_database(client, agency, django_assert_num_queries):
    first = client.get("/api/v1/stories")
    with django_assert_num_queries(0):
        again = client.get("/api/v1/stories")
    assert again.content == first.content


def test_the_kept_page_follows_the_wire(client, agency):
    assert len(client.get("/api/v1/stories").json()["items"]) == 3
    publish(agency, "urn:agency:new", headline="Fresh off the wire")
    publish(agency, "urn:agency:0", 2, pub_status=CANCELED)
    headlines = [item["headline"] for item in client.get("/api/v1/stories").json()["items"]]
    assert headlines == ["Fresh off the wire", "Story number 2", "Story number 1"]


def test_every_kind_of_caller_gets_the_same_page(client, agency):
    reader = make_reader("reader", full_access=True)
    signed_in = Client()
    signed_in.force_login(reader)
    answers = {c.get("/api/v1/stories").content for c in (client, signed_in, token_client(reader))}
    assert len(answers) == 1


def test_a_revoked_token_is_refused_even_when_the_page_is_kept(client, agency):
    from readwire.api.models import ApiToken

    reader = make_reader("reader")
    app = token_client(reader)
    assert app.get("/api/v1/stories").status_code == 200
    revoke_token(ApiToken.objects.get(user=reader))
    response = app.get("/api/v1/stories")
    assert response.status_code == 401 and response["Content-Type"] == "application/problem+json"


def test_later_pages_and_time_windows_are_built_for_each_request(client, agency, django_assert_max_num_queries):
    cursor = client.get("/api/v1/stories", {"limit": 1}).json()["next_cursor"]
    for _ in range(2):
        with django_assert_max_num_queries(5) as queries:
            page = client.get("/api/v1/stories", {"limit": 1, "cursor": cursor})
        assert page.json()["items"][0]["headline"] == "Story number 1"
        assert len(queries) >= 1
