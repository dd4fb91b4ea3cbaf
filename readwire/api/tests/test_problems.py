"""Every error the API gives, django-ninja's own included, is an RFC 7807 problem."""

import json

from django.http import Http404
from django.test import Client, RequestFactory
from ninja.errors import HttpError, ValidationError

from readwire.api.api import api

PROBLEM = "application/problem+json"


def assert_problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["type"] and body["title"] and body["detail"]
    return body


def test_wrong_method_is_a_405_problem_that_keeps_allow():
    response = Client().get("/api/v1/wire")
    body = assert_problem(response, 405)
    assert response["Allow"] == "POST"
    assert "GET" in body["detail"]


def test_unknown_api_path_is_a_404_problem_even_for_a_post_without_csrf_token():
    body = assert_problem(Client(enforce_csrf_checks=True).post("/api/v1/no-such-thing"), 404)
    assert "/api/v1/no-such-thing" in body["detail"]


def test_validation_error_is_a_422_problem_listing_the_errors():
    errors = [{"loc": ["query", "limit"], "msg": "Input should be a valid integer", "type": "int_parsing"}]
    request = RequestFactory().get("/api/v1/stories?limit=many")
    body = assert_problem(api.on_exception(request, ValidationError(errors)), 422)
    assert body["type"] == "urn:readwire:problem:invalid-request"
    assert body["errors"] == errors


def test_http_error_and_404_raised_in_an_operation_are_problems():
    request = RequestFactory().get("/api/v1/stories/99")
    body = assert_problem(api.on_exception(request, HttpError(409, "the story changed meanwhile")), 409)
    assert body == {"type": "about:blank", "title": "Conflict", "status": 409, "detail": "the story changed meanwhile"}
    assert_problem(api.on_exception(request, Http404("No Story matches the given query.")), 404)


def test_openapi_document_describes_the_signed_push():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    operation = response.json()["paths"]["/api/v1/wire"]["post"]
    headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
    assert headers == {"X-Readwire-Source", "X-Readwire-Timestamp", "X-Readwire-Signature"}
    assert {"200", "201", "400", "401", "413", "422"} <= set(operation["responses"])


def test_crash_in_an_operation_is_logged_and_answered_as_a_500_problem(caplog):
    request = RequestFactory().get("/api/v1/stories")
    body = assert_problem(api.on_exception(request, RuntimeError("boom")), 500)
    assert "boom" not in body["detail"]
    assert any(record.exc_info and record.exc_info[1].args == ("boom",) for record in caplog.records)
