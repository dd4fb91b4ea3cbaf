from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings


def reader_time_zone(request) -> str:
    """The zone a page shows times in: the signed-in reader's own, else the site's.

    Signed-out pages are cached publicly, so they are all in the site's zone.
    """
    user = getattr(request, "user", None)
    name = getattr(user, "time_zone", "") if user is not None and user.is_authenticated else ""
    if name:
        try:
            ZoneInfo(name)
            return name
        except (ZoneInfoNotFoundError, ValueError):
            pass  # a zone the system no longer knows: the site's will do
    return settings.TIME_ZONE


def site(request):
    def nav_sections():
        # Called by the masthead only; views that list sections share the same list.
        from readwire.site.views import sections_for

        return sections_for(request)

    return {
        "nav_sections": nav_sections,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "login_url": settings.LOGIN_URL,
        "reader_time_zone": reader_time_zone(request),
    }
