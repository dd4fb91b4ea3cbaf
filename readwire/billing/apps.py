from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "readwire.billing"
    label = "billing"
    verbose_name = "Billing and access"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from readwire.accounts.reader_cache import forget_reader
        from readwire.billing.models import AccessGrant

        # ``has_full_access`` is kept per reader by ``reader_cache``; a grant given, changed or taken away
        # is a new version of the reader there.
        for signal in (post_save, post_delete):
            signal.connect(forget_reader, sender=AccessGrant, dispatch_uid="readwire.accounts.reader_cache.AccessGrant")
