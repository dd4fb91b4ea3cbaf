import pytest
from django.conf import settings

from readwire.newsroom.tests.conftest import publish

SCREENS = ["/newsroom/", "/newsroom/wire.json", "/newsroom/front-page/", "/newsroom/story/{story}/"]


@pytest.fixture
def dam(agency):
    return publish(agency)


@pytest.mark.parametrize("url", SCREENS)
def test_anonymous_visitors_are_sent_to_sign_in(client, dam, url):
    response = client.get(url.format(story=dam.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{settings.LOGIN_URL}?next=/newsroom/")


@pytest.mark.parametrize("url", SCREENS)
def test_readers_who_are_not_staff_are_refused(client, rita, dam, url):
    client.force_login(rita)
    assert client.get(url.format(story=dam.pk)).status_code == 403


@pytest.mark.parametrize("url", SCREENS)
def test_staff_get_the_console_and_it_is_never_cached(editor_client, dam, url):
    response = editor_client.get(url.format(story=dam.pk))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_an_inactive_staff_account_is_not_let_in(client, edith, dam):
    client.force_login(edith)
    edith.is_active = False
    edith.save()
    assert client.get("/newsroom/").status_code in (302, 403)


def test_readers_cannot_curate(client, rita, dam):
    from readwire.newsroom.models import FrontPageEntry

    client.force_login(rita)
    response = client.post("/newsroom/front-page/curate/", {"action": "set_lead", "story": dam.pk})
    assert response.status_code == 403
    assert not FrontPageEntry.objects.exists()
    client.logout()
    response = client.post("/newsroom/front-page/curate/", {"action": "set_lead", "story": dam.pk})
    assert response.status_code == 302 and not FrontPageEntry.objects.exists()
