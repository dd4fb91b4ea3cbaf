"""RSS feeds: the latest stories, and the latest of each desk and Topic in Focus.

They carry headlines and standfirsts (or a story's opening words) only, never full text: a feed
reader cannot sign in, so it gets what anyone may read (``readwire.billing.access``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Substr
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed

from readwire.site.caching import reader_page
from readwire.topics.models import Placement, Section
from readwire.wire.models import Story, Version

FEED_STORIES = 50
# Enough of a story's text to hold its first paragraph.
OPENING_CHARS = 2000


def with_summary(stories):
    """Stories with their current version's standfirst and opening words, in the same query."""
    current = Version.objects.filter(story=OuterRef("pk"), version=OuterRef("current_version"))
    return stories.annotate(
        feed_standfirst=Subquery(current.values("standfirst")[:1]),
        feed_opening=Subquery(current.annotate(opening=Substr("body_text", 1, OPENING_CHARS)).values("opening")[:1]),
    )


class StoryFeed(Feed):
    feed_type = Rss201rev2Feed
    item_guid_is_permalink = False

    def __call__(self, request, *args, **kwargs):
        return reader_page(super().__call__)(request, *args, **kwargs)

    def item_title(self, story):
        return story.headline

    def item_description(self, story):
        opening = (story.feed_opening or "").split("\n\n", 1)[0].split("\n", 1)[0]
        return story.feed_standfirst or opening

    def item_pubdate(self, story):
        return story.version_created

    def item_guid(self, story):
        return story.uri


class LatestStoriesFeed(StoryFeed):
    link = "/"
    description = "The latest stories from the wire."

    def title(self):
        return f"{settings.SITE_NAME}: latest news"

    def items(self):
        return with_summary(Story.objects.for_readers()).order_by("-version_created", "-pk")[:FEED_STORIES]


class SectionFeed(StoryFeed):
    def get_object(self, request, kind: str, slug: str):
        return get_object_or_404(Section.objects.active(), kind=kind, slug=slug)

    def title(self, section):
        return f"{settings.SITE_NAME}: {section.name}"

    def link(self, section):
        from readwire.site.story_page import section_url

        return section_url(section)

    def description(self, section):
        return section.description or f"The latest {section.name} stories from the wire."

    def items(self, section):
        placed = Placement.objects.filter(section=section).values("story_id")
        stories = Story.objects.for_readers().filter(pk__in=placed)
        return with_summary(stories).order_by("-version_created", "-pk")[:FEED_STORIES]
