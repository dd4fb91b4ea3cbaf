import pytest


def test_healthz_answers_ok_without_touching_the_database(client):
    # No django_db mark: any query the view made would fail this test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("method", ["post", "delete"])
def test_healthz_refuses_methods_that_change_things(client, method):
    assert getattr(client, method)("/healthz").status_code == 405
