import re
from datetime import timedelta

import time_machine
from django.utils import timezone

from readwire.newsroom.tests.conftest import publish
from readwire.wire.item import CANCELED, WITHHELD


def headlines(html: str) -> list[str]:
    return re.findall(r'<td class="col-story"><a [^>]*>([^<]+)</a>', html)


def test_wire_shows_every_version_newest_first(editor_client, agency, partner):
    publish(agency, "urn:agency:dam", headline="Dam spills")
    publish(partner, "urn:partner:fair", headline="Country fair opens")
    publish(agency, "urn:agency:dam", 2, headline="Dam spills, town evacuated")
    page = editor_client.get("/newsroom/").content.decode()
    assert headlines(page) == ["Dam spills, town evacuated", "Country fair opens", "Dam spills"]
    assert "Partner Press" in page and "The Agency" in page


def test_each_row_says_which_version_and_what_the_story_is_now(editor_client, agency):
    publish(agency, "urn:agency:dam", headline="Dam spills")
    publish(agency, "urn:agency:dam", 2, headline="Dam spills", signals=["correction"], ed_note="Fixes the time.")
    publish(agency, "urn:agency:dam", 3, headline="Dam spills", pub_status=CANCELED)
    publish(agency, "urn:agency:held", headline="Held story", pub_status=WITHHELD)
    publish(agency, "urn:agency:budget", headline="Budget", embargoed_until=timezone.now() + timedelta(hours=2))
    rows = editor_client.get("/newsroom/wire.json").json()["rows"]
    summary = [(r["headline"], r["version"], r["change"], r["state"]) for r in rows]
    assert summary == [
        ("Budget", 1, "new", "embargoed"),
        ("Held story", 1, "withheld", "withheld"),
        ("Dam spills", 3, "kill", "withdrawn"),
        ("Dam spills", 2, "correction", "withdrawn"),
        ("Dam spills", 1, "new", "withdrawn"),
    ]
    page = editor_client.get("/newsroom/").content.decode()
    assert "Embargoed until" in page and "Withheld" in page and "Withdrawn" in page
    assert "now v3" in page  # the superseded versions say which version is current


def test_breaking_items_are_highlighted(editor_client, agency):
    publish(agency, "urn:agency:flash", headline="Flash story", urgency=1)
    publish(agency, "urn:agency:routine", headline="Routine story", urgency=5)
    page = editor_client.get("/newsroom/").content.decode()
    classes = dict(re.findall(r'<tr id="wire-(\d+)" data-id="\d+" class="([^"]*)">', page))
    rows = editor_client.get("/newsroom/wire.json").json()["rows"]
    assert [(r["headline"], "is-breaking" in classes[str(r["id"])]) for r in rows] == [
        ("Routine story", False),
        ("Flash story", True),
    ]
    assert page.count(">Breaking</strong>") == 1


def test_filter_by_source(editor_client, agency, partner):
    publish(agency, "urn:agency:dam", headline="Dam spills")
    publish(partner, "urn:partner:fair", headline="Country fair opens")
    page = editor_client.get("/newsroom/?source=partner").content.decode()
    assert headlines(page) == ["Country fair opens"]


def test_filter_by_urgency_keeps_that_urgency_and_more_urgent(editor_client, agency):
    publish(agency, "urn:agency:a", headline="Flash", urgency=1)
    publish(agency, "urn:agency:b", headline="Bulletin", urgency=2)
    publish(agency, "urn:agency:c", headline="Routine", urgency=5)
    publish(agency, "urn:agency:d", headline="No urgency")
    assert headlines(editor_client.get("/newsroom/?urgency=2").content.decode()) == ["Bulletin", "Flash"]


def test_unusable_filter_values_are_ignored(editor_client, agency):
    publish(agency, "urn:agency:dam", headline="Dam spills", urgency=4)
    response = editor_client.get("/newsroom/?urgency=high&desk=%3Cscript%3E&before=x")
    assert response.status_code == 200 and headlines(response.content.decode()) == ["Dam spills"]


