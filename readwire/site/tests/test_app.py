"""The installable app: manifest, icons, service worker and offline page."""

import json
import struct
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from readwire.site import pwa


def png_size(path: str) -> tuple[int, int]:
    with open(path, "rb") as file:
        header = file.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def static_file(url: str) -> str:
    path = finders.find(url.removeprefix("/static/"))
    assert path, f"{url} is not a static file"
    return path


def test_manifest_is_json_with_what_browsers_need_to_install_the_app(client, db):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    for member in ("name", "short_name", "start_url", "display", "icons", "theme_color", "background_color", "id"):
        assert manifest[member], member
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/" and manifest["scope"] == "/"
    assert len(manifest["short_name"]) <= 12


def test_manifest_icons_exist_at_their_sizes_with_maskable_ones(client, db):
    icons = json.loads(client.get("/manifest.webmanifest").content)["icons"]
    pngs = {(icon["sizes"], icon["purpose"]) for icon in icons if icon["type"] == "image/png"}
    assert {("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"), ("512x512", "maskable")} <= pngs
    for icon in icons:
        path = static_file(icon["src"])
        if icon["type"] == "image/png":
            width, height = (int(n) for n in icon["sizes"].split("x"))
            assert png_size(path) == (width, height)
        else:
            assert icon["type"] == "image/svg+xml" and "<svg" in Path(path).read_text()


def test_pages_link_the_manifest_and_icons(client, db):
    page = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert 'rel="apple-touch-icon"' in page and '<meta name="theme-color"' in page
    assert '<script src="/static/site/site.js" defer></script>' in page


def test_service_worker_is_served_from_the_root_with_its_headers(client, db):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    script = response.content.decode()
    for handler in ("install", "activate", "fetch", "push", "notificationclick", "message"):
        assert f'addEventListener("{handler}"' in script, handler
    assert "{{" not in script and "{%" not in script


def test_service_worker_precaches_the_shell_and_every_file_exists(client, db):
    script = client.get("/sw.js").content.decode()
    config = json.loads(script.split("const CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert "/offline/" in config["precache"]
    for url in config["precache"]:
        assert client.get(url).status_code == 200 if not url.startswith("/static/") else static_file(url)
    assert config["maxStories"] == pwa.OFFLINE_STORIES and len(config["version"]) == 16


def test_service_worker_version_changes_with_the_files_it_precaches(monkeypatch, db):
    before = pwa._script()
    monkeypatch.setattr(pwa, "_shell_digest", lambda: "a different stylesheet")
    assert pwa._script() != before


def test_offline_page_renders(client, db):
    response = client.get("/offline/")
    assert response.status_code == 200 and b"You are offline" in response.content


@pytest.mark.parametrize("path", ["/manifest.webmanifest", "/sw.js"])
def test_app_files_answer_only_gets(client, db, path):
    assert client.post(path).status_code == 405
