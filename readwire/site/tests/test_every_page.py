"""Every reader page renders for every kind of reader, with one <h1> and its own title."""

import lxml.html
import pytest

from readwire.site.tests.conftest import picture, publish

READERS = ["anonymous", "metered", "subscriber", "staff"]


@pytest.fixture
def reader_client(client, alice, sam, request):
    from readwire.accounts.models import User

    kind = request.param
    if kind == "metered":
        client.force_login(alice)
    elif kind == "subscriber":
        client.force_login(sam)
    elif kind == "staff":
        client.force_login(User.objects.create_user("edith", "edith@example.com", "pw", is_staff=True))
    return client


@pytest.mark.parametrize("reader_client", READERS, indirect=True)
def test_every_reader_page_renders_for_every_reader(reader_client, agency, national, environment):
    story = publish(agency, sections=[national, environment], pictures=[picture("dam", "The dam")])
    publish(agency, "urn:agency:dam", 2, headline="Dam spills again", sections=[national])
    paths = [
        "/",
        "/desk/national/",
        "/topic/environment/",
        story.get_absolute_url(),
        f"/story/{story.pk}/v1/",
        "/search/",
        "/search/?q=dam",
        "/search/?desk=national",
        f"/license/{story.pk}/",
        "/offline/",
    ]
    for path in paths:
        response = reader_client.get(path)
        assert response.status_code == 200, path
        tree = lxml.html.fromstring(response.content)
        assert len(tree.findall(".//h1")) == 1, path
        assert tree.findtext(".//title").strip(), path
        assert tree.find(".//main") is not None and tree.find('.//a[@class="skip-link"]') is not None, path
