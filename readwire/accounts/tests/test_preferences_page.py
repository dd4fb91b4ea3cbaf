"""The preferences page: time zone, follows, the Morning Wire and breaking alerts, in one plain form."""

import datetime

import pytest
from django.apps import apps

from readwire.accounts.services import preferences_for


def form_data(**changes):
    data = {
        "time_zone": "Australia/Perth",
        "morning_wire_time": "06:30",
        "morning_wire_by_email": "on",
        "alerts_by_push": "on",
        "daily_alert_cap": "5",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def sections(db):
    try:
        section = apps.get_model("topics", "Section")
    except LookupError:
        pytest.skip("desks and topics are not built yet")

    def upsert(slug, **fields):
        # A fresh install already has the default desks and Topics in Focus (topics' data migration).
        return section.objects.update_or_create(slug=slug, defaults=fields)[0]

    return {
        "sport": upsert("sport", kind="desk", name="Sport", position=1),
        "national": upsert("national", kind="desk", name="National", position=0),
        "environment": upsert("environment", kind="topic", name="Environment"),
        "retired": upsert("retired", kind="topic", name="Retired", active=False),
    }


def test_preferences_need_signing_in(client, db):
    assert client.get("/account/preferences/")["Location"] == "/account/sign-in/?next=/account/preferences/"


def test_page_shows_the_current_preferences_with_a_label_for_every_field(client, alice):
    client.force_login(alice)
    response = client.get("/account/preferences/")
    page = response.content.decode()
    assert '<option value="Australia/Perth" selected>Perth</option>' in page
    assert 'value="06:30"' in page
    for field in response.context["form"].visible_fields():
        if field.use_fieldset:
            assert f"<legend>{field.label}</legend>" in page, field.name
        else:
            assert f'<label for="{field.auto_id}"' in page, field.name
    assert "csrfmiddlewaretoken" in page
    assert 'src="/static/accounts/time-zone.js" defer' in page


def test_saving_the_morning_wire_and_alerts(client, alice):
    client.force_login(alice)
    response = client.post(
        "/account/preferences/",
        form_data(
            time_zone="Europe/Paris",
            morning_wire="on",
            morning_wire_time="07:15",
            morning_wire_by_push="on",
            breaking_alerts="on",
            alerts_by_email="on",
            quiet_hours_start="22:00",
            quiet_hours_end="07:00",
            daily_alert_cap="3",
        ),
    )
    assert response["Location"] == "/account/preferences/"
    preferences = preferences_for(alice)
    assert preferences.morning_wire and preferences.morning_wire_by_email and preferences.morning_wire_by_push
    assert preferences.morning_wire_time == datetime.time(7, 15)
    assert preferences.breaking_alerts and preferences.alerts_by_email and preferences.alerts_by_push
    assert (preferences.quiet_hours_start, preferences.quiet_hours_end) == (datetime.time(22), datetime.time(7))
    assert preferences.daily_alert_cap == 3
    alice.refresh_from_db()
    assert alice.time_zone == "Europe/Paris"
    assert "Your preferences are saved" in client.get("/account/preferences/").content.decode()


def test_unticking_a_box_turns_it_off(client, alice):
    client.force_login(alice)
    client.post("/account/preferences/", form_data(morning_wire="on"))
    client.post("/account/preferences/", form_data())
    assert preferences_for(alice).morning_wire is False


def test_errors_are_tied_to_their_fields(client, alice):
    client.force_login(alice)
    response = client.post("/account/preferences/", form_data(daily_alert_cap="500", quiet_hours_start="25:00"))
    assert response.status_code == 200
    page = response.content.decode()
    for field in ("daily_alert_cap", "quiet_hours_start"):
        assert f'id="id_{field}_error"' in page
        assert f'aria-describedby="id_{field}_error"' in page
    assert preferences_for(alice).daily_alert_cap == 5


def test_half_a_quiet_hours_span_is_refused_at_the_field(client, alice):
    client.force_login(alice)
    response = client.post("/account/preferences/", form_data(quiet_hours_start="22:00"))
    assert "quiet_hours_end" in response.context["form"].errors
    assert preferences_for(alice).quiet_hours_start is None


def test_a_delivery_with_no_way_to_reach_the_reader_is_refused(client, alice):
    client.force_login(alice)
    response = client.post("/account/preferences/", form_data(morning_wire="on", morning_wire_by_email=None))
    assert "morning_wire_by_email" in response.context["form"].errors
    assert preferences_for(alice).morning_wire is False


def test_preferences_need_the_csrf_token(alice):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    assert strict.post("/account/preferences/", form_data(morning_wire="on")).status_code == 403
    assert preferences_for(alice).morning_wire is False


def test_follows_and_alert_topics_are_checkboxes_of_active_sections(client, alice, sections):
    client.force_login(alice)
    page = client.get("/account/preferences/").content.decode()
    assert "<legend>Desks</legend>" in page and "<legend>Topics in Focus</legend>" in page
    assert page.index(" National</label>") < page.index(" Sport</label>") < page.index(" Environment</label>")
    assert "Retired" not in page
    assert 'name="follows" value="sport"' in page and 'name="alert_topics" value="sport"' in page


def test_following_and_unfollowing_from_the_page(client, alice, sections):
    follow = apps.get_model("topics", "Follow")
    client.force_login(alice)
    client.post("/account/preferences/", form_data(follows=["sport", "environment"]))
    assert set(follow.objects.filter(user=alice).values_list("section__slug", flat=True)) == {"sport", "environment"}
    client.post("/account/preferences/", form_data(follows=["environment"]))
    assert list(follow.objects.filter(user=alice).values_list("section__slug", flat=True)) == ["environment"]
    page = client.get("/account/preferences/").content.decode()
    assert 'value="environment" id="id_follows_1_0" checked' in page
    assert 'value="sport" id="id_follows_0_1">' in page


def test_a_followed_section_made_inactive_is_kept(client, alice, sections):
    follow = apps.get_model("topics", "Follow")
    follow.objects.create(user=alice, section=sections["retired"])
    client.force_login(alice)
    client.post("/account/preferences/", form_data(follows=["sport"]))
    assert set(follow.objects.filter(user=alice).values_list("section__slug", flat=True)) == {"sport", "retired"}


def test_alert_topics_are_saved_as_section_slugs(client, alice, sections):
    client.force_login(alice)
    client.post("/account/preferences/", form_data(breaking_alerts="on", alert_topics=["national", "environment"]))
    assert preferences_for(alice).alert_topics == ["national", "environment"]
    response = client.post("/account/preferences/", form_data(alert_topics=["retired"]))
    assert "alert_topics" in response.context["form"].errors


def test_follows_appear_in_the_export(client, alice, sections):
    import json

    client.force_login(alice)
    client.post("/account/preferences/", form_data(follows=["sport"]))
    data = json.loads(client.get("/account/export/").content)
    assert [(f["slug"], f["kind"], f["name"]) for f in data["follows"]] == [("sport", "desk", "Sport")]
