"""Test-wide set-up: a private var/ per run, tasks run inline, and the small named world."""

import os
import tempfile

# Keep test runs away from the developer's own var/ (database, keys, mailbox).
os.environ.setdefault("READWIRE_VAR_DIR", tempfile.mkdtemp(prefix="readwire-test-var-"))
os.environ.setdefault("READWIRE_TASKS_IMMEDIATE", "true")
