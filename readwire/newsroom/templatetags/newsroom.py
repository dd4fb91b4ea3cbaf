from django import template

from readwire.newsroom.arrivals import state_of

register = template.Library()

HOW = {"lead": "chosen lead", "top": "chosen", "pinned": "pinned", "automatic": "automatic"}


@register.filter
def story_state(story) -> str:
    """``published``, ``embargoed``, ``withheld`` or ``withdrawn``, as readers are affected now."""
    return state_of(story)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def how_label(how) -> str:
    """How a story came to be on the front page, in words."""
    return HOW.get(how, "")


@register.filter
def pin_active(pin) -> bool:
    return pin.is_active()
