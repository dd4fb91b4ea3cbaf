"""The account forms. Each checks what a person typed; the changes themselves are services."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse
from django.utils.text import capfirst

from readwire.accounts import emails, services, throttle
from readwire.accounts.models import User

TOO_MANY_SIGN_INS = (
    "Too many failed attempts to sign in. Wait 15 minutes, or sign in with a link we email you, or reset your password."
)


def time_zone_choices() -> list:
    """IANA zones grouped by region for a select: ("Australia", [("Australia/Perth", "Perth"), ...])."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for name in services.time_zone_names():
        region, _, place = name.partition("/")
        groups.setdefault(region if place else "Other", []).append((name, (place or name).replace("_", " ")))
    return [("", "Choose your time zone"), *groups.items()]


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=time_zone_choices, required=False, label="Time zone", **kwargs)
        # time-zone.js fills an empty one with the browser's zone.
        self.widget.attrs["data-guess-time-zone"] = ""


class EmailField(forms.EmailField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Email address")
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "email", "spellcheck": "false", "autocapitalize": "none"})


class PasswordField(forms.CharField):
    def __init__(self, *, autocomplete: str = "current-password", **kwargs):
        kwargs.setdefault("label", "Password")
        kwargs.setdefault("strip", False)
        super().__init__(widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}), **kwargs)


class AccountForm(forms.Form):
    # Labels read as plain phrases ("Email address"), without Django's trailing colon.
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SignUpForm(AccountForm):
    email = EmailField()
    password = PasswordField(
        autocomplete="new-password", help_text="At least 8 characters, and not one of the common passwords."
    )
    time_zone = TimeZoneField(help_text="For the Morning Wire and story times. You can change it later.")

    def clean_email(self):
        email = services.normalise_email(self.cleaned_data["email"])
        if services.email_in_use(email):
            raise forms.ValidationError(
                "An account already uses this address. Sign in, or reset your password if you forgot it.",
                code="email_in_use",
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and cleaned.get("password"):
            try:
                password_validation.validate_password(cleaned["password"], User(email=cleaned["email"]))
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class SignInForm(AccountForm):
    """Email and password, with failed attempts counted per account and per client address.

    While either count is over its limit the password is not even checked, so a correct guess
    tells the guesser nothing.
    """

    email = EmailField()
    password = PasswordField()

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user: User | None = None
        self.locked = False
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        email, password = cleaned.get("email"), cleaned.get("password")
        if not email or not password:
            return cleaned
        address = throttle.client_address(self.request)
        if throttle.failed_sign_ins_per_account.exceeded(email) or throttle.failed_sign_ins_per_address.exceeded(
            address
        ):
            self.locked = True
            raise forms.ValidationError(TOO_MANY_SIGN_INS, code="locked")
        account = services.account_for_email(email)
        if account is None:
            # Spend the time hashing takes, so a missing account looks like a wrong password.
            User().set_password(password)
            user = None
        else:
            user = authenticate(self.request, username=account.username, password=password)
        if user is None:
            throttle.failed_sign_ins_per_account.hit(email)
            throttle.failed_sign_ins_per_address.hit(address)
            raise forms.ValidationError("That email address and password do not match an account.", code="invalid")
        throttle.failed_sign_ins_per_account.clear(email)
        self.user = user
        return cleaned


class EmailLinkForm(AccountForm):
    email = EmailField()


class ChangeEmailForm(AccountForm):
    email = EmailField(label="New email address")
    password = PasswordField(label="Your password", help_text="To make sure it is you.")

    def __init__(self, user: User, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = services.normalise_email(self.cleaned_data["email"])
        if email.lower() == self.user.email.lower():
            raise forms.ValidationError("This is already your address.", code="same")
        if services.email_in_use(email, exclude=self.user):
            raise forms.ValidationError("Another account already uses this address.", code="email_in_use")
        return email

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.", code="wrong_password")
        return password


class DeleteAccountForm(AccountForm):
    password = PasswordField(label="Your password", help_text="To make sure it is you.")

    def __init__(self, user: User, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.", code="wrong_password")
        return password


class ReaderPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending our email, and never more often than the email throttles allow."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        if throttle.emails_per_recipient.exceeded(to_email):
            return
        throttle.emails_per_recipient.hit(to_email)
        path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
        emails.password_reset(to_email, {"reset_url": emails.absolute_url(path)})


def followable_sections() -> list | None:
    """Active desks and Topics in Focus, desks first; None where sections do not exist."""
    try:
        section = apps.get_model("topics", "Section")
    except LookupError:
        return None
    return list(section.objects.active().order_by("kind", "position", "name"))


def section_choices(sections) -> list:
    desks = [(s.slug, s.name) for s in sections if s.kind == "desk"]
    topics = [(s.slug, s.name) for s in sections if s.kind != "desk"]
    return [group for group in (("Desks", desks), ("Topics in Focus", topics)) if group[1]]


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with each group (desks, Topics in Focus) in its own fieldset and legend."""

    template_name = "accounts/widgets/grouped_checkboxes.html"


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class PreferencesForm(AccountForm):
    """Everything on the preferences page; saved through ``services.update_preferences``."""

    time_zone = TimeZoneField(help_text="The Morning Wire, quiet hours and story times follow it.")
    follows = forms.MultipleChoiceField(required=False, widget=GroupedCheckboxes, label="Desks and topics you follow")
    morning_wire = forms.BooleanField(required=False, label="Send me the Morning Wire")
    morning_wire_time = forms.TimeField(widget=TimeInput, label="Delivery time")
    morning_wire_by_email = forms.BooleanField(required=False, label="By email")
    morning_wire_by_push = forms.BooleanField(required=False, label="By push notification")
    breaking_alerts = forms.BooleanField(required=False, label="Alert me to breaking news")
    alert_topics = forms.MultipleChoiceField(
        required=False,
        widget=GroupedCheckboxes,
        label="Only about",
        help_text="Tick none to hear about every breaking story.",
    )
    alerts_by_push = forms.BooleanField(required=False, label="By push notification")
    alerts_by_email = forms.BooleanField(required=False, label="By email")
    quiet_hours_start = forms.TimeField(required=False, widget=TimeInput, label="Quiet from")
    quiet_hours_end = forms.TimeField(required=False, widget=TimeInput, label="Quiet until")
    daily_alert_cap = forms.IntegerField(
        min_value=0,
        max_value=services.MAX_DAILY_ALERT_CAP,
        label="At most this many alerts a day",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, user: User, *args, **kwargs):
        self.user = user
        preferences = services.preferences_for(user)
        self.sections = followable_sections()
        initial = {field: getattr(preferences, field) for field in services.PREFERENCE_FIELDS - {"time_zone"}}
        initial["time_zone"] = user.time_zone
        if self.sections is not None:
            initial["follows"] = services.followed_section_slugs(user)
        super().__init__(*args, initial=initial, **kwargs)
        if self.sections is None:
            del self.fields["follows"]
            del self.fields["alert_topics"]
        else:
            choices = section_choices(self.sections)
            self.fields["follows"].choices = choices
            self.fields["alert_topics"].choices = choices

    def save(self) -> bool:
        """Apply the changes; False (with the errors on their fields) when the service refuses them."""
        changes = dict(self.cleaned_data)
        follows = changes.pop("follows", None)
        try:
            services.update_preferences(self.user, **changes)
        except services.InvalidPreferences as refused:
            for field, message in refused.errors.items():
                self.add_error(field if field in self.fields else None, capfirst(message) + ".")
            return False
        if follows is not None:
            services.set_follows(self.user, follows)
        return True
