"""Who may use the console: signed-in staff. Others are sent to sign in, or refused."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.views.decorators.cache import never_cache


def is_editor(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def editor_required(view):
    """Anonymous visitors are sent to sign in; signed-in readers who are not staff get 403."""

    @never_cache
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_editor(request.user):
            raise PermissionDenied("The newsroom is for editors.")
        return view(request, *args, **kwargs)

    return wrapped
