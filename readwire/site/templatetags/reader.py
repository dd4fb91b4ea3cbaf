"""Filters the reader pages share: relative times, absolute addresses and JSON-LD."""

from __future__ import annotations

import json
from datetime import datetime

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# What must not appear raw inside a <script> element: it could close the element or open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def ago(value: datetime | None, now: datetime | None = None) -> str:
    """ "just now", "10 minutes ago", "3 hours ago", "2 days ago", or the date when older than a week."""
    if value is None:
        return ""
    seconds = ((now or timezone.now()) - value).total_seconds()
    if seconds < 60:
        return "just now"
    for unit, size, limit in (("minute", 60, 60), ("hour", 3600, 24), ("day", 86400, 7)):
        count = int(seconds // size)
        if count < limit:
            if unit == "day" and count == 1:
                return "yesterday"
            return f"{count} {unit}{'' if count == 1 else 's'} ago"
    return format_date(timezone.localtime(value), "j M Y")


@register.filter
def absolute(url: str) -> str:
    """``url`` as an address that works anywhere (Open Graph, JSON-LD, share links)."""
    if not url or url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return "https:" + url
    return settings.SITE_URL + ("" if url.startswith("/") else "/") + url


def json_for_script(data) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - no <, > or & is left to end the element


@register.filter
def json_ld(data) -> SafeString:
    """A ``<script type="application/ld+json">`` holding ``data``, safe whatever its strings say."""
    return mark_safe(f'<script type="application/ld+json">{json_for_script(data)}</script>')  # noqa: S308 - see json_for_script


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
