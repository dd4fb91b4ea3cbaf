from django.contrib import admin

from readwire.delivery.models import PushSubscription


@admin.register(PushSubscription)
class PushSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("user", "push_service", "created_at", "last_success_at", "last_failure_at")
    search_fields = ("user__email",)
    readonly_fields = ("endpoint", "p256dh", "auth", "user_agent", "created_at")
    raw_id_fields = ("user",)

    @admin.display(description="push service")
    def push_service(self, subscription: PushSubscription) -> str:
        from urllib.parse import urlsplit

        return urlsplit(subscription.endpoint).hostname or ""
