"""Schemathesis fuzzes the API's read endpoints against its own OpenAPI document.

Every answer must be no server error and must match what the document declares: status codes,
content types (problem+json for errors), headers and bodies. Run as an app with a token and as
an anonymous reader, over a small wire, with a bounded number of examples per endpoint.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from readwire.accounts.services import save_story
from readwire.api.api import api
from readwire.api.tests.world import make_reader, publish
from readwire.api.tokens import create_token
from readwire.delivery.subscriptions import register_push_subscription
from readwire.delivery.tests.browsers import browser_subscription
from readwire.topics.models import Section
from readwire.topics.placement import follow
from readwire.wire.item import CANCELED
from readwire.wire.models import Source, Story
from readwire.wsgi import application

EXAMPLES = 15


@pytest.fixture
def wire(db):
    agency = Source.objects.create(name="agency")
    publish(agency, "urn:s:1", body_html="<p>One.</p><p>Two.</p>", urgency=2, standfirst="Short.")
    publish(agency, "urn:s:2", headline="Flood levee holds")
    publish(agency, "urn:s:killed")
    publish(agency, "urn:s:killed", 2, pub_status=CANCELED)


@pytest.fixture
def wsgi_in_the_test_transaction():
    """Let requests through the real WSGI handler share the test's database transaction.

    The handler closes "old" connections when a request ends, and a connection inside the test's
    transaction looks old to it; Django's own test client switches that off the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(wire):
    """An app signed in as a reader who has saved a story, follows a desk and registered a browser."""
    alice = make_reader("alice")
    save_story(alice, Story.objects.get(uri="urn:s:1"))
    follow(alice, Section.objects.get(slug="national"))
    subscription = browser_subscription()
    register_push_subscription(alice, endpoint=subscription["endpoint"], **subscription["keys"])
    _, token = create_token(alice, "fuzzing")
    return token


# The document as the API serves it (the same function answers /api/v1/openapi.json).
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
# Requests, and the probes some checks send on their own, go to the app in this process.
schema.app = application
schema = schema.include(method="GET")
fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def excluded_checks(case) -> list:
    # A cursor is opaque: no schema can say which strings the API gave out, so one it did not give
    # is a well-formed request that is rightly refused (400, invalid-cursor).
    return [positive_data_acceptance] if (case.query or {}).get("cursor") else []


@schema.parametrize()
@fuzz_settings
def test_api_answers_an_app_as_its_document_says(case, wire, token, wsgi_in_the_test_transaction):
    case.call_and_validate(
        app=application, headers={"Authorization": f"Bearer {token}"}, excluded_checks=excluded_checks(case)
    )


@schema.parametrize()
@fuzz_settings
def test_api_answers_anonymous_readers_as_its_document_says(case, wire, wsgi_in_the_test_transaction):
    case.call_and_validate(app=application, excluded_checks=excluded_checks(case))
