"""The operators' admin for the wire: sources, a read-only view of stories, and uploading wire files.

Stories are written only by ``services.accept``, so the admin never edits or deletes one; a story
is changed by sending a new version, and withdrawn by sending a kill.
"""

from __future__ import annotations

import logging
from collections import Counter

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.text import Truncator

from readwire.wire.forms import WireUploadForm
from readwire.wire.models import Source, Story, Version, generate_source_secret
from readwire.wire.services import AcceptResult, ingest, rejected
from readwire.wire.tasks import queue_feed_poll

log = logging.getLogger(__name__)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "title", "kind", "active", "feed_url", "feed_last_polled_at", "feed_status")
    list_filter = ("kind", "active")
    search_fields = ("name", "title", "feed_url")
    readonly_fields = ("secret_status", "feed_last_polled_at", "feed_last_error", "feed_etag", "feed_last_modified")
    fieldsets = (
        (None, {"fields": ("name", "title", "kind", "priority", "active", "created_at")}),
        (
            "Pushing to /api/v1/wire",
            {
                "fields": ("secret_status",),
                "description": "The source signs what it pushes with this secret (docs/ingest-endpoints.md).",
            },
        ),
        (
            "Feed",
            {
                "fields": (
                    "feed_url",
                    "feed_poll_minutes",
                    "feed_allow_private",
                    "feed_last_polled_at",
                    "feed_last_error",
                    "feed_etag",
                    "feed_last_modified",
                )
            },
        ),
    )
    actions = ["poll_feeds_now", "regenerate_secrets"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    change_list_template = "admin/wire/source/change_list.html"

    @admin.display(description="secret")
    def secret_status(self, source: Source) -> str:
        if not source.pk:
            return "generated when the source is saved, and shown once"
        return "set; shown only when created or regenerated (use the “Regenerate the secret” action)"

    @admin.display(description="feed status")
    def feed_status(self, source: Source) -> str:
        if not source.feed_url:
            return "—"
        if source.feed_last_polled_at is None:
            return "not polled yet"
        return Truncator(source.feed_last_error).chars(80) if source.feed_last_error else "OK"

    # --- the secret, shown once ---------------------------------------------------------------

    def response_add(self, request, obj, post_url_continue=None):
        return self._show_secrets(request, [obj], created=True)

    def _show_secrets(self, request, sources: list[Source], *, created: bool = False) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "New source secret" if created else "New source secrets",
            "sources": sources,
            "created": created,
            "push_url": settings.SITE_URL + reverse("api:push_wire"),
        }
        response = TemplateResponse(request, "admin/wire/source/secret.html", context)
        add_never_cache_headers(response)
        return response

    @admin.action(description="Regenerate the secret of selected sources", permissions=["change"])
    def regenerate_secrets(self, request, queryset):
        if request.POST.get("confirmed") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": "Regenerate secrets?",
                "sources": list(queryset),
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/wire/source/regenerate_confirmation.html", context)
        sources = list(queryset)
        for source in sources:
            source.secret = generate_source_secret()
            source.save(update_fields=["secret"])
            self.log_change(request, source, "Regenerated the push secret.")
        return self._show_secrets(request, sources)

    # --- feeds ----------------------------------------------------------------------------------

    @admin.action(description="Poll the selected feeds now", permissions=["change"])
    def poll_feeds_now(self, request, queryset):
        pollable = [s for s in queryset if s.kind == Source.Kind.FEED and s.active and s.feed_url]
        for source in pollable:
            queue_feed_poll(source.pk)
        skipped = len(queryset) - len(pollable)
        if pollable:
            self.message_user(
                request,
                f"Polling {len(pollable)} feed(s); see “last polled” and “feed status” for how it went.",
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request, f"Skipped {skipped} source(s) that are not active feed sources with a URL.", messages.WARNING
            )

    # --- uploading wire files -------------------------------------------------------------------

    def get_urls(self):
        upload = path("upload/", self.admin_site.admin_view(self.upload_view), name="wire_source_upload")
        return [upload, *super().get_urls()]

    def upload_view(self, request):
        if not request.user.has_perm("wire.add_story"):
            raise PermissionDenied
        results: list[AcceptResult] | None = None
        if request.method == "POST":
            form = WireUploadForm(request.POST, request.FILES)
            if form.is_valid():
                source = form.cleaned_data["source"]
                results = ingest_uploads(form.cleaned_data["files"], source)
                counts = Counter(r.result for r in results)
                summary = ", ".join(f"{n} {result}" for result, n in sorted(counts.items()))
                self.log_change(request, source, f"Uploaded {len(form.cleaned_data['files'])} wire file(s): {summary}.")
                log.info("%s uploaded wire files for %s: %s", request.user, source.name, summary)
        else:
            form = WireUploadForm(initial={"source": request.GET.get("source")})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Upload wire files",
            "form": form,
            "results": results,
            "counts": sorted(Counter(r.result for r in results).items()) if results else [],
        }
        return TemplateResponse(request, "admin/wire/source/upload.html", context)


def ingest_uploads(files, source: Source) -> list[AcceptResult]:
    """Every uploaded file through ``services.ingest``; one file's failure does not stop the others."""
    limit = settings.WIRE_MAX_DOCUMENT_BYTES
    results: list[AcceptResult] = []
    for upload in files:
        if upload.size > limit:
            refused = rejected(f"the file is {upload.size} bytes; the limit is {limit}")
            refused.path = upload.name
            results.append(refused)
            continue
        results.extend(ingest(upload.read(), source, path=upload.name))
    return results


class VersionInline(admin.TabularInline):
    model = Version
    fields = ("version", "received_at", "format", "headline", "pub_status", "signals", "warnings")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("-version",)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ("headline", "uri", "source", "state", "current_version", "version_created", "received_at")
    list_filter = ("state", "source")
    search_fields = ("headline", "uri")
    list_select_related = ("source",)
    date_hierarchy = "received_at"
    inlines = [VersionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
