"""Stories out: the latest visible stories, and one story as a ninjs 3.1 document.

Only what ``Story.objects.visible()`` allows is ever answered: a withdrawn story answers 410 with a
problem body, an embargoed or withheld one does not exist (404). The paywall decision joins here
with the reader issue, the same one the website uses.
"""

from __future__ import annotations

import json
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from readwire.api.problems import problem, problem_type
from readwire.billing.access import FULL, body_for, decide
from readwire.wire.export.ninjs import render_dict
from readwire.wire.models import Story

router = Router(tags=["stories"])


class StorySummary(Schema):
    id: int
    uri: str
    headline: str
    slugline: str
    urgency: int | None
    version: int
    version_created: datetime
    first_created: datetime
    url: str


class StoryList(Schema):
    items: list[StorySummary]
    next_before: int | None


class ListFilters(Schema):
    limit: int = 20
    before: int | None = None


@router.get("/stories", response=StoryList, summary="The latest visible stories, newest first")
def list_stories(request: HttpRequest, filters: Query[ListFilters]):
    limit = max(1, min(filters.limit, 100))
    stories = Story.objects.visible().order_by("-id")
    if filters.before is not None:
        stories = stories.filter(id__lt=filters.before)
    page = list(stories[: limit + 1])
    return {
        "items": [_summary(story) for story in page[:limit]],
        "next_before": page[limit - 1].pk if len(page) > limit else None,
    }


@router.get(
    "/stories/{story_id}",
    summary="One story's current version as ninjs 3.1",
    response={200: dict, 404: dict, 410: dict},
)
def get_story(request: HttpRequest, story_id: int):
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
    document = render_dict(story.current)
    if access.level != FULL:
        # The same preview the website shows: the first paragraph only, and the reason.
        preview = body_for(access, story.current)
        document["bodies"] = [{"role": "main", "contentType": "text/html", "value": preview}] if preview else []
        document["representationType"] = "partial"
    response = HttpResponse(json.dumps(document, ensure_ascii=False), content_type="application/json")
    response["X-Readwire-Access"] = f"{access.level}; {access.reason}"
    return response


def _summary(story: Story) -> dict:
    return {
        "id": story.pk,
        "uri": story.uri,
        "headline": story.headline,
        "slugline": story.slugline,
        "urgency": story.urgency,
        "version": story.current_version,
        "version_created": story.version_created,
        "first_created": story.first_created,
        "url": story.get_absolute_url(),
    }
