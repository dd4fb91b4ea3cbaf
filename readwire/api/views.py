"""The reader's API tokens, on the account pages (/account/tokens/): list, make (shown once), revoke."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from readwire.api.models import ApiToken
from readwire.api.tokens import TokenLimitReached, create_token, revoke_token


class NewTokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label="Name",
        help_text="So you can tell your tokens apart later, e.g. “News app on my phone”.",
    )


@login_required
def tokens(request):
    form = NewTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _, new_token = create_token(request.user, form.cleaned_data["name"])
        except TokenLimitReached as exc:
            form.add_error(None, str(exc))
        else:
            form = NewTokenForm()
    response = render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": ApiToken.objects.active().filter(user=request.user),
        },
    )
    # The page may show a token that will never be shown again: no cache may keep it.
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def revoke(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    if revoke_token(token):
        messages.success(request, f"“{token.name}” was revoked: apps using it are signed out.")
    return redirect("api-tokens:list")
