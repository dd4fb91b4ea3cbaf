"""Screenshots of the reader site for the docs: ``python -m readwire.browser_tests.screenshots``.

Runs Readwire as the demo does, in a throwaway directory: a SQLite database with the sample wire
loaded, a subscriber signed in, and ``readwire serve`` (gunicorn with WhiteNoise, the production
stack) on a free loopback port. Chromium then photographs the home page, a story and the account
page at a phone's size (360 x 780, at twice the pixel density) and a desktop's (1280 x 900), and puts
the two story pictures side by side in ``story.png``, the one the README shows; then, signed in as an
editor at a desktop's size, the newsroom's wire (``newsroom.png``) and a story's desks and Topics in
Focus with the reasons for each (``newsroom-placement.png``).

Nothing outside the throwaway directory is touched except the output folder (``--out``, by
default ``docs/screenshots``). Needs Playwright and Chromium, like the browser tests.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from readwire.browser_tests import chromium

REPOSITORY = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPOSITORY / "docs" / "screenshots"
READER_EMAIL = "sam.reader@example.com"
SERVER_START_SECONDS = 60
# The server's own health check; the home page answers too, for a tree that predates it.
READY_PATHS = ("/healthz", "/")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"folder for the PNG files (default {DEFAULT_OUT})"
    )
    options = parser.parse_args(argv)

    executable = chromium.chromium_path()
    if executable is None:
        parser.error("no Chromium at /usr/bin/chromium: apt-get install chromium, or set READWIRE_CHROMIUM")
    options.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="readwire-screenshots-") as directory:
        port = _free_port()
        site = f"http://127.0.0.1:{port}"
        env = _demo_environment(Path(directory), site)
        os.environ.update(env)
        story_path, session_cookie, editor_cookie = _prepare_demo()
        server = _start_server(env, port, Path(directory) / "server.log")
        try:
            written = _photograph(executable, site, story_path, session_cookie, options.out)
            written += _photograph_newsroom(executable, site, story_path, editor_cookie, options.out)
        finally:
            server.terminate()
            server.wait(timeout=30)
    for path in written:
        print(path)
    return 0


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _demo_environment(directory: Path, site: str) -> dict[str, str]:
    for name in ("REDIS_URL", "READWIRE_SECRET_KEY"):
        os.environ.pop(name, None)
    return {
        "DJANGO_SETTINGS_MODULE": "readwire.settings",
        "READWIRE_VAR_DIR": str(directory / "var"),
        "DATABASE_URL": f"sqlite:///{directory / 'demo.sqlite3'}",
        "READWIRE_SITE_URL": site,
        "READWIRE_DEBUG": "false",
        # Whatever loading the wire queues (indexing, tagging) is done before the pictures are taken.
        "READWIRE_TASKS_IMMEDIATE": "true",
        "READWIRE_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "WEB_CONCURRENCY": "2",
    }


def _prepare_demo() -> tuple[str, dict, dict]:
    """Migrate, load the sample wire, and sign in a subscriber and an editor; the story to show and
    their cookies."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client
    from django.utils import timezone

    from readwire.accounts import services
    from readwire.accounts.models import User
    from readwire.billing.models import AccessGrant
    from readwire.sample.load import load_sample_wire
    from readwire.wire.models import Story

    call_command("migrate", verbosity=0, interactive=False)
    summary = load_sample_wire()
    print(f"Sample wire: {summary.describe()}.", file=sys.stderr)

    reader = User.objects.create_user("sam", READER_EMAIL, "a demo reader's password", time_zone="Australia/Sydney")
    reader.first_name, reader.email_verified_at = "Sam", timezone.now()
    reader.save()
    AccessGrant.objects.create(reader=reader)

    story = _story_to_show(Story.objects.visible().order_by("-version_created")[:200])
    for saved in [story, *Story.objects.visible().exclude(pk=story.pk).order_by("-version_created")[:2]]:
        services.save_story(reader, saved)

    editor = User.objects.create_user("editor", "editor@example.com", "an editor's password", is_staff=True)

    def cookie_of(user) -> dict:
        client = Client()
        client.force_login(user)
        return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value}

    cookies = cookie_of(reader), cookie_of(editor)
    connections.close_all()
    return story.get_absolute_url(), *cookies


