"""Stories out: the visible stories, newest first, and one story as a ninjs 3.1 document.

Only what ``Story.objects.visible()`` allows is ever answered: a withdrawn story answers 410 with a
problem body, an embargoed or withheld one does not exist (404). Lists carry no body at all; one
story carries what the paywall (``readwire.billing.access.decide``) lets this reader read, the same
decision the website makes, and says which in ``X-Readwire-Access``.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from typing import Annotated

from django.conf import settings
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from ninja import Field, Path, Query, Router, Schema
from ninja.renderers import JSONRenderer
from pydantic import BeforeValidator

from readwire.api.auth import ANYONE, ANYONE_ALIKE, OPTIONAL_SECURITY
from readwire.api.paging import InvalidCursor, invalid_cursor_problem, page_of
from readwire.api.problems import problem, problem_type
from readwire.billing.access import FULL, Access, body_for, decide
from readwire.site import page_cache
from readwire.wire.export.ninjs import render_dict
from readwire.wire.models import Story, Version

router = Router(tags=["stories"])

ACCESS_HEADER = "X-Readwire-Access"
FREE_STORIES_HEADER = "X-Readwire-Free-Stories-Left"

# Slugs and source names: letters, digits, hyphens and underscores (no control characters reach SQL).
Slug = Annotated[str, Field(pattern=r"^[-A-Za-z0-9_]+$", max_length=80)]
Cursor = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]+$", max_length=200)]
_NUMBER = re.compile(r"[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?")


def _iso_8601_only(value):
    # Pydantic would also take a number as seconds since 1970; the document promises ISO 8601.
    if isinstance(value, int | float) or (isinstance(value, str) and _NUMBER.fullmatch(value.strip())):
        raise ValueError("give an ISO 8601 date or date and time, like 2026-03-02 or 2026-03-02T09:00:00+11:00")
    return value


Moment = Annotated[datetime, BeforeValidator(_iso_8601_only)]
Day = Annotated[date, BeforeValidator(_iso_8601_only)]
# Far enough out that converting to UTC cannot overflow, near enough to bound nothing real.
_EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
_LATEST = datetime(9999, 12, 30, tzinfo=UTC)


class StorySummary(Schema):
    id: int
    uri: str
    headline: str
    standfirst: str
    slugline: str
    urgency: int | None
    language: str
    version: int
    version_created: datetime
    first_created: datetime
    url: str = Field(description="The story's page on the website")


class StoryPage(Schema):
    items: list[StorySummary]
    next_cursor: str | None = Field(description="Send as 'cursor' for the next page; null on the last page")


class StoryFilters(Schema):
    desk: Slug | None = Field(None, description="Only stories on this desk (a desk's slug, see /desks)")
    topic: Slug | None = Field(None, description="Only stories in this Topic in Focus (a slug, see /topics)")
    urgency: int | None = Field(
        None, ge=1, le=9, description="At least this urgent: 1 is the most urgent, so 3 gives urgencies 1 to 3"
    )
    since: Moment | None = Field(None, description="Versions created at or after this time")
    until: Moment | None = Field(None, description="Versions created before this time")
    source: Slug | None = Field(None, description="Only stories from this source (its name)")
    limit: int = Field(20, ge=1, le=100)
    cursor: Cursor | None = Field(None, description="The next_cursor of the page before")


@router.get(
    "/stories",
    response={200: StoryPage, 400: dict},
    summary="Visible stories, newest first",
    description="Headlines and standfirsts only; open a story for its body. 400 for a cursor this API did not give.",
    auth=ANYONE_ALIKE,
    openapi_extra=OPTIONAL_SECURITY,
)
def list_stories(request: HttpRequest, filters: Query[StoryFilters]):
    if filters.cursor is None and filters.since is None and filters.until is None:
        # A first page is the same for every reader: built and serialised once a minute, or when
        # the wire changes, and answered as those bytes.
        named = (filters.desk, filters.topic, filters.urgency, filters.source, filters.limit)
        body = page_cache.shared_value(("api-stories", *named), lambda: _story_page_json(request, filters))
        return HttpResponse(body, content_type="application/json; charset=utf-8")
    try:
        return _story_page(filters)
    except InvalidCursor:
        return invalid_cursor_problem()


def _story_page_json(request: HttpRequest, filters: StoryFilters) -> str:
    """The page as this operation's response schema and the API's renderer (ninja's JSON
    renderer, the API's default) would write it."""
    page = StoryPage.model_validate(_story_page(filters)).model_dump()
    return JSONRenderer().render(request, page, response_status=200)


def _story_page(filters: StoryFilters) -> dict:
    stories = filter_stories(Story.objects.for_readers(), filters)
    page, next_cursor = page_of(stories, time_field="version_created", cursor=filters.cursor, limit=filters.limit)
    return {"items": summaries(page), "next_cursor": next_cursor}


def filter_stories(stories: QuerySet, filters: StoryFilters) -> QuerySet:
    if filters.desk:
        stories = stories.filter(pk__in=_placed_in("desk", filters.desk))
    if filters.topic:
        stories = stories.filter(pk__in=_placed_in("topic", filters.topic))
    if filters.urgency is not None:
        stories = stories.filter(urgency__gte=1, urgency__lte=filters.urgency)
    if filters.since is not None:
        stories = stories.filter(version_created__gte=utc(filters.since))
    if filters.until is not None:
        stories = stories.filter(version_created__lt=utc(filters.until))
    if filters.source:
        stories = stories.filter(source__name=filters.source)
    return stories


def _placed_in(kind: str, slug: str) -> QuerySet:
    from readwire.topics.models import Placement

    return Placement.objects.filter(section__kind=kind, section__slug=slug, section__active=True).values("story_id")


def utc(moment: datetime) -> datetime:
    """``moment`` in UTC (a naive one read in Readwire's time zone), kept within what databases store."""
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=timezone.get_current_timezone())
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        return _EARLIEST if moment.year < 5000 else _LATEST


