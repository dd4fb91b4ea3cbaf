"""The masthead at a phone's width and a desktop's: one tidy row of name and tools, nothing wider
than the screen, and every desk and Topic in Focus reachable from the keyboard and on screen when
reached (the section menu scrolls sideways on a phone and wraps on a desktop).
"""

import importlib

import pytest

from readwire.browser_tests import chromium

pytestmark = pytest.mark.browser

# Keyboard scrolling is animated; each press moves the menu by about 40 px within this time.
SCROLL_SETTLES_MS = 250

# Where the focus is, and whether that element is on screen and not covered by anything.
FOCUSED = """() => {
  const element = document.activeElement;
  const box = element.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {
    inMenu: Boolean(element.closest(".sections-nav")),
    name: element.textContent.trim(),
    left: box.left, right: box.right, top: box.top, bottom: box.bottom,
    uncovered: Boolean(hit && element.contains(hit)),
  };
}"""

# The page's and the masthead's widths, and each tool link's box beside the site's name.
MASTHEAD = """() => {
  const box = element => element.getBoundingClientRect().toJSON();
  const scrolls = element => getComputedStyle(element).overflowX !== "visible" && element.scrollWidth > element.clientWidth;
  return {
    viewport: document.documentElement.clientWidth,
    page: document.documentElement.scrollWidth,
    masthead: box(document.querySelector(".masthead")).right,
    brand: box(document.querySelector(".brand")),
    tools: [...document.querySelectorAll(".tools a")].map(link => ({name: link.textContent.trim(), ...box(link)})),
    menuScrolls: [...document.querySelectorAll(".sections-nav, .sections-nav *")].some(scrolls),
  };
}"""


@pytest.fixture
def sections(transactional_db):
    """The desks and Topics in Focus a fresh install has (a transactional test's flush empties them)."""
    from django.apps import apps

    from readwire.topics.models import Section

    importlib.import_module("readwire.topics.migrations.0002_default_sections").create_default_sections(apps, None)
    return ["Home", *Section.objects.active().values_list("name", flat=True)]


def sections_reached_by_keyboard(page, width: int) -> list[dict]:
    """Tab from the top of the page through the section menu: each link as it was when focused, and
    how many presses of the right arrow (which scrolls the menu holding the focus) showed it whole."""
    reached: list[dict] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        page.wait_for_timeout(SCROLL_SETTLES_MS)
        focused = page.evaluate(FOCUSED)
        if not focused["inMenu"]:
            if reached:
                break
            continue
        shown, arrows = focused, 0
        while not (shown["left"] >= 0 and shown["right"] <= width) and arrows < 10:
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(SCROLL_SETTLES_MS)
            shown, arrows = page.evaluate(FOCUSED), arrows + 1
        reached.append({**focused, "arrows": arrows, "shown": shown})
    return reached


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("signed_in", [False, True], ids=["signed-out", "signed-in"])
def test_the_masthead_fits_the_screen_and_every_section_is_reachable(open_page, alice, sections, size, signed_in):
    viewport = chromium.VIEWPORTS[size]
    page = open_page(viewport, user=alice if signed_in else None)
    page.goto("/")

    masthead = page.evaluate(MASTHEAD)
    assert masthead["viewport"] == viewport["width"]
    assert masthead["page"] <= masthead["viewport"], "the page scrolls sideways"
    assert masthead["masthead"] <= masthead["viewport"]
    expected_tools = ["Search", "Saved", "Account"] if signed_in else ["Search", "Sign in"]
    assert [tool["name"] for tool in masthead["tools"]] == expected_tools
    brand = masthead["brand"]
    for tool in masthead["tools"]:
        assert tool["right"] <= masthead["viewport"], tool
        # One row: each tool sits beside the site's name, not on a line of its own below it.
        assert brand["top"] <= tool["top"] + tool["height"] / 2 <= brand["bottom"] + 12, (tool, brand)
    # A desktop shows every section at once; a phone scrolls the menu sideways.
    assert masthead["menuScrolls"] == (size == "phone")

    reached = sections_reached_by_keyboard(page, viewport["width"])
    assert [link["name"] for link in reached] == sections
    for link in reached:
        name, shown = link["name"], link["shown"]
        # Focus brings a link at least partly on screen (the browser scrolls only a hidden one), ...
        assert link["left"] < viewport["width"] and link["right"] > 0, f"{name} is off screen when focused"
        # ... and the arrow keys show it whole; a desktop shows each one whole without them.
        assert shown["left"] >= 0 and shown["right"] <= viewport["width"], f"{name} cannot be scrolled on screen"
        assert shown["uncovered"], f"{name} is covered when focused"
        assert shown["name"] == name, f"the arrow keys moved the focus from {name}"
        # With scripts on, focus alone shows it whole (site.js), on a phone as on a desktop.
        assert link["arrows"] == 0, f"{name} is not shown whole when focused"
