"""The reader home page shows the front page the editors curated (readwire.site.views.home)."""

from datetime import timedelta

from django.utils import timezone

from readwire.newsroom import services
from readwire.newsroom.tests.conftest import publish
from readwire.wire.item import CANCELED


def test_home_shows_the_lead_the_top_stories_and_the_latest(client, agency, edith):
    now = timezone.now()
    for n in range(12):
        publish(agency, f"urn:agency:{n}", headline=f"Story {n}", version_created=now - timedelta(minutes=n))
    lead = publish(agency, "urn:agency:lead", headline="The chosen lead", version_created=now - timedelta(days=2))
    services.set_lead(lead, editor=edith)
    page = client.get("/").content.decode()
    lead_part, rest = page.split('class="top-stories"', 1)
    top_part, latest_part = rest.split('class="latest"', 1)
    assert "The chosen lead" in lead_part
    assert "Story 0" in top_part and "Story 11" in latest_part


def test_home_without_a_lead_when_killed_falls_back(client, agency, edith):
    lead = publish(agency, "urn:agency:lead", headline="The chosen lead")
    publish(agency, "urn:agency:other", headline="Another story", urgency=2)
    services.set_lead(lead, editor=edith)
    publish(agency, "urn:agency:lead", 2, pub_status=CANCELED)
    page = client.get("/").content.decode()
    assert "The chosen lead" not in page and "Another story" in page.split('class="top-stories"')[0]
