"""Reader pages. Visibility (embargo, withheld, withdrawn) is decided by the Story model's rules."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from readwire.billing.access import body_for, decide
from readwire.newsroom.frontpage import front_page
from readwire.wire.duplicates.linking import also_from
from readwire.wire.history import corrections_log
from readwire.wire.models import Story


def home(request):
    """The lead and top stories editors chose (or urgency and recency chose), then the latest."""
    return render(request, "site/home.html", {"page": front_page()})


def _story_for_reader(story_id: int) -> Story:
    story = get_object_or_404(Story.objects.select_related("source"), pk=story_id)
    if story.is_embargoed() or story.state == Story.State.WITHHELD:
        # An embargoed or withheld story does not exist for readers until its time.
        raise Http404("No such story")
    return story


def story(request, story_id: int):
    story = _story_for_reader(story_id)
    if story.is_withdrawn:
        return render(request, "site/withdrawn.html", {"story": story}, status=410)
    versions = list(story.versions.filter(version__lte=story.current_version))
    current = versions[-1]
    access = decide(request.user, story, record=True)
    return render(
        request,
        "site/story.html",
        {
            "story": story,
            "version": current,
            "access": access,
            "body_html": body_for(access, current),
            # Word-level body changes would show paywalled text: only readers with full access see them.
            "corrections": corrections_log(versions, include_body=access.is_full),
            "also_from": also_from(story),
        },
    )


def story_version(request, story_id: int, number: int):
    """An earlier version, as it was published, clearly marked as superseded."""
    story = _story_for_reader(story_id)
    if story.is_withdrawn:
        return render(request, "site/withdrawn.html", {"story": story}, status=410)
    version = get_object_or_404(story.versions, version=number, version__lte=story.current_version)
    access = decide(request.user, story, record=True)
    return render(
        request,
        "site/story.html",
        {
            "story": story,
            "version": version,
            "superseded": version.version != story.current_version,
            "access": access,
            "body_html": body_for(access, version),
        },
    )
