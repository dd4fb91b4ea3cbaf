from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.admin import UserAdmin

from readwire.accounts import throttle
from readwire.accounts.forms import TOO_MANY_SIGN_INS
from readwire.accounts.models import ReaderPreferences, User


class ThrottledAdminLoginForm(AdminAuthenticationForm):
    """The admin's sign-in, counted against the same limits as the readers' (staff accounts matter most)."""

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        address = throttle.client_address(self.request)
        account_key = f"username:{username}"
        if username and (
            throttle.failed_sign_ins_per_account.exceeded(account_key)
            or throttle.failed_sign_ins_per_address.exceeded(address)
        ):
            raise forms.ValidationError(TOO_MANY_SIGN_INS, code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                throttle.failed_sign_ins_per_account.hit(account_key)
                throttle.failed_sign_ins_per_address.hit(address)
            raise
        throttle.failed_sign_ins_per_account.clear(account_key)
        return cleaned


admin.site.login_form = ThrottledAdminLoginForm


class ReaderPreferencesInline(admin.StackedInline):
    model = ReaderPreferences
    can_delete = False
    extra = 0


@admin.register(User)
class ReadwireUserAdmin(UserAdmin):
    search_fields = ("email", "username", "first_name", "last_name")
    list_display = ("email", "username", "email_verified_at", "is_staff", "date_joined")
    fieldsets = (*UserAdmin.fieldsets, ("Reader", {"fields": ("time_zone", "email_verified_at")}))
    inlines = [ReaderPreferencesInline]
