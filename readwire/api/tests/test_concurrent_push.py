"""Two pushes of the same new item at the same moment store it once, on PostgreSQL and on SQLite."""

import json
import os
import subprocess
import sys
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from readwire.api.tests.pushing import document, ninjs, push
from readwire.wire import services
from readwire.wire.models import Story, Version

BODY = document(ninjs(body_html="<p>The fire crossed the Great Western Highway.</p>"))


def push_twice_at_once(body: bytes) -> list:
    start = threading.Barrier(2, timeout=10)
    answers = []

    def push_now():
        try:
            start.wait()
            answers.append(push(body, client=Client()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=push_now) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return answers


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_pushes_of_the_same_item_give_one_version(agency, monkeypatch):
    if connection.vendor == "sqlite":
        pytest.skip("the test database is SQLite in memory, which locks differently; see the file-backed test below")
    # Hold both requests after each found no story and before either inserts one, so the race
    # that the unique constraint and accept()'s retry settle really happens.
    both_looked = threading.Barrier(2, timeout=10)
    create_story = services._create_story
    attempts = []

    def create_story_together(*args, **kwargs):
        attempts.append(1)
        both_looked.wait()
        return create_story(*args, **kwargs)

    monkeypatch.setattr(services, "_create_story", create_story_together)

    answers = push_twice_at_once(BODY)

    assert len(attempts) == 2, "both requests should have tried to create the story"
    assert sorted(a.status_code for a in answers) == [200, 201]
    assert sorted(a.json()["items"][0]["result"] for a in answers) == ["created", "unchanged"]
    assert Story.objects.count() == 1
    assert Version.objects.count() == 1


# Run in a separate process on a SQLite file configured as in production (WAL, BEGIN IMMEDIATE):
# the in-memory test database shares one cache between threads and fails with "table is locked"
# where a real database file would make the second writer wait.
SQLITE_SCRIPT = """
import json, sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from readwire.api.tests.test_concurrent_push import BODY, push_twice_at_once
from readwire.api.tests.pushing import AGENCY_SECRET
from readwire.wire.models import Source, Story, Version
Source.objects.create(name="agency", secret=AGENCY_SECRET)
answers = push_twice_at_once(BODY)
print(json.dumps({
    "statuses": sorted(a.status_code for a in answers),
    "results": sorted(a.json()["items"][0]["result"] for a in answers),
    "stories": Story.objects.count(),
    "versions": Version.objects.count(),
}))
"""


def test_two_concurrent_pushes_of_the_same_item_give_one_version_on_a_sqlite_file(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "readwire.settings",
        "READWIRE_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'readwire.sqlite3'}",
    }
    run = subprocess.run(
        [sys.executable, "-c", SQLITE_SCRIPT], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    assert outcome == {"statuses": [200, 201], "results": ["created", "unchanged"], "stories": 1, "versions": 1}
