"""What readers do with their account, callable alike from the website, the API and commands.

Each function checks its input, changes state and returns the result; invalid input raises
``InvalidPreferences`` (with a message per field), ``StoryNotAvailable`` or ``EmailInUse`` so each
surface can answer in its own way (a form error, an RFC 7807 problem). Functions that email the
reader build the links here, so every surface sends the same email.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from functools import cache

from django.contrib.auth.base_user import BaseUserManager
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string

from readwire.accounts import emails, reader_cache, tokens
from readwire.accounts.models import ReaderPreferences, SavedStory, User
from readwire.wire.models import Story

MAX_DAILY_ALERT_CAP = 50

# The preference fields a caller may change, with the type each must have.
_BOOLEAN_FIELDS = {
    "morning_wire",
    "morning_wire_by_email",
    "morning_wire_by_push",
    "breaking_alerts",
    "alerts_by_email",
    "alerts_by_push",
}
_TIME_FIELDS = {"morning_wire_time", "quiet_hours_start", "quiet_hours_end"}
PREFERENCE_FIELDS = frozenset(_BOOLEAN_FIELDS | _TIME_FIELDS | {"alert_topics", "daily_alert_cap", "time_zone"})


class InvalidPreferences(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors


class EmailInUse(ValueError):
    """Another account already uses this address (whatever its case)."""


class StoryNotAvailable(LookupError):
    """The story is withdrawn, withheld or under embargo: readers cannot see it, so cannot save it."""


@cache
def time_zone_names() -> tuple[str, ...]:
    """IANA zone names a reader may choose, sorted; the legacy aliases (``US/Eastern``) left out."""
    return tuple(
        sorted(
            name
            for name in zoneinfo.available_timezones()
            if "/" in name
            and not name.startswith(("Brazil/", "Canada/", "Chile/", "Etc/", "Mexico/", "SystemV/", "US/"))
            and not name.startswith(("posix/", "right/"))
        )
        + ["UTC"]
    )


def preferences_for(user: User) -> ReaderPreferences:
    """The reader's preferences, made with the defaults on first use."""
    try:
        return ReaderPreferences.objects.get(user=user)
    except ReaderPreferences.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            return ReaderPreferences.objects.create(user=user)
    except IntegrityError:
        # Two first requests at once: the other one made it.
        return ReaderPreferences.objects.get(user=user)


def known_section_slugs() -> set[str] | None:
    """Slugs of the active desks and Topics in Focus, or None while sections cannot be looked up."""
    try:
        from readwire.topics.models import Section
    except ImportError:
        return None
    return set(Section.objects.active().values_list("slug", flat=True))


def update_preferences(user: User, **changes) -> ReaderPreferences:
    """Change some of a reader's preferences (and their time zone); the rest stay as they were.

    All changes are checked first and either all apply or none do. Quiet hours are set or cleared
    together; giving just one end as null clears both.
    """
    unknown = set(changes) - PREFERENCE_FIELDS
    if unknown:
        raise InvalidPreferences({field: "not a preference" for field in sorted(unknown)})
    errors: dict[str, str] = {}
    cleaned: dict = {}
    for field, value in changes.items():
        if field in _BOOLEAN_FIELDS:
            if not isinstance(value, bool):
                errors[field] = "must be true or false"
            else:
                cleaned[field] = value
        elif field in _TIME_FIELDS:
            if value is None and field != "morning_wire_time":
                cleaned[field] = None
            elif isinstance(value, datetime.time):
                cleaned[field] = value.replace(second=0, microsecond=0, tzinfo=None)
            else:
                errors[field] = "must be a time of day"
        elif field == "daily_alert_cap":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DAILY_ALERT_CAP:
                errors[field] = f"must be a whole number from 0 to {MAX_DAILY_ALERT_CAP}"
            else:
                cleaned[field] = value
        elif field == "alert_topics":
            slugs = _check_alert_topics(value)
            if isinstance(slugs, str):
                errors[field] = slugs
            else:
                cleaned[field] = slugs
        elif field == "time_zone":
            if value not in time_zone_names() and value != "":
                errors[field] = "not a time zone we know; use an IANA name like Australia/Perth"
            else:
                cleaned[field] = value
    if "quiet_hours_start" in cleaned or "quiet_hours_end" in cleaned:
        _check_quiet_hours(user, cleaned, errors)
    if errors:
        raise InvalidPreferences(errors)

    with transaction.atomic():
        preferences = preferences_for(user)
        preferences = ReaderPreferences.objects.select_for_update().get(pk=preferences.pk)
        _check_channels(preferences, cleaned)
        time_zone = cleaned.pop("time_zone", None)
        for field, value in cleaned.items():
            setattr(preferences, field, value)
        preferences.updated_at = timezone.now()
        preferences.save()
        if time_zone is not None and time_zone != user.time_zone:
            user.time_zone = time_zone
            user.save(update_fields=["time_zone"])
    return preferences


