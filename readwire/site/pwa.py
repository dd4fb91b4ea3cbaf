"""The installable app: the web app manifest, the service worker and the page shown offline.

The service worker is served from the site's root (``/sw.js``), so it may control every page;
its text names a version made from its own template and the files it precaches, so a deploy that
changes any of them installs a new worker, which replaces the old precache.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import conditional_page, require_safe

from readwire.site.caching import reader_page
from readwire.site.templatetags.reader import json_for_script

THEME_COLOUR = "#0b3d91"
BACKGROUND_COLOUR = "#ffffff"
# Story pages kept for offline reading besides the saved ones; the oldest read goes first.
OFFLINE_STORIES = 30
SHELL_FILES = (
    "site/site.css",
    "site/site.js",
    "site/icons/icon.svg",
    "site/icons/icon-192.png",
    "site/icons/maskable-192.png",
)
ICONS = (
    ("site/icons/icon.svg", "any", "image/svg+xml", "any"),
    ("site/icons/icon-192.png", "192x192", "image/png", "any"),
    ("site/icons/icon-512.png", "512x512", "image/png", "any"),
    ("site/icons/maskable-192.png", "192x192", "image/png", "maskable"),
    ("site/icons/maskable-512.png", "512x512", "image/png", "maskable"),
)


def manifest_data() -> dict:
    name = settings.SITE_NAME
    return {
        "id": "/",
        "name": name,
        "short_name": name if len(name) <= 12 else name[:12].rstrip(),
        "description": "News straight from the wire: no ads, no trackers. Read offline and get breaking news alerts.",
        "lang": settings.LANGUAGE_CODE,
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "categories": ["news"],
        "icons": [
            {"src": static(path), "sizes": sizes, "type": kind, "purpose": purpose}
            for path, sizes, kind, purpose in ICONS
        ],
        "shortcuts": [
            {"name": "Search", "url": reverse("site:search")},
            {"name": "Saved stories", "url": reverse("accounts:saved_stories")},
        ],
    }


@require_safe
@conditional_page
@cache_control(public=True, max_age=86400)
def manifest(request):
    return JsonResponse(manifest_data(), content_type="application/manifest+json", json_dumps_params={"indent": 1})


def service_worker_config() -> dict:
    return {
        "siteName": settings.SITE_NAME,
        "staticPrefix": settings.STATIC_URL,
        "offlineUrl": reverse("site:offline"),
        "precache": [reverse("site:offline"), *(static(path) for path in SHELL_FILES)],
        "icon": static("site/icons/icon-192.png"),
        "badge": static("site/icons/maskable-192.png"),
        "maxStories": OFFLINE_STORIES,
        # Where the worker never answers for the network: forms, the API, staff screens.
        "networkOnly": ["/api/", "/newsroom/", "/admin/", "/account/"],
    }


def _shell_digest() -> str:
    digest = hashlib.sha256()
    for path in SHELL_FILES:
        found = finders.find(path)
        if found:
            with open(found, "rb") as file:
                digest.update(file.read())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _cached_script() -> str:
    return _script()


def _script() -> str:
    config = service_worker_config()
    body = render_to_string("site/sw.js", {"config": "{}"})
    version = hashlib.sha256((body + json.dumps(config) + _shell_digest()).encode()).hexdigest()[:16]
    config["version"] = version
    return render_to_string("site/sw.js", {"config": json_for_script(config)})


@require_safe
@conditional_page
def service_worker(request):
    """``/sw.js``: text/javascript, allowed to control the whole site, and checked on every visit."""
    script = _script() if settings.DEBUG else _cached_script()
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
@reader_page
def offline(request):
    return render(request, "site/offline.html")
