from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "readwire.accounts"
    label = "accounts"
    verbose_name = "Readers and staff accounts"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from readwire.accounts.models import SavedStory, User
        from readwire.accounts.reader_cache import forget_reader

        # What ``reader_cache`` keeps about a reader is built from these rows.
        for model in (User, SavedStory):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_reader, sender=model, dispatch_uid=f"readwire.accounts.reader_cache.{model.__name__}"
                )