def _check_quiet_hours(user: User, cleaned: dict, errors: dict) -> None:
    """Quiet hours are a span: both ends or neither. Clearing just one end clears the span."""
    given = {field: cleaned[field] for field in ("quiet_hours_start", "quiet_hours_end") if field in cleaned}
    if len(given) == 1 and None in given.values():
        cleaned["quiet_hours_start"] = cleaned["quiet_hours_end"] = None
        return
    current = preferences_for(user)
    start = cleaned.get("quiet_hours_start", current.quiet_hours_start)
    end = cleaned.get("quiet_hours_end", current.quiet_hours_end)
    if (start is None) != (end is None):
        missing = "quiet_hours_end" if end is None else "quiet_hours_start"
        errors.setdefault(missing, "give both the start and the end of quiet hours, or neither")


def _check_channels(preferences: ReaderPreferences, cleaned: dict) -> None:
    """A delivery that is on needs at least one way to reach the reader."""

    def after(field):
        return cleaned.get(field, getattr(preferences, field))

    errors = {}
    if after("morning_wire") and not (after("morning_wire_by_email") or after("morning_wire_by_push")):
        errors["morning_wire_by_email"] = "choose email, push notifications or both for the Morning Wire"
    if after("breaking_alerts") and not (after("alerts_by_email") or after("alerts_by_push")):
        errors["alerts_by_push"] = "choose push notifications, email or both for breaking alerts"
    if errors:
        raise InvalidPreferences(errors)


def _check_alert_topics(value) -> list[str] | str:
    if not isinstance(value, (list, tuple)) or not all(isinstance(slug, str) for slug in value):
        return "must be a list of desk and topic slugs"
    slugs = list(dict.fromkeys(slug.strip() for slug in value if slug.strip()))
    known = known_section_slugs()
    if known is not None:
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            return f"no such desk or topic: {', '.join(unknown)}"
    return slugs


def save_story(user: User, story: Story) -> SavedStory:
    """Keep a story for the reader; saving it again changes nothing (and keeps the first time)."""
    if not Story.objects.visible().filter(pk=story.pk).exists():
        raise StoryNotAvailable(story.pk)
    saved, _ = SavedStory.objects.get_or_create(user=user, story=story)
    return saved


def unsave_story(user: User, story: Story) -> bool:
    """Forget a saved story; True when it was saved. Works for stories withdrawn since."""
    deleted, _ = SavedStory.objects.filter(user=user, story=story).delete()
    return deleted > 0


def saved_story_ids(user: User) -> frozenset[int]:
    """The ids of the stories the reader saved (kept between requests by ``reader_cache``)."""
    return reader_cache.remembered(
        user.pk, "saved", lambda: frozenset(SavedStory.objects.filter(user=user).values_list("story_id", flat=True))
    )


def saved_stories(user: User, *, include_unavailable: bool = False) -> Iterable[SavedStory]:
    """The reader's saved stories, newest first; those readers can no longer see are left out unless asked."""
    saved = SavedStory.objects.filter(user=user).select_related("story").order_by("-saved_at", "-pk")
    if not include_unavailable:
        saved = saved.filter(story__in=Story.objects.visible())
    return saved


# --- Signing up, addresses and signing in by link -------------------------------------------


def normalise_email(email: str) -> str:
    """The address as typed, trimmed, with its domain in lower case (the part before @ may be case-sensitive)."""
    return BaseUserManager.normalize_email(email.strip())


def account_for_email(email: str) -> User | None:
    """The active account using this address, whatever its case."""
    email = email.strip()
    if not email:
        return None
    return User.objects.filter(email__iexact=email, is_active=True).first()


def email_in_use(email: str, *, exclude: User | None = None) -> bool:
    others = User.objects.filter(email__iexact=email.strip())
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    return others.exists()


