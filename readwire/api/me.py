"""The signed-in reader's own account: profile and preferences (``/me``) and saved stories.

Changes go through ``readwire.accounts.services``, as the website's do, so both check alike. The
email address is not changed here: a new address must be verified, which the account pages do.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Annotated

from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router, Schema
from pydantic import BeforeValidator, WithJsonSchema

from readwire.accounts.services import (
    MAX_DAILY_ALERT_CAP,
    InvalidPreferences,
    StoryNotAvailable,
    preferences_for,
    save_story,
    saved_stories,
    unsave_story,
    update_preferences,
)
from readwire.api.auth import READER
from readwire.api.paging import InvalidCursor, invalid_cursor_problem, page_of
from readwire.api.problems import problem, problem_type
from readwire.api.stories import Cursor, StorySummary, summaries
from readwire.billing.access import has_full_access
from readwire.wire.models import Story

router = Router(tags=["reader"], auth=READER)

_TIME_OF_DAY = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"


def _time_of_day(value):
    if isinstance(value, str) and not re.match(_TIME_OF_DAY, value):
        raise ValueError("a time of day, HH:MM")
    return value


# A wall-clock time in the reader's own zone, so without an offset: not JSON Schema's "time" format.
TimeOfDay = Annotated[
    time,
    BeforeValidator(_time_of_day),
    WithJsonSchema({"type": "string", "pattern": _TIME_OF_DAY, "description": "HH:MM in the reader's time zone"}),
]


class Preferences(Schema):
    morning_wire: bool = Field(description="The Morning Wire bulletin, on or off")
    morning_wire_time: TimeOfDay = Field(description="When it arrives, in the reader's time zone")
    morning_wire_by_email: bool
    morning_wire_by_push: bool
    breaking_alerts: bool
    alert_topics: list[str] = Field(description="Desk and topic slugs to be alerted about; empty means all")
    alerts_by_email: bool
    alerts_by_push: bool
    quiet_hours_start: TimeOfDay | None = Field(description="No alerts from this time of day (with quiet_hours_end)")
    quiet_hours_end: TimeOfDay | None
    daily_alert_cap: int = Field(ge=0, le=MAX_DAILY_ALERT_CAP)


class PreferenceChanges(Schema):
    """Only the preferences given change. Setting either quiet hour to null clears both."""

    morning_wire: bool | None = None
    morning_wire_time: TimeOfDay | None = None
    morning_wire_by_email: bool | None = None
    morning_wire_by_push: bool | None = None
    breaking_alerts: bool | None = None
    alert_topics: list[Annotated[str, Field(max_length=80)]] | None = Field(None, max_length=100)
    alerts_by_email: bool | None = None
    alerts_by_push: bool | None = None
    quiet_hours_start: TimeOfDay | None = None
    quiet_hours_end: TimeOfDay | None = None
    daily_alert_cap: int | None = Field(None, ge=0, le=MAX_DAILY_ALERT_CAP)


class Profile(Schema):
    email: str
    email_verified: bool
    time_zone: str = Field(description="IANA name, e.g. Australia/Perth; empty until the reader sets one")
    full_access: bool = Field(description="Whether the reader may read every story in full")
    preferences: Preferences


class ProfileChanges(Schema):
    time_zone: str | None = Field(None, max_length=64, description="IANA name; empty for Readwire's own zone")
    preferences: PreferenceChanges | None = None


@router.get("/me", response=Profile, summary="The signed-in reader's profile and preferences")
def get_profile(request: HttpRequest):
    return profile(request.user)


@router.patch(
    "/me",
    response={200: Profile, 422: dict},
    summary="Change the reader's time zone or preferences",
    description="Only the members given change; a null member is left as it is, except the quiet hours.",
)
def change_profile(request: HttpRequest, changes: ProfileChanges):
    given = changes.model_dump(exclude_unset=True)
    wanted = dict(given.get("preferences") or {})
    # Null means "leave it", except for the quiet hours, where null is the way to clear them.
    wanted = {
        name: value
        for name, value in wanted.items()
        if value is not None or name in ("quiet_hours_start", "quiet_hours_end")
    }
    if given.get("time_zone") is not None:
        wanted["time_zone"] = given["time_zone"]
    try:
        update_preferences(request.user, **wanted)
    except InvalidPreferences as exc:
        errors = [
            {"loc": ["body", "changes", *([] if field == "time_zone" else ["preferences"]), field], "msg": message}
            for field, message in exc.errors.items()
        ]
        return problem(
            422,
            "some changes were not accepted; 'errors' says which and why",
            type=problem_type("invalid-request"),
            title="Invalid request",
            errors=errors,
        )
    request.user.refresh_from_db(fields=["time_zone"])
    return profile(request.user)


def profile(user) -> dict:
    preferences = preferences_for(user)
    return {
        "email": user.email,
        "email_verified": user.email_verified,
        "time_zone": user.time_zone,
        "full_access": has_full_access(user),
        "preferences": {name: getattr(preferences, name) for name in Preferences.model_fields},
    }


# --- saved stories -------------------------------------------------------------------------------


class SavedStory(Schema):
    story: StorySummary
    saved_at: datetime


class SavedStoryPage(Schema):
    items: list[SavedStory]
    next_cursor: str | None


class SavedFilters(Schema):
    limit: int = Field(20, ge=1, le=100)
    cursor: Cursor | None = None


@router.get(
    "/me/saved",
    response={200: SavedStoryPage, 400: dict},
    summary="The reader's saved stories, the latest saved first",
    description="Stories withdrawn or held back since they were saved are left out.",
)
def list_saved(request: HttpRequest, filters: Query[SavedFilters]):
    try:
        page, next_cursor = page_of(
            saved_stories(request.user), time_field="saved_at", cursor=filters.cursor, limit=filters.limit
        )
    except InvalidCursor:
        return invalid_cursor_problem()
    stories = summaries([saved.story for saved in page])
    return {
        "items": [{"story": story, "saved_at": saved.saved_at} for story, saved in zip(stories, page, strict=True)],
        "next_cursor": next_cursor,
    }


@router.put(
    "/me/saved/{story_id}",
    response={200: SavedStory, 404: dict},
    summary="Save a story",
    description="Saving a saved story again changes nothing. 404 for a story readers cannot see.",
)
def save(request: HttpRequest, story_id: Annotated[int, Path(ge=1)]):
    story = Story.objects.filter(pk=story_id).first()
    try:
        if story is None:
            raise StoryNotAvailable(story_id)
        saved = save_story(request.user, story)
    except StoryNotAvailable:
        return problem(404, f"there is no story {story_id} to save", title="Not found")
    [summary] = summaries([story])
    return {"story": summary, "saved_at": saved.saved_at}


@router.delete(
    "/me/saved/{story_id}",
    response={204: None},
    summary="Forget a saved story",
    description="Answers 204 whether or not the story was saved, so an app may repeat it safely.",
)
def unsave(request: HttpRequest, story_id: Annotated[int, Path(ge=1)]):
    story = Story.objects.filter(pk=story_id).first()
    if story is not None:
        unsave_story(request.user, story)
    return HttpResponse(status=204)