def summaries(stories: list[Story]) -> list[dict]:
    """List entries for ``stories``, with their current standfirsts in one more query."""
    standfirsts = dict(
        Version.objects.filter(story_id__in=[s.pk for s in stories], version=F("story__current_version")).values_list(
            "story_id", "standfirst"
        )
    )
    return [summary(story, standfirsts.get(story.pk, "")) for story in stories]


def summary(story: Story, standfirst: str) -> dict:
    return {
        "id": story.pk,
        "uri": story.uri,
        "headline": story.headline,
        "standfirst": standfirst,
        "slugline": story.slugline,
        "urgency": story.urgency,
        "language": story.language,
        "version": story.current_version,
        "version_created": story.version_created,
        "first_created": story.first_created,
        "url": settings.SITE_URL + story.get_absolute_url(),
    }


_STORY_HEADERS = {
    ACCESS_HEADER: {
        "description": "'full', 'preview' or 'none', a semicolon, and the reason in words",
        "schema": {"type": "string"},
    },
    FREE_STORIES_HEADER: {
        "description": "Free stories left this month, for a signed-in reader on the meter",
        "schema": {"type": "integer"},
    },
}


@router.get(
    "/stories/{story_id}",
    summary="One story's current version as ninjs 3.1",
    description=(
        "The whole body for readers entitled to it; otherwise a preview (headline, standfirst, first "
        "paragraph) with representationType 'partial'. X-Readwire-Access says which and why. "
        "Opening a story spends one of a metered reader's free stories, as on the website."
    ),
    response={200: dict, 404: dict, 410: dict},
    auth=ANYONE,
    openapi_extra={
        **OPTIONAL_SECURITY,
        "responses": {"200": {"description": "A ninjs 3.1 document", "headers": _STORY_HEADERS}},
    },
)
def get_story(request: HttpRequest, story_id: Annotated[int, Path(ge=1)]):
    story = Story.objects.filter(pk=story_id).first()
    if story is None or story.is_embargoed() or story.state == Story.State.WITHHELD:
        return problem(404, f"there is no story {story_id}", title="Not found")
    if story.is_withdrawn:
        return problem(
            410,
            "the newsroom withdrew this story; it is no longer available",
            type=problem_type("story-withdrawn"),
            title="Story withdrawn",
        )
    access = decide(request.user, story, record=True)
    document = ninjs_for_reader(access, story.current)
    response = HttpResponse(json.dumps(document, ensure_ascii=False), content_type="application/json")
    set_access_headers(response, access)
    return response


def ninjs_for_reader(access: Access, version: Version) -> dict:
    """The version as ninjs, its bodies cut down to what ``access`` allows."""
    document = render_dict(version)
    if access.level != FULL:
        # The same preview the website shows: the first paragraph only.
        preview = body_for(access, version)
        document["bodies"] = [{"role": "main", "contentType": "text/html", "value": preview}] if preview else []
        if not preview:
            del document["bodies"]
        document["representationType"] = "partial"
    return document


def set_access_headers(response: HttpResponse, access: Access) -> None:
    response[ACCESS_HEADER] = f"{access.level}; {access.reason}"
    if access.meter_remaining is not None:
        response[FREE_STORIES_HEADER] = str(access.meter_remaining)
    # What a story carries depends on who asks: no shared cache may keep one reader's answer for another.
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Authorization", "Cookie"])
