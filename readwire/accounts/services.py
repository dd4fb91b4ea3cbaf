"""What readers change about their account, callable alike from the website, the API and commands.

Each function checks its input, changes state and returns the result; invalid input raises
``InvalidPreferences`` (with a message per field) or ``StoryNotAvailable`` so each surface can
answer in its own way (a form error, an RFC 7807 problem).
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from functools import cache

from django.db import IntegrityError, transaction
from django.utils import timezone

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


class StoryNotAvailable(LookupError):
    """The story is withdrawn, withheld or under embargo: readers cannot see it, so cannot save it."""


@cache
def time_zone_names() -> tuple[str, ...]:
    """IANA zone names a reader may choose, sorted; the legacy aliases (``US/Eastern``) left out."""
    return tuple(
        sorted(
            name
            for name in zoneinfo.available_timezones()
            if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
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
    together: giving one of them null clears both.
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
        start = cleaned.get("quiet_hours_start", ...)
        end = cleaned.get("quiet_hours_end", ...)
        if start is None or end is None:
            cleaned["quiet_hours_start"] = cleaned["quiet_hours_end"] = None
        elif start is ... or end is ...:
            current = preferences_for(user)
            if (current.quiet_hours_start if start is ... else start) is None or (
                current.quiet_hours_end if end is ... else end
            ) is None:
                errors.setdefault("quiet_hours_start", "give both the start and the end of quiet hours")
    if errors:
        raise InvalidPreferences(errors)

    with transaction.atomic():
        preferences = preferences_for(user)
        preferences = ReaderPreferences.objects.select_for_update().get(pk=preferences.pk)
        time_zone = cleaned.pop("time_zone", None)
        for field, value in cleaned.items():
            setattr(preferences, field, value)
        preferences.updated_at = timezone.now()
        preferences.save()
        if time_zone is not None and time_zone != user.time_zone:
            user.time_zone = time_zone
            user.save(update_fields=["time_zone"])
    return preferences


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


def saved_stories(user: User, *, include_unavailable: bool = False) -> Iterable[SavedStory]:
    """The reader's saved stories, newest first; those readers can no longer see are left out unless asked."""
    saved = SavedStory.objects.filter(user=user).select_related("story").order_by("-saved_at", "-pk")
    if not include_unavailable:
        saved = saved.filter(story__in=Story.objects.visible())
    return saved
