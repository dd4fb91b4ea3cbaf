"""The account page, and what a reader changes about the account itself: address, password, deletion."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator

from readwire.accounts import emails, services
from readwire.accounts.export import reader_data
from readwire.accounts.forms import ChangeEmailForm, DeleteAccountForm
from readwire.accounts.models import SavedStory
from readwire.accounts.views.common import no_store, site_url


@login_required
def account(request):
    ctx = {
        "saved_count": SavedStory.objects.filter(user=request.user).count(),
    }
    return no_store(render(request, "accounts/account.html", ctx))


@login_required
def change_email(request):
    form = ChangeEmailForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_email_change(request.user, form.cleaned_data["email"])
        except services.EmailInUse:
            form.add_error("email", "Another account already uses this address.")
        else:
            return no_store(
                render(request, "accounts/change_email_sent.html", {"new_email": form.cleaned_data["email"]})
            )
    return no_store(render(request, "accounts/change_email.html", {"form": form}))


def confirm_email_change(request, token: str):
    try:
        user = services.confirm_email_change(token)
    except services.EmailInUse:
        return no_store(render(request, "accounts/change_email_invalid.html", {"in_use": True}, status=409))
    if user is None:
        return no_store(render(request, "accounts/change_email_invalid.html", status=400))
    return no_store(render(request, "accounts/change_email_done.html", {"changed_user": user}))


@method_decorator(login_required, name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        emails.password_changed(
            self.request.user.email, {"reset_url": emails.absolute_url(reverse("accounts:password_reset"))}
        )
        messages.success(self.request, "Your password is changed.")
        return response


@login_required
def export(request):
    data = reader_data(request.user, site_url=site_url())
    response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
    filename = f"readwire-account-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return no_store(response)


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.delete_account(user)
        return redirect("accounts:deleted")
    return no_store(render(request, "accounts/delete_account.html", {"form": form}))


def deleted(request):
    return render(request, "accounts/deleted.html")
