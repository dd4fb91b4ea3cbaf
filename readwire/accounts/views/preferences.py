"""The reader's preferences and saved stories."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from readwire.accounts import services
from readwire.accounts.forms import PreferencesForm
from readwire.accounts.views.common import next_url, no_store
from readwire.wire.models import Story


@login_required
def preferences(request):
    form = PreferencesForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid() and form.save():
        messages.success(request, "Your preferences are saved.")
        return redirect("accounts:preferences")
    return no_store(render(request, "accounts/preferences.html", {"form": form}))


@login_required
def saved_stories(request):
    saved = services.saved_stories(request.user)
    return no_store(render(request, "accounts/saved_stories.html", {"saved": saved}))


@login_required
@require_POST
def save_story(request, story_id: int):
    story = get_object_or_404(Story.objects.visible(), pk=story_id)
    services.save_story(request.user, story)
    messages.success(request, f"Saved “{story.headline}”.")
    return redirect(next_url(request, story.get_absolute_url()))


@login_required
@require_POST
def remove_saved_story(request, story_id: int):
    story = get_object_or_404(Story, pk=story_id)
    if services.unsave_story(request.user, story):
        messages.success(request, "Removed from your saved stories.")
    return redirect(next_url(request, reverse("accounts:saved_stories")))
