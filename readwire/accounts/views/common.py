from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request, default: str | None = None) -> str:
    """Where to go after signing in: the ``next`` given, if it stays on this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default or reverse("accounts:account")


def no_store(response):
    """Pages about one reader, never kept by a shared cache or the browser's history cache."""
    response["Cache-Control"] = "private, no-store"
    return response


def site_url() -> str:
    return settings.SITE_URL
