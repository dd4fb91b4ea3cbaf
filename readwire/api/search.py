"""``GET /search``: the search service (``readwire.search.search``) for apps, behind the paywall.

The service finds stories by their whole text and shows a snippet from wherever the words
matched, which may be deep in a paywalled body. So each result's snippet passes the paywall
here: a reader who may not read the story in full gets the snippet only when every word of it is
in what the preview shows anyway (headline, standfirst, first paragraph, captions), cut where it
would run on past the preview, and otherwise the opening words of the preview. A search never spends a metered reader's free stories.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Annotated, Literal

from django.db.models import F
from django.http import HttpRequest
from django.utils.html import escape, strip_tags
from ninja import Field, Query, Router, Schema

from readwire.api.auth import ANYONE, OPTIONAL_SECURITY
from readwire.api.stories import Day, Slug, StorySummary, summary
from readwire.billing.access import FULL, Access, decide_many, first_paragraph_html
from readwire.search import search as run_search
from readwire.search.query import parse as search_query
from readwire.wire.models import Story, Version

router = Router(tags=["stories"])

# The search service keys story dates to the second for years 1800 to 2999; no story lies outside.
_FIRST_DAY, _LAST_DAY = date(1800, 1, 2), date(2999, 12, 30)
MAX_PAGE = 50
# About as long as the search service's own snippets.
SNIPPET_WORDS = 28
Words = Annotated[str, Field(max_length=200, pattern=r"^[^\x00]*$")]


class SearchFilters(Schema):
    q: Annotated[str, Field(max_length=500, pattern=r"^[^\x00]*$")] = Field(
        description='Words to find; "quoted phrases", OR between alternatives, -word to leave out'
    )
    desk: Slug | None = None
    topic: Slug | None = None
    person: Words | None = Field(None, description="A person as the wire tagged them: name, code or URI")
    place: Words | None = Field(None, description="A place as the wire tagged it: name, code or URI")
    since: Day | None = Field(None, description="Stories dated on or after this day")
    until: Day | None = Field(None, description="Stories dated on or before this day")
    sort: Literal["relevance", "newest"] = "relevance"
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(20, ge=1, le=50)


class SearchHit(Schema):
    story: StorySummary
    headline_html: str = Field(description="The headline, escaped, with the matches in <mark>")
    snippet_html: str = Field(description="A few words of the story, escaped, matches in <mark>; see the paywall")
    rank: float


class SearchAnswer(Schema):
    query: str = Field(description="The query as understood")
    page: int
    per_page: int
    total: int = Field(description="Stories found, counting no further than 1000")
    total_is_exact: bool
    has_next: bool
    results: list[SearchHit]


@router.get(
    "/search",
    response=SearchAnswer,
    summary="Search the stories readers may see",
    auth=ANYONE,
    openapi_extra=OPTIONAL_SECURITY,
)
def search(request: HttpRequest, filters: Query[SearchFilters]):
    since, until = filters.since, filters.until
    if (since and since > _LAST_DAY) or (until and until < _FIRST_DAY):
        return answer(str(search_query(filters.q)), filters, [], total=0, has_next=False)
    since = max(since, _FIRST_DAY) if since else None
    until = min(until, _LAST_DAY) if until else None
    found = run_search(
        filters.q,
        desk=filters.desk,
        topic=filters.topic,
        person=filters.person,
        place=filters.place,
        since=since,
        until=until,
        sort=filters.sort,
        page=filters.page,
        per_page=filters.per_page,
    )
    ids = found.story_ids
    stories = Story.objects.in_bulk(ids)
    versions = {v.story_id: v for v in Version.objects.filter(story_id__in=ids, version=F("story__current_version"))}
    access = decide_many(request.user, stories.values())
    hits = []
    for result in found.results:
        story, version = stories.get(result.story_id), versions.get(result.story_id)
        if story is None or version is None:
            continue  # withdrawn between the search and now
        hits.append(
            {
                "story": summary(story, version.standfirst),
                "headline_html": str(result.headline),
                "snippet_html": snippet_for_reader(access[story.pk], version, str(result.snippet)),
                "rank": result.rank,
            }
        )
    return answer(
        str(found.query), filters, hits, total=found.total, has_next=found.has_next, exact=found.total_is_exact
    )


def answer(query: str, filters: SearchFilters, hits: list, *, total: int, has_next: bool, exact=True) -> dict:
    return {
        "query": query,
        "page": filters.page,
        "per_page": filters.per_page,
        "total": total,
        "total_is_exact": exact,
        "has_next": has_next,
        "results": hits,
    }


def snippet_for_reader(access: Access, version: Version, snippet_html: str) -> str:
    """The search snippet a reader with ``access`` to the story may be shown (see the module's
    docstring); ``access`` from ``billing.access.decide_many`` over the page's stories."""
    if access.level == FULL:
        return snippet_html
    preview = _words(
        " ".join(
            [
                version.headline,
                version.standfirst,
                strip_tags(first_paragraph_html(version)),
                *(p.get("caption") or "" for p in version.pictures),
            ]
        )
    )
    allowed = " ".join(preview)
    # Snippets are a window of the text; one that starts in the preview may run on past it, into
    # the paywalled part. Keep the longest beginning that stays within the preview.
    pieces = snippet_html.split()
    for end in range(len(pieces), 0, -1):
        shown = _words(strip_tags(" ".join(pieces[:end])).replace("…", " "))
        if shown and " ".join(shown) in allowed:
            kept = " ".join(pieces[:end])
            if "<mark>" in snippet_html and "<mark>" not in kept:
                break  # the match itself is past the preview: the opening words read better
            kept += "</mark>" * (kept.count("<mark>") - kept.count("</mark>"))
            return kept + (" …" if end < len(pieces) else "")
    opening = _words(version.standfirst) or _words(strip_tags(first_paragraph_html(version)))
    return escape(" ".join(opening[:SNIPPET_WORDS]) + (" …" if len(opening) > SNIPPET_WORDS else ""))


def _words(text: str) -> list[str]:
    return html.unescape(text).split()