def sign_up(email: str, password: str, *, time_zone: str = "") -> User:
    """A new reader account, with its address not yet verified; the caller sends the verification email.

    Readers are known by their address; the username Django needs is a random one nobody types.
    """
    email = normalise_email(email)
    if email_in_use(email):
        raise EmailInUse(email)
    if time_zone and time_zone not in time_zone_names():
        time_zone = ""
    try:
        with transaction.atomic():
            return User.objects.create_user(
                f"reader-{get_random_string(12).lower()}", email, password, time_zone=time_zone
            )
    except IntegrityError:
        # The same address signed up twice at once: the unique index decided.
        raise EmailInUse(email) from None


def send_verification_email(user: User, *, new_account: bool = False) -> bool:
    url = emails.absolute_url(reverse("accounts:verify_email", args=[tokens.make_verification_token(user)]))
    return emails.verify_email(user.email, {"verify_url": url, "new_account": new_account})


def mark_email_verified(user: User) -> User:
    """Record that the reader showed they receive mail at their address; the first time counts."""
    if user.email_verified_at is None:
        User.objects.filter(pk=user.pk, email_verified_at__isnull=True).update(email_verified_at=timezone.now())
        reader_cache.reader_changed(user.pk)  # update() sends no signal
        user.refresh_from_db(fields=["email_verified_at"])
    return user


def send_sign_in_link(user: User) -> bool:
    url = emails.absolute_url(reverse("accounts:sign_in_with_link", args=[tokens.make_sign_in_token(user)]))
    minutes = int(tokens.SIGN_IN_LINK_MAX_AGE.total_seconds() // 60)
    return emails.sign_in_link(user.email, {"sign_in_url": url, "minutes": minutes})


def use_sign_in_link(token: str) -> User | None:
    """The reader a sign-in link is for, spending the link; None if it is bad, expired or already used.

    The account row is locked while the link is checked and spent, so two clicks at once sign in once.
    Following the link also proves the reader receives mail at their address.
    """
    pk = tokens.sign_in_token_user_id(token)
    if pk is None:
        return None
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=pk, is_active=True).first()
        if user is None or not tokens.sign_in_token_matches(token, user):
            return None
        user.last_login = timezone.now()
        if user.email_verified_at is None:
            user.email_verified_at = user.last_login
        user.save(update_fields=["last_login", "email_verified_at"])
    return user


def request_email_change(user: User, new_email: str) -> bool:
    """Email a confirmation link to the new address; nothing changes until the reader follows it."""
    new_email = normalise_email(new_email)
    if email_in_use(new_email, exclude=user):
        raise EmailInUse(new_email)
    url = emails.absolute_url(
        reverse("accounts:confirm_email_change", args=[tokens.make_email_change_token(user, new_email)])
    )
    return emails.confirm_email_change(new_email, {"confirm_url": url, "old_email": user.email})


def confirm_email_change(token: str) -> User | None:
    """Give the reader the new address the link was sent to, verified, and tell the old address.

    None when the link is bad or expired, or the address changed since it was sent.
    """
    checked = tokens.check_email_change_token(token)
    if checked is None:
        return None
    user, new_email = checked
    old_email = user.email
    if email_in_use(new_email, exclude=user):
        raise EmailInUse(new_email)
    try:
        with transaction.atomic():
            user.email = new_email
            user.email_verified_at = timezone.now()
            user.save(update_fields=["email", "email_verified_at"])
    except IntegrityError:
        raise EmailInUse(new_email) from None
    if old_email.lower() != new_email.lower():
        reset_url = emails.absolute_url(reverse("accounts:password_reset"))
        emails.email_changed(old_email, {"new_email": new_email, "reset_url": reset_url})
    return user


def delete_account(user: User) -> None:
    """Delete the reader and everything kept for them (preferences, follows, saved stories, reads)."""
    email = user.email
    user.delete()
    if email:
        emails.account_deleted(email, {})


# --- Follows ----------------------------------------------------------------------------------


def followed_section_slugs(user: User) -> list[str]:
    from readwire.topics.models import Follow

    return list(Follow.objects.filter(user=user).values_list("section__slug", flat=True))


def set_follows(user: User, slugs) -> None:
    """Make the reader follow exactly these active sections (inactive ones they follow are kept)."""
    from readwire.topics.models import Follow, Section

    wanted = set(Section.objects.active().filter(slug__in=list(slugs)).values_list("pk", flat=True))
    active = set(Section.objects.active().values_list("pk", flat=True))
    current = set(Follow.objects.filter(user=user).values_list("section_id", flat=True))
    with transaction.atomic():
        Follow.objects.filter(user=user, section_id__in=(current - wanted) & active).delete()
        Follow.objects.bulk_create([Follow(user=user, section_id=pk) for pk in wanted - current], ignore_conflicts=True)
