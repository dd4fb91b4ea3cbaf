"""A pytest plugin loaded with ``-p`` (see pyproject.toml) so it runs before Django's settings load.

Test runs get a private var/ (database file, keys, mailbox, task queue) and run tasks inline.
"""

import os
import tempfile

os.environ.setdefault("READWIRE_VAR_DIR", tempfile.mkdtemp(prefix="readwire-test-var-"))
os.environ.setdefault("READWIRE_TASKS_IMMEDIATE", "true")
