"""The browser the tests and the screenshots drive: Debian's Chromium through Playwright.

Playwright's own browser builds are never downloaded (``playwright install`` is not part of any
step); the system Chromium is launched instead. ``.ci/run`` installs the ``chromium`` package when it
is missing. ``READWIRE_CHROMIUM`` points at another binary.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}

# Headless, and quiet: nothing but the site under test is fetched (no update checks, no sync, no
# QUIC probes), and no sandbox, which needs user namespaces that CI containers do not give.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Chromium's dates and the sign-up form's time zone guess both follow this.
READER_TIME_ZONE = "Australia/Perth"


def chromium_path() -> Path | None:
    """The Chromium binary to drive, or None when this machine has none."""
    configured = os.environ.get("READWIRE_CHROMIUM")
    candidates = [configured] if configured else ["/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def launch(playwright, executable: Path):
    return playwright.chromium.launch(executable_path=str(executable), args=LAUNCH_ARGS)


def new_context(browser, *, viewport: dict, base_url: str | None = None, color_scheme: str = "light"):
    """A private window (own cookies, storage and service workers) at a phone's or a desktop's size."""
    phone = viewport["width"] < 600
    return browser.new_context(
        base_url=base_url,
        viewport=viewport,
        device_scale_factor=2 if phone else 1,
        is_mobile=phone,
        has_touch=phone,
        locale="en-AU",
        timezone_id=READER_TIME_ZONE,
        service_workers="allow",
        color_scheme=color_scheme,
    )
