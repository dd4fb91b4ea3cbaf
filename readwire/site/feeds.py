"""The public RSS feed of the latest stories.

It carries headlines and standfirsts only: full text goes through the paywall decision, which the
reader issue adds in one place for pages, API, feeds and email alike.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from readwire.wire.models import Story


class LatestStoriesFeed(Feed):
    feed_type = Rss201rev2Feed
    link = "/"
    description = "The latest stories from the wire."

    def title(self):
        from django.conf import settings

        return f"{settings.SITE_NAME}: latest news"

    def items(self):
        return Story.objects.visible().order_by("-version_created").prefetch_related("versions")[:50]

    def item_title(self, story):
        return story.headline

    def item_description(self, story):
        current = next(v for v in story.versions.all() if v.version == story.current_version)
        return current.standfirst or current.body_text.split("\n\n", 1)[0]

    def item_pubdate(self, story):
        return story.version_created

    def item_guid(self, story):
        return story.uri

    item_guid_is_permalink = False
