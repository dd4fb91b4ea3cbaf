"""Reader pages. Visibility (embargo, withheld, withdrawn) is decided by the Story model's rules;
what a reader may read of a story by ``readwire.billing.access``; caching by ``site.caching``."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.mail.message import sanitize_address
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST, require_safe

from readwire.accounts.services import saved_story_ids
from readwire.accounts.views.common import next_url
from readwire.api.search import snippet_for_reader
from readwire.billing.access import body_for, decide, decide_many, first_paragraph_html, free_stories_per_month
from readwire.newsroom.frontpage import front_page
from readwire.search import search as run_search
from readwire.site import listings, page_cache
from readwire.site.caching import reader_page
from readwire.site.forms import SearchForm
from readwire.site.story_page import (
    body_with_pictures,
    description,
    figure,
    figures,
    news_article,
    section_url,
    share_links,
    tags,
)
from readwire.site.templatetags.reader import absolute
from readwire.topics import placement
from readwire.topics.models import Follow, Section
from readwire.wire.duplicates.linking import also_from
from readwire.wire.history import corrections_log
from readwire.wire.models import Story


def sections_for(request) -> list[Section]:
    """The active desks and Topics in Focus, fetched once a request (the menu needs them too)."""
    if not hasattr(request, "_reader_sections"):
        request._reader_sections = listings.active_sections()
    return request._reader_sections


@require_safe
@reader_page
def home(request):
    """The lead and top stories editors chose (or urgency and recency chose), then the latest,
    Topics in Focus and a few stories from each desk."""
    return page_cache.shared_render(request, ("home",), lambda extra: _render_home(request, extra))


def _render_home(request, extra: dict):
    now = timezone.now()
    page = front_page(now)
    shown = [s for s in (page.lead, *page.top) if s is not None]
    sections = sections_for(request)
    versions = listings.current_versions(shown)
    lead_version = versions.get(page.lead.pk) if page.lead else None
    lead_figure = figure(lead_version.pictures[0]) if lead_version and lead_version.pictures else None
    labels = listings.section_labels([*shown, *page.latest], sections)
    return render(
        request,
        "site/home.html",
        {
            "page": page,
            "versions": versions,
            "lead_figure": lead_figure,
            "labels": labels,
            "desks": [s for s in sections if s.kind == Section.Kind.DESK],
            "topics": [s for s in sections if s.kind == Section.Kind.TOPIC_IN_FOCUS],
            "by_section": listings.latest_by_section(sections, exclude=[s.pk for s in shown], now=now),
            **extra,
        },
    )


def _page_number(request) -> int:
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        raise Http404("No such page") from None
    if number < 1:
        raise Http404("No such page")
    return number


def _section(kind: str, slug: str) -> Section:
    return get_object_or_404(Section.objects.active(), kind=kind, slug=slug)


@require_safe
@reader_page(query=("page",))
def section(request, kind: str, slug: str):
    """A desk's or Topic in Focus's page: its stories, newest first, and a follow button."""
    current = _section(kind, slug)
    number = _page_number(request)
    following = request.user.is_authenticated and Follow.objects.filter(user=request.user, section=current).exists()
    return page_cache.shared_render(
        request,
        ("section", following),
        lambda extra: _render_section(request, current, number, following, extra),
        query=("page",),
    )


def _render_section(request, current: Section, number: int, following: bool, extra: dict):
    page = listings.section_stories(current, number)
    if page.number > 1 and not page.stories:
        raise Http404("No such page")
    return render(
        request,
        "site/section.html",
        {
            "section": current,
            "current_section": current,
            "page": page,
            "versions": listings.current_versions(page.stories),
            "following": following,
            **extra,
        },
    )


@require_POST
def follow(request, kind: str, slug: str):
    current = _section(kind, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(section_url(current))
    placement.follow(request.user, current)
    messages.success(request, f"You follow {current.name}.")
    return redirect(next_url(request, section_url(current)))


@require_POST
def unfollow(request, kind: str, slug: str):
    current = _section(kind, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(section_url(current))
    placement.unfollow(request.user, current)
    messages.success(request, f"You no longer follow {current.name}.")
    return redirect(next_url(request, section_url(current)))


def _story_for_reader(story_id: int) -> Story:
    # The row is kept like a page, until the wire's next change (page_cache.shared_value).
    story = page_cache.shared_value(
        ("story-row", story_id), lambda: Story.objects.select_related("source").filter(pk=story_id).first()
    )
    if story is None:
        raise Http404("No such story")
    if story.is_embargoed() or story.state == Story.State.WITHHELD:
        # An embargoed or withheld story does not exist for readers until its time.
        raise Http404("No such story")
    return story


def _story_context(request, story: Story, version, access) -> dict:
    pictures = figures(version)
    body = body_for(access, version)
    # Pictures further down belong to the story's full text.
    inline = pictures[1:] if access.is_full else []
    return {
        "story": story,
        "version": version,
        "access": access,
        "free_stories": free_stories_per_month(),
        "lead_figure": pictures[0] if pictures else None,
        "body_parts": body_with_pictures(body, inline),
        "description": description(version),
        "canonical_url": absolute(story.get_absolute_url()),
    }


@require_safe
@reader_page
def story(request, story_id: int):
    story = _story_for_reader(story_id)
    if story.is_withdrawn:
        return render(request, "site/withdrawn.html", {"story": story}, status=410)
    access = decide(request.user, story, record=request.method == "GET")
    saved = request.user.is_authenticated and story.pk in saved_story_ids(request.user)
    response = page_cache.shared_render(
        request,
        ("story", access.level, access.reason, access.meter_remaining, saved),
        lambda extra: _render_story(request, story, access, saved, extra),
    )
    # The app keeps saved stories for offline reading apart from the stories merely read.
    response["X-Readwire-Saved"] = "1" if saved else "0"
    return response


def _render_story(request, story: Story, access, saved: bool, extra: dict):
    versions = list(story.versions.filter(version__lte=story.current_version))
    current = versions[-1]
    sections = listings.sections_of(story)
    context = _story_context(request, story, current, access)
    context.update(
        {
            "sections": sections,
            "tags": tags(current, sections),
            "related": listings.related_stories(story, sections),
            # Word-level body changes would show paywalled text: only readers with full access see them.
            "corrections": corrections_log(versions, include_body=access.is_full),
            "also_from": also_from(story),
            "saved": saved,
            "share": share_links(story, current.headline),
            "structured_data": news_article(story, current, sections, figures(current)),
            **extra,
        }
    )
    return render(request, "site/story.html", context)


@require_safe
@reader_page
def story_version(request, story_id: int, number: int):
    """An earlier version, as it was published, clearly marked as superseded."""
    story = _story_for_reader(story_id)
    if story.is_withdrawn:
        return render(request, "site/withdrawn.html", {"story": story}, status=410)
    version = get_object_or_404(story.versions, version=number, version__lte=story.current_version)
    access = decide(request.user, story, record=request.method == "GET")
    context = _story_context(request, story, version, access)
    context["superseded"] = version.version != story.current_version
    return render(request, "site/story.html", context)


@require_safe
@reader_page(keep=False)
def search(request):
    """The search page: words through the search service; filters alone list stories newest first."""
    sections = sections_for(request)
    form = SearchForm(request.GET or None, sections=sections)
    context = {"form": form, "searched": False}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        number = data.get("page") or 1
        if data["q"]:
            context.update(_word_search(request, data, number))
        elif form.has_filters and any(
            data.get(name) for name in ("desk", "topic", "person", "place", "since", "until")
        ):
            context.update(_filter_search(request, form, number))
    if context.get("hits"):
        context["labels"] = listings.section_labels([hit["story"] for hit in context["hits"]], sections)
    return render(request, "site/search.html", context)


def _word_search(request, data, number: int) -> dict:
    found = run_search(
        data["q"],
        desk=data.get("desk") or None,
        topic=data.get("topic") or None,
        person=data.get("person") or None,
        place=data.get("place") or None,
        since=data.get("since"),
        until=data.get("until"),
        sort=data.get("sort") or "relevance",
        page=number,
    )
    stories = Story.objects.for_readers().in_bulk(found.story_ids)
    versions = listings.current_versions(stories.values(), with_body=True)
    access = decide_many(request.user, stories.values())
    hits = []
    for result in found.results:
        story, version = stories.get(result.story_id), versions.get(result.story_id)
        if story is None or version is None:
            continue  # withdrawn or merged into another copy since the index last heard
        # Built from the search's escaped snippet or the escaped preview (readwire.api.search).
        snippet = mark_safe(snippet_for_reader(access[story.pk], version, str(result.snippet)))  # noqa: S308
        hits.append({"story": story, "headline_html": result.headline, "snippet_html": snippet})
    return {
        "searched": True,
        "hits": hits,
        "total": found.total,
        "total_is_exact": found.total_is_exact,
        "first_number": (found.page - 1) * found.per_page + 1,
        "results_page": listings.Page([], found.page, found.has_next),
    }


def _filter_search(request, form: SearchForm, number: int) -> dict:
    data = form.cleaned_data
    page = listings.filtered_stories(
        sections=form.selected_sections(),
        people=[data["person"]] if data.get("person") else [],
        places=[data["place"]] if data.get("place") else [],
        since=data.get("since"),
        until=data.get("until"),
        number=number,
    )
    versions = listings.current_versions(page.stories, with_body=True)
    hits = []
    for story in page.stories:
        version = versions.get(story.pk)
        # The preview's own words: what anyone may read of the story.
        if version is None:
            snippet = ""
        elif version.standfirst:
            snippet = escape(version.standfirst)
        else:
            snippet = mark_safe(first_paragraph_html(version))  # noqa: S308 - sanitised when stored
        hits.append({"story": story, "headline_html": story.headline, "snippet_html": snippet})
    count = len(page.stories) + (page.number - 1) * listings.PER_PAGE
    return {
        "searched": True,
        "hits": hits,
        "total": count,
        # Without words there is no count of everything; "more than" says so while pages remain.
        "total_is_exact": not page.has_next,
        "first_number": (page.number - 1) * listings.PER_PAGE + 1,
        "results_page": page,
    }


@require_safe
@reader_page
def license_story(request, story_id: int):
    """How to license a story, until the licensing flow has its own pages."""
    story = _story_for_reader(story_id)
    if story.is_withdrawn:
        return render(request, "site/withdrawn.html", {"story": story}, status=410)
    email = getattr(settings, "READWIRE_LICENSING_EMAIL", "") or _address(settings.DEFAULT_FROM_EMAIL)
    return render(
        request,
        "site/license.html",
        {"story": story, "licensing_email": email, "subject": f"Licensing: {story.headline} ({story.uri})"},
    )


def _address(mailbox: str) -> str:
    from email.utils import parseaddr

    return parseaddr(sanitize_address(mailbox, "utf-8"))[1]
