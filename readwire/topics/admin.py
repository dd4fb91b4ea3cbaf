"""Operators edit desks and Topics in Focus here; placements are read-only (editors correct them
through ``placement.correct_placement``, which keeps the record of who changed what)."""

from __future__ import annotations

from django.contrib import admin

from readwire.topics.mediatopics import vocabulary
from readwire.topics.models import Follow, Placement, PlacementCorrection, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "slug", "position", "active", "geography", "topics")
    list_filter = ("kind", "active", "geography")
    list_editable = ("position", "active")
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("kind", "name", "slug", "description", "position", "active")}),
        (
            "What lands here",
            {
                "fields": ("media_topics", "keywords", "geography"),
                "description": (
                    "Changes apply to stories placed from now on; run <code>readwire place_stories</code> "
                    "to place the archive again. The classifier knows only the sections it was trained on."
                ),
            },
        ),
    )

    @admin.display(description="Media Topics")
    def topics(self, section: Section) -> str:
        vocab = vocabulary()
        return "; ".join(vocab.label(vocab.resolve(code)) or code for code in section.media_topics or [])


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ("story", "section", "origin", "score", "placed_at")
    list_filter = ("section", "origin")
    list_select_related = ("story", "section")
    raw_id_fields = ("story",)
    search_fields = ("story__headline", "story__uri")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PlacementCorrection)
class PlacementCorrectionAdmin(admin.ModelAdmin):
    list_display = ("story", "section", "include", "editor", "corrected_at")
    list_filter = ("section", "include")
    list_select_related = ("story", "section", "editor")
    raw_id_fields = ("story",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ("user", "section", "created_at")
    list_filter = ("section",)
    raw_id_fields = ("user",)
