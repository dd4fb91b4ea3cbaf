"""The editors' console: plain server-rendered views, each behind ``editor_required``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from readwire.newsroom import screens, services
from readwire.newsroom.access import editor_required
from readwire.newsroom.arrivals import PAGE_SIZE, WireFilters, arrivals, filter_choices, state_of
from readwire.newsroom.compare import field_rows, text_columns
from readwire.newsroom.forms import CompareForm, CurationForm, PlacementForm, WireFilterForm
from readwire.newsroom.frontpage import front_page
from readwire.newsroom.models import CurationLog, FrontPageEntry, Pin
from readwire.topics.models import Section
from readwire.topics.placement import explain_placements
from readwire.wire.history import compare as what_changed
from readwire.wire.models import Story

# The compare view shows this much of an original document; the rest is in the admin and the database.
ORIGINAL_SHOWN_CHARS = 200_000
CANDIDATES = 40


def _render(request, template: str, context: dict, status: int = 200):
    return render(request, template, {"screens": screens.menu(), **context}, status=status)


# --- the wire ----------------------------------------------------------------------------------


def _wire_query(request) -> tuple[WireFilters, dict]:
    form = WireFilterForm(request.GET)
    form.is_valid()  # fields that do not parse are simply left out of cleaned_data
    data = form.cleaned_data
    filters = WireFilters(desk=data.get("desk") or "", source=data.get("source") or "", urgency=data.get("urgency"))
    return filters, data


@editor_required
def wire(request):
    filters, data = _wire_query(request)
    before = data.get("before")
    rows = arrivals(filters, before=before)
    query = filters.as_query()
    return _render(
        request,
        "newsroom/wire.html",
        {
            "rows": rows,
            "filters": filters,
            "choices": filter_choices(),
            "urgencies": range(1, 10),
            "filter_query": urlencode(query),
            # Live updates only make sense on the newest page.
            "live": before is None,
            "latest_id": max((row.id for row in rows), default=0),
            "older_query": urlencode({**query, "before": rows[-1].id}) if len(rows) == PAGE_SIZE else "",
            "paged": before is not None,
        },
    )


@editor_required
def wire_json(request):
    """What came in after version ``after``, as table rows ready to prepend, for the wire's live updates.

    Rows of the last minute come again (see ``arrivals.LIVE_LOOKBACK``); the page skips those it shows.
    """
    filters, data = _wire_query(request)
    after = data.get("after") or 0
    rows = arrivals(filters, after=after)
    return JsonResponse(
        {
            "after": after,
            "latest": max([after, *(row.id for row in rows)]),
            # More arrived than one answer carries: the page should reload rather than show a gap.
            "more": len(rows) == PAGE_SIZE,
            "rows": [
                {
                    "id": row.id,
                    "story": row.story.pk,
                    "version": row.version.version,
                    "headline": row.version.headline,
                    "urgency": row.version.urgency,
                    "breaking": row.breaking,
                    "source": row.story.source.name,
                    "sections": [section.slug for section in row.sections],
                    "state": row.state,
                    "change": row.change,
                    "received_at": row.version.received_at.isoformat(),
                    "html": render_to_string("newsroom/_wire_rows.html", {"rows": [row]}, request=request).strip(),
                }
                for row in rows
            ],
        }
    )


# --- one story ---------------------------------------------------------------------------------


@editor_required
def story(request, story_id: int):
    story = get_object_or_404(Story.objects.select_related("source", "front_page_entry", "front_page_pin"), pk=story_id)
    versions = list(story.versions.defer("original", "body_html", "body_text").order_by("version"))
    if not versions:
        raise Http404("This story has no versions.")
    numbers = [v.version for v in versions]

    form = CompareForm(request.GET)
    if form.is_valid():
        a, b = form.cleaned_data["a"], form.cleaned_data["b"]
    else:
        # By default: what the current version changed from the one before it.
        b = story.current_version if story.current_version in numbers else numbers[-1]
        earlier = [n for n in numbers if n < b]
        a = earlier[-1] if earlier else b
    pair = {v.version: v for v in story.versions.filter(version__in={a, b})}
    if a not in pair or b not in pair:
        missing = a if a not in pair else b
        return _render(
            request,
            "newsroom/story.html",
            {**_story_context(story, versions), "compare_error": f"This story has no version {missing}."},
            status=404,
        )
    left, right = pair[a], pair[b]
    return _render(
        request,
        "newsroom/story.html",
        {
            **_story_context(story, versions),
            "left": left,
            "right": right,
            "summary": what_changed(left, right) if a != b else [],
            "columns": text_columns(left, right),
            "field_rows": field_rows(left, right),
            "originals": [_original(left), _original(right)] if a != b else [_original(left)],
        },
    )


def _story_context(story: Story, versions: list) -> dict:
    placements, kept_out = explain_placements(story)
    placed = {reason.section.pk for reason in placements}
    return {
        "story": story,
        "versions": versions,
        "state": state_of(story),
        "entry": _related_or_none(story, "front_page_entry"),
        "pin": _related_or_none(story, "front_page_pin"),
        "placements": placements,
        "kept_out": kept_out,
        "addable": [section for section in Section.objects.active() if section.pk not in placed],
        "placement_log": list(
            CurationLog.objects.filter(story=story, action__in=[CurationLog.Action.PLACE, CurationLog.Action.UNPLACE])[
                :10
            ]
        ),
    }


@editor_required
@require_POST
def correct_placement(request, story_id: int):
    """Put the story in a desk or Topic in Focus, or take it out; back to the story page with a message."""
    story = get_object_or_404(Story, pk=story_id)
    form = PlacementForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(_placement_anchor(story))
    section, include = form.cleaned_data["section"], form.cleaned_data["action"] == "add"
    try:
        changed = services.correct_placement(story, section, include=include, editor=request.user)
    except services.CurationError as exc:
        messages.error(request, str(exc))
    else:
        if changed:
            done = "put in" if include else "taken out of"
            messages.success(request, f"“{story.headline}” {done} {section.name}; later versions keep this.")
        else:
            already = "already in" if include else "already kept out of"
            messages.info(request, f"“{story.headline}” was {already} {section.name}.")
    return redirect(_placement_anchor(story))


def _placement_anchor(story: Story) -> str:
    return reverse("newsroom:story", args=[story.pk]) + "#placement-heading"


def _related_or_none(story: Story, name: str):
    try:
        return getattr(story, name)
    except ObjectDoesNotExist:
        return None


def _original(version) -> dict:
    text = version.original or ""
    return {
        "version": version,
        "text": text[:ORIGINAL_SHOWN_CHARS],
        "chars": len(text),
        "cut": len(text) > ORIGINAL_SHOWN_CHARS,
    }


# --- the front page ----------------------------------------------------------------------------


@editor_required
def front_page_screen(request):
    now = timezone.now()
    entries = list(FrontPageEntry.objects.select_related("story", "added_by").order_by("role", "position", "pk"))
    pins = list(Pin.objects.select_related("story", "pinned_by").order_by("pinned_at", "pk"))
    query = (request.GET.get("q") or "").strip()[:200]
    candidates = Story.objects.exclude(state=Story.State.WITHDRAWN).select_related("source")
    if query:
        candidates = candidates.filter(headline__icontains=query)
    return _render(
        request,
        "newsroom/front_page.html",
        {
            "page": front_page(now),
            "now": now,
            "lead_entry": next((e for e in entries if e.role == FrontPageEntry.Role.LEAD), None),
            "top_entries": [e for e in entries if e.role == FrontPageEntry.Role.TOP],
            "pins": pins,
            "pinned_ids": {pin.story_id for pin in pins if pin.is_active(now)},
            "curated": {e.story_id: e.role for e in entries},
            "query": query,
            "candidates": list(candidates.order_by("-version_created", "-pk")[:CANDIDATES]),
            "log": list(CurationLog.objects.filter(action__in=CurationLog.FRONT_PAGE_ACTIONS)[:25]),
            "max_top": services.MAX_TOP_STORIES,
        },
    )


def _back(request, target: str):
    if target.startswith("/newsroom/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("newsroom:front_page")


def _move(story: Story, step: int, editor) -> bool:
    order = list(
        FrontPageEntry.objects.filter(role=FrontPageEntry.Role.TOP)
        .order_by("position", "pk")
        .values_list("story_id", flat=True)
    )
    if story.pk not in order:
        raise services.CurationError(f"“{story.headline}” is not one of the top stories.")
    return services.move_top_story(story, order.index(story.pk) + step, editor=editor)


@editor_required
@require_POST
def curate(request):
    form = CurationForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(request, request.POST.get("next", ""))
    action, story, editor = form.cleaned_data["action"], form.cleaned_data["story"], request.user
    headline = f"“{story.headline}”" if story else ""
    until = form.cleaned_data["until"]
    outcomes = {
        # action: (do it, said when it changed something, said when it was already so)
        "set_lead": (
            lambda: services.set_lead(story, editor=editor),
            f"{headline} is now the lead story.",
            f"{headline} was already the lead story.",
        ),
        "clear_lead": (
            lambda: services.clear_lead(editor=editor),
            "The lead story is chosen automatically again.",
            "The lead story was already chosen automatically.",
        ),
        "add_top": (
            lambda: services.add_top_story(story, editor=editor),
            f"{headline} added to the top stories.",
            f"{headline} was already a top story.",
        ),
        "up": (lambda: _move(story, -1, editor), f"{headline} moved up.", f"{headline} is already first."),
        "down": (lambda: _move(story, +1, editor), f"{headline} moved down.", f"{headline} is already last."),
        "remove_top": (
            lambda: services.remove_top_story(story, editor=editor),
            f"{headline} removed from the top stories.",
            f"{headline} was not a top story.",
        ),
        "pin": (
            lambda: services.pin(story, until=until, editor=editor),
            f"{headline} pinned {services.describe_pin_until(until)}.",
            f"{headline} was already pinned {services.describe_pin_until(until)}.",
        ),
        "unpin": (
            lambda: services.unpin(story, editor=editor),
            f"{headline} unpinned.",
            f"{headline} was not pinned.",
        ),
    }
    run, changed_message, unchanged_message = outcomes[action]
    try:
        changed = run()
    except services.CurationError as exc:
        messages.error(request, str(exc))
    else:
        if changed:
            messages.success(request, changed_message)
        else:
            messages.info(request, unchanged_message)
    return _back(request, form.cleaned_data["next"] or reverse("newsroom:front_page"))