def test_live_feed_returns_what_arrived_after_the_newest_row(editor_client, agency):
    with time_machine.travel(timezone.now() - timedelta(minutes=5), tick=False):
        publish(agency, "urn:agency:dam", headline="Dam spills")
    first = editor_client.get("/newsroom/wire.json").json()
    assert first["rows"] and first["latest"] == first["rows"][0]["id"]
    nothing = editor_client.get(f"/newsroom/wire.json?after={first['latest']}").json()
    assert nothing["rows"] == [] and nothing["latest"] == first["latest"]
    publish(agency, "urn:agency:fire", headline="Bushfire & smoke warning", urgency=2)
    news = editor_client.get(f"/newsroom/wire.json?after={first['latest']}").json()
    assert [r["headline"] for r in news["rows"]] == ["Bushfire & smoke warning"]
    assert news["rows"][0]["breaking"] is True and news["more"] is False
    assert news["latest"] == news["rows"][0]["id"] > first["latest"]
    # Each row comes ready to prepend, escaped like the page's own.
    html = news["rows"][0]["html"]
    assert html.startswith(f'<tr id="wire-{news["latest"]}"') and "Bushfire &amp; smoke warning" in html


def test_live_feed_repeats_the_last_minute_so_a_late_commit_is_not_missed(editor_client, agency):
    # On PostgreSQL a version may commit after one with a higher id was already shown.
    late = publish(agency, "urn:agency:late", headline="Committed late").versions.get()
    shown = publish(agency, "urn:agency:early", headline="Committed first").versions.get()
    assert late.pk < shown.pk
    rows = editor_client.get(f"/newsroom/wire.json?after={shown.pk}").json()["rows"]
    assert "Committed late" in [r["headline"] for r in rows]
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert editor_client.get(f"/newsroom/wire.json?after={shown.pk}").json()["rows"] == []


def test_live_feed_looks_back_only_over_the_last_few_ids(editor_client, agency, monkeypatch):
    from readwire.newsroom import arrivals

    monkeypatch.setattr(arrivals, "LIVE_LOOKBACK_IDS", 1)
    stories = [publish(agency, f"urn:agency:{n}", headline=f"Story {n}") for n in range(3)]
    newest = stories[-1].versions.get().pk
    rows = editor_client.get(f"/newsroom/wire.json?after={newest}").json()["rows"]
    assert [r["headline"] for r in rows] == ["Story 2"]


def test_live_feed_applies_the_filters(editor_client, agency, partner):
    publish(agency, "urn:agency:dam", headline="Dam spills")
    publish(partner, "urn:partner:fair", headline="Country fair opens")
    rows = editor_client.get("/newsroom/wire.json?after=0&source=agency").json()["rows"]
    assert [r["headline"] for r in rows] == ["Dam spills"]


def test_without_javascript_the_page_has_a_refresh_link_and_older_pages(editor_client, agency, monkeypatch):
    from readwire.newsroom import arrivals, views

    monkeypatch.setattr(arrivals, "PAGE_SIZE", 2)
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for n in range(5):
        publish(agency, f"urn:agency:{n}", headline=f"Story {n}")
    page = editor_client.get("/newsroom/").content.decode()
    assert ">Refresh</a>" in page and 'src="/static/newsroom/wire.js"' in page
    older = re.search(r'href="\?(before=\d+)">Older items</a>', page).group(1)
    page = editor_client.get(f"/newsroom/?{older}").content.decode()
    assert headlines(page) == ["Story 2", "Story 1"]
    # An older page does not take live updates.
    assert "data-feed" not in page


def test_a_copy_of_another_story_is_marked_and_links_to_it(editor_client, agency, partner):
    original = publish(agency, "urn:agency:dam", headline="Dam spills")
    copy = publish(partner, "urn:partner:dam", headline="Dam spills (partner)")
    copy.duplicate_of = original
    copy.save(update_fields=["duplicate_of"])
    page = editor_client.get("/newsroom/").content.decode()
    assert f'<a class="copy-of" href="/newsroom/story/{original.pk}/">copy of another story</a>' in page
    assert page.count('class="copy-of"') == 1


def test_without_the_topics_app_rows_show_sluglines_and_no_desk_filter(editor_client, agency, monkeypatch):
    from readwire.newsroom import arrivals

    monkeypatch.setattr(arrivals, "_topics_model", lambda name: None)
    publish(agency, "urn:agency:rates", headline="Rates on hold", slugline="RBA-RATES")
    page = editor_client.get("/newsroom/?desk=sport").content.decode()
    assert headlines(page) == ["Rates on hold"]
    assert '<td class="col-desk"><span class="slugline">RBA-RATES</span></td>' in page
    assert "<optgroup" not in page
