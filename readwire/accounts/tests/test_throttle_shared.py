"""Throttles count for the whole site: every web process sees the same counts."""

import os
import subprocess
import sys

from django.conf import settings

from readwire.accounts.throttle import failed_sign_ins_per_account


def test_a_count_made_in_another_process_is_seen_here():
    address = "guessed@example.com"
    failed_sign_ins_per_account.clear(address)
    hit_elsewhere = (
        "import django; django.setup();"
        "from readwire.accounts.throttle import failed_sign_ins_per_account as t;"
        f"t.hit({address!r}); t.hit({address!r})"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "readwire.settings", "READWIRE_VAR_DIR": str(settings.VAR_DIR)}
    subprocess.run([sys.executable, "-c", hit_elsewhere], env=env, check=True, timeout=60)
    assert failed_sign_ins_per_account.count(address) == 2
    failed_sign_ins_per_account.hit(address)
    assert failed_sign_ins_per_account.count(address) == 3
    failed_sign_ins_per_account.clear(address)
