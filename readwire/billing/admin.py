from django.contrib import admin

from readwire.billing.models import AccessGrant


@admin.register(AccessGrant)
class AccessGrantAdmin(admin.ModelAdmin):
    list_display = ("reader", "full_access", "note", "updated_at")
    search_fields = ("reader__email", "reader__username")
    autocomplete_fields = ("reader",)
