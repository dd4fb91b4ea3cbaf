"""The OpenAPI document says what the API really does, and its docs page loads nothing from elsewhere."""

import re

from django.test import Client

PROBLEM = "application/problem+json"


def document():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations():
    for path, methods in document()["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_every_error_answer_is_declared_as_a_problem():
    for name, operation in operations():
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                assert list(response["content"]) == [PROBLEM], f"{name} {status}"


def test_reader_endpoints_require_a_credential_and_story_endpoints_do_not():
    security = {name: operation.get("security") for name, operation in operations()}
    assert security["GET /api/v1/me"] == [{"ReaderToken": []}, {"ReaderSession": []}]
    assert {} in security["GET /api/v1/stories/{story_id}"]
    assert "401" in dict(operations())["GET /api/v1/me"]["responses"]


def test_story_answer_declares_the_access_header():
    headers = dict(operations())["GET /api/v1/stories/{story_id}"]["responses"]["200"]["headers"]
    assert "X-Readwire-Access" in headers


def test_docs_page_loads_nothing_from_another_host():
    page = Client().get("/api/v1/docs").content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert addresses and all(a.startswith("/") for a in addresses), addresses
    assert "validator.swagger.io" not in page
