"""`readwire bench`: benchmarks are listed, run in a throwaway world, and print one JSON line last."""

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from bench import ingest
from bench.lib import sandbox

FIGURES_WITH_UNITS = ("items_per_s", "p50_ms", "p95_ms", "p99_ms", "peak_rss_mb", "seconds")


def readwire(*args: str, database_url: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, DATABASE_URL=database_url)
    return subprocess.run(
        [sys.executable, "-m", "readwire", *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def operator_database(transactional_db, tmp_path):
    """The database an operator has configured, migrated and (here) empty: ``(url, count_stories)``.

    On PostgreSQL it is the test database, which other processes can see since nothing here is
    wrapped in a transaction; SQLite's test database lives in memory, so a file stands in for it.
    """
    if connection.vendor == "postgresql":
        from readwire.wire.models import Story

        s = connection.settings_dict
        url = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
        return url, Story.objects.count

    path = tmp_path / "operator.sqlite3"
    url = f"sqlite:///{path}"
    migrated = readwire("migrate", "--no-input", database_url=url)
    assert migrated.returncode == 0, migrated.stderr

    def count_stories():
        db = sqlite3.connect(path)
        try:
            return db.execute("SELECT count(*) FROM wire_story").fetchone()[0]
        finally:
            db.close()

    return url, count_stories


def throwaway_database_is_gone(stderr: str) -> bool:
    match = re.search(r"running in (sqlite|postgresql) database (\S+)", stderr)
    assert match, f"the run did not say which database it used: {stderr!r}"
    vendor, name = match.groups()
    if vendor == "sqlite":
        return not Path(name).exists() and not Path(name).parent.exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone()[0] == 0


def test_list_names_the_ingest_benchmark(capsys):
    call_command("bench", "--list")
    listed = {line.split()[0]: line for line in capsys.readouterr().out.splitlines() if line.strip()}
    assert "ingest" in listed and f"default --size {ingest.DEFAULT_SIZE}" in listed["ingest"]


def test_unknown_benchmark_is_refused_naming_the_available_ones():
    with pytest.raises(CommandError, match=r"unknown benchmark 'nosuch'; available: .*ingest"):
        call_command("bench", "nosuch")


def test_size_below_one_is_refused():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("bench", "ingest", "--size", "0")


def test_ingest_prints_one_json_result_last_and_leaves_the_configured_database_alone(operator_database):
    url, count_stories = operator_database
    run = readwire("bench", "ingest", "--size", "50", database_url=url)

    assert run.returncode == 0, run.stderr
    # Progress goes to stderr: the result is the only thing on stdout.
    lines = run.stdout.splitlines()
    assert len(lines) == 1
    result = json.loads(lines[-1])
    assert set(result) == {"bench", "size", "figures", "ratio", "ratio_of"}
    assert (result["bench"], result["size"]) == ("ingest", 50)
    figures = result["figures"]
    assert all(figures[name] > 0 for name in FIGURES_WITH_UNITS), figures
    assert figures["p50_ms"] <= figures["p95_ms"] <= figures["p99_ms"]
    stored = ("created_items", "new_version_items", "unchanged_items", "withdrawn_items")
    assert sum(figures[name] for name in stored) == 50 and figures["created_items"] > 0
    assert result["ratio"] > 0 and result["ratio_of"] == "full ingest items/s / bare parse+insert items/s"
    assert "ingest: ingesting 50/50" in run.stderr

    assert count_stories() == 0
    assert throwaway_database_is_gone(run.stderr)


def test_stopped_run_drops_its_database_and_prints_no_result(operator_database):
    url, count_stories = operator_database
    run = subprocess.Popen(
        [sys.executable, "-m", "readwire", "bench", "ingest", "--size", "1000000"],
        env=dict(os.environ, DATABASE_URL=url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        said = ""
        while "ingesting" not in said and run.poll() is None:
            said += run.stderr.readline()
        run.send_signal(signal.SIGTERM)
        stdout, stderr = run.communicate(timeout=60)
    finally:
        run.kill()

    assert run.returncode != 0 and stdout == ""
    assert throwaway_database_is_gone(said + stderr)
    assert count_stories() == 0


def test_benchmark_refuses_to_run_outside_its_sandbox(monkeypatch, tmp_path):
    # As if someone set the variable by hand: var/ is still the configured one, not the sandbox's.
    monkeypatch.setenv(sandbox.SANDBOX_ENV, str(tmp_path))
    with pytest.raises(CommandError, match="readwire bench NAME"):
        call_command("bench", "ingest", "--size", "1")