def _story_to_show(recent):
    """The newest story that shows what a story page has: a picture, a byline and a standfirst."""
    fallback = None
    for story in recent:
        version = story.current
        fallback = fallback or story
        if version.pictures and version.byline and version.standfirst:
            return story
    if fallback is None:
        raise SystemExit("the sample wire gave no visible story to photograph")
    return fallback


def _start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "readwire", "serve", "--bind", f"127.0.0.1:{port}"]
    with log.open("wb") as output:
        server = subprocess.Popen(command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=output)  # noqa: S603
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"readwire serve stopped (status {server.returncode}):\n{log.read_text()}")
        if any(_answers(port, path) for path in READY_PATHS):
            return server
        time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"readwire serve did not answer within {SERVER_START_SECONDS} s:\n{log.read_text()}")


def _answers(port: int, path: str) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", path)
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _photograph(executable: Path, site: str, story_path: str, session_cookie: dict, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    shots = [
        ("home", "/", False),
        ("story", story_path, True),
        ("account", "/account/", True),
    ]
    written = []
    with sync_playwright() as playwright:
        browser = chromium.launch(playwright, executable)
        for size, viewport in chromium.VIEWPORTS.items():
            context = chromium.new_context(browser, viewport=viewport, base_url=site)
            page = context.new_page()
            for name, path, signed_in in shots:
                if signed_in and not context.cookies():
                    context.add_cookies([{**session_cookie, "url": site}])
                page.goto(path, wait_until="networkidle")
                target = out / f"{name}-{size}.png"
                page.screenshot(path=target, animations="disabled", caret="hide")
                written.append(target)
            context.close()
        written.append(_side_by_side(browser, out / "story-phone.png", out / "story-desktop.png", out / "story.png"))
        browser.close()
    return written


def _photograph_newsroom(executable: Path, site: str, story_path: str, editor_cookie: dict, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    newsroom_story = "/newsroom" + story_path + "#placement-heading"
    written = []
    with sync_playwright() as playwright:
        browser = chromium.launch(playwright, executable)
        context = chromium.new_context(browser, viewport=chromium.DESKTOP, base_url=site)
        context.add_cookies([{**editor_cookie, "url": site}])
        page = context.new_page()
        for name, path in (("newsroom", "/newsroom/"), ("newsroom-placement", newsroom_story)):
            # The wire screen keeps asking for new arrivals, so the network never goes quiet.
            page.goto(path, wait_until="load")
            page.wait_for_timeout(500)
            target = out / f"{name}.png"
            page.screenshot(path=target, animations="disabled", caret="hide")
            written.append(target)
        context.close()
        browser.close()
    return written


def _side_by_side(browser, phone: Path, desktop: Path, target: Path) -> Path:
    """The phone picture beside the desktop one, at the desktop's height, on a plain background."""

    def data_url(path: Path) -> str:
        return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode()

    height = chromium.DESKTOP["height"]
    phone_width = round(height * chromium.PHONE["width"] / chromium.PHONE["height"])
    width = chromium.DESKTOP["width"] + phone_width + 3 * 32
    page = browser.new_page(viewport={"width": width, "height": height + 2 * 32}, device_scale_factor=1)
    page.set_content(
        f"""<!doctype html><html><body style="margin:0;background:#e9ecef;display:flex;gap:32px;padding:32px;
        align-items:flex-start">
        <img src="{data_url(phone)}" style="width:{phone_width}px;height:{height}px;border-radius:18px;
        box-shadow:0 2px 12px rgba(0,0,0,.25)" alt="">
        <img src="{data_url(desktop)}" style="width:{chromium.DESKTOP["width"]}px;height:{height}px;
        border-radius:6px;box-shadow:0 2px 12px rgba(0,0,0,.25)" alt="">
        </body></html>""",
        wait_until="load",
    )
    page.screenshot(path=target)
    page.close()
    return target


if __name__ == "__main__":
    sys.exit(main())
