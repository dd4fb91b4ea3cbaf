"""The installable app: the manifest the browser reads, the service worker, and reading offline."""

import pytest
from playwright.sync_api import expect

from readwire.browser_tests import chromium
from readwire.browser_tests.conftest import STEP_TIMEOUT_MS

pytestmark = pytest.mark.browser

# Waits, in the page, until a whole copy of the page at ``url`` (one containing ``text``) is in one of
# the site's caches; true if it came within ``timeout`` ms. Done here rather than with
# ``wait_for_function``, which takes the promise an async predicate returns for a truthy answer.
# A cache lists an entry only once it is stored in full.
KEPT_WITHIN = """async ([url, text, timeout]) => {
  const kept = async () => {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      if (!(await cache.keys()).some(request => request.url === url)) continue;
      const response = await cache.match(url, {ignoreVary: true});
      if (response && (await response.text()).includes(text)) return true;
    }
    return false;
  };
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await kept()) return true;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  return kept();
}"""


def wait_until_kept(page, url: str, text: str) -> None:
    assert page.evaluate(KEPT_WITHIN, [url, text, STEP_TIMEOUT_MS]), f"{url} was not kept for offline reading"


def test_the_manifest_is_linked_and_names_an_installable_app(open_page, site, publish):
    publish("Night trains return to the coast line")
    page = open_page(chromium.PHONE)
    page.goto("/")
    href = page.locator('link[rel="manifest"]').get_attribute("href")
    response = page.request.get(href)
    assert response.ok
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = response.json()
    # What Chromium asks of an installable app.
    assert manifest["name"] and manifest["start_url"] == "/" and manifest["display"] == "standalone"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
    for icon in manifest["icons"]:
        assert page.request.get(icon["src"]).ok, icon["src"]


def test_the_service_worker_registers_and_keeps_stories_read_for_offline_reading(open_page, site, publish, alice):
    read = publish("Night trains return to the coast line")
    unread = publish("Bushfire season starts early in the west")
    page = open_page(chromium.PHONE, user=alice)
    page.goto("/")
    scope = page.evaluate("navigator.serviceWorker.ready.then(registration => registration.scope)")
    assert scope == site + "/"
    page.wait_for_function("navigator.serviceWorker.controller !== null")

    page.goto(read.get_absolute_url())
    wait_until_kept(page, site + read.get_absolute_url(), read.headline)
    page.context.set_offline(True)
    page.goto(read.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(read.headline)
    expect(page.get_by_text("The second paragraph")).to_be_visible()

    # A story never opened is not on the device: the offline page says so.
    page.goto(unread.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")


def test_saved_stories_are_kept_for_offline_reading_without_opening_them(open_page, site, publish, alice):
    from readwire.accounts import services

    saved = publish("Reef survey finds coral recovering")
    services.save_story(alice, saved)
    page = open_page(chromium.PHONE, user=alice)
    page.goto("/")
    page.evaluate("navigator.serviceWorker.ready")
    page.wait_for_function("navigator.serviceWorker.controller !== null")

    page.goto("/account/saved/")
    wait_until_kept(page, site + saved.get_absolute_url(), saved.headline)
    page.context.set_offline(True)
    page.goto(saved.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(saved.headline)
