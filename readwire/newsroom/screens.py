"""The console's menu. Other parts of Readwire add their editor screens to it from their
``AppConfig.ready``, with ``screens.register("Alerts", "alerts:console", order=30)``; the screen's
view should be wrapped in ``newsroom.access.editor_required`` and extend ``newsroom/base.html``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Screen:
    title: str
    url_name: str
    order: int = 100


_screens: dict[str, Screen] = {}


def register(title: str, url_name: str, order: int = 100) -> None:
    _screens[url_name] = Screen(title, url_name, order)


def menu() -> list[Screen]:
    return sorted(_screens.values(), key=lambda screen: (screen.order, screen.title))


register("Wire", "newsroom:wire", order=10)
register("Front page", "newsroom:front_page", order=20)
