from django.shortcuts import get_object_or_404, render

from readwire.wire.models import Story


def home(request):
    stories = Story.objects.visible().order_by("-version_created")[:30]
    return render(request, "site/home.html", {"stories": stories})


def story(request, story_id: int):
    story = get_object_or_404(Story, pk=story_id)
    if story.is_embargoed() or story.state == Story.State.WITHHELD:
        # An embargoed or withheld story does not exist for readers until its time.
        return render(request, "site/not_found.html", status=404)
    if story.is_withdrawn:
        return render(request, "site/withdrawn.html", {"story": story}, status=410)
    return render(request, "site/story.html", {"story": story, "version": story.current})
