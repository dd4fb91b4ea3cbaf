"""Desks and Topics in Focus, and the ones a reader follows.

Following goes through the same calls as the follow button on a desk's page
(``readwire.topics.placement``), so the website, the app and the alerts agree on who follows what.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Path, Router, Schema

from readwire.api.auth import ANYONE, OPTIONAL_SECURITY, READER
from readwire.api.problems import problem
from readwire.api.stories import Slug

router = Router(tags=["desks and topics"])


class SectionOut(Schema):
    slug: str
    name: str
    kind: Literal["desk", "topic"] = Field(description="'desk', or 'topic' for a Topic in Focus")
    description: str
    url: str = Field(description="The section's page on the website")
    stories: str = Field(description="Its stories in this API")


class SectionList(Schema):
    items: list[SectionOut]


class Followed(Schema):
    section: SectionOut
    followed_at: datetime


class FollowedList(Schema):
    items: list[Followed]


def section_dict(section) -> dict:
    filter_name = "desk" if section.kind == "desk" else "topic"
    return {
        "slug": section.slug,
        "name": section.name,
        "kind": section.kind,
        "description": section.description,
        "url": settings.SITE_URL + reverse("site:section", args=[section.kind, section.slug]),
        "stories": f"{settings.SITE_URL}{reverse('api:list_stories')}?{filter_name}={section.slug}",
    }


def _sections(kind: str) -> dict:
    from readwire.topics.models import Section

    return {"items": [section_dict(s) for s in Section.objects.active().filter(kind=kind)]}


@router.get(
    "/desks",
    response=SectionList,
    summary="The desks, in the order of the website's menu",
    auth=ANYONE,
    openapi_extra=OPTIONAL_SECURITY,
)
def desks(request: HttpRequest):
    return _sections("desk")


@router.get(
    "/topics",
    response=SectionList,
    summary="The Topics in Focus, in the order of the website's menu",
    auth=ANYONE,
    openapi_extra=OPTIONAL_SECURITY,
)
def topics(request: HttpRequest):
    return _sections("topic")


@router.get("/me/follows", response=FollowedList, summary="The desks and topics the reader follows", auth=READER)
def list_follows(request: HttpRequest):
    from readwire.topics.models import Follow

    follows = (
        Follow.objects.filter(user=request.user, section__active=True)
        .select_related("section")
        .order_by("section__kind", "section__position", "section__name")
    )
    return {"items": [{"section": section_dict(f.section), "followed_at": f.created_at} for f in follows]}


@router.put(
    "/me/follows/{slug}",
    response={200: Followed, 404: dict},
    summary="Follow a desk or topic",
    description="Following it again changes nothing.",
    auth=READER,
)
def follow(request: HttpRequest, slug: Annotated[Slug, Path()]):
    from readwire.topics.models import Section
    from readwire.topics.placement import follow as follow_section

    section = Section.objects.active().filter(slug=slug).first()
    if section is None:
        return problem(404, f"there is no desk or topic '{slug}'", title="Not found")
    followed = follow_section(request.user, section)
    return {"section": section_dict(section), "followed_at": followed.created_at}


@router.delete(
    "/me/follows/{slug}",
    response={204: None},
    summary="Stop following a desk or topic",
    description="Answers 204 whether or not the reader followed it.",
    auth=READER,
)
def unfollow(request: HttpRequest, slug: Annotated[Slug, Path()]):
    from readwire.topics.models import Section
    from readwire.topics.placement import unfollow as unfollow_section

    section = Section.objects.filter(slug=slug).first()
    if section is not None:
        unfollow_section(request.user, section)
    return HttpResponse(status=204)
