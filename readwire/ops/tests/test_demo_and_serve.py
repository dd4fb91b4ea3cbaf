"""``readwire demo`` and ``readwire serve`` as an operator runs them: real processes, real signals."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds child processes through /proc")

READWIRE = [sys.executable, "-m", "readwire"]
NEWEST_SAMPLE_HEADLINE = "Reshuffle puts women in majority of cabinet for first time"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(var_dir: Path) -> dict:
    """A machine of its own: SQLite and every generated file under ``var_dir``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("READWIRE_") and k != "DATABASE_URL"}
    env["READWIRE_VAR_DIR"] = str(var_dir)
    env["WEB_CONCURRENCY"] = "2"
    return env


def start(args: list[str], var_dir: Path) -> subprocess.Popen:
    with (var_dir / "output.log").open("wb") as log:
        return subprocess.Popen([*READWIRE, *args], env=environment(var_dir), stdout=log, stderr=subprocess.STDOUT)


def output(var_dir: Path) -> str:
    return (var_dir / "output.log").read_text(errors="replace")


def get(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read()


def wait_until_serving(process: subprocess.Popen, url: str, var_dir: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"exited with status {process.returncode} before serving:\n{output(var_dir)}")
        try:
            get(url)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"not serving {url} after {timeout} s:\n{output(var_dir)}")


def descendants(pid: int) -> set[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                # The command name, in parentheses, may hold spaces: the fields after it are fixed.
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def wait_for_descendants(pid: int, count: int, timeout: float = 10) -> set[int]:
    """The process tree once it has grown to ``count`` (workers boot after the server listens)."""
    deadline = time.monotonic() + timeout
    found = descendants(pid)
    while len(found) < count and time.monotonic() < deadline:
        time.sleep(0.1)
        found = descendants(pid)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def stop_with_sigint(process: subprocess.Popen, var_dir: Path) -> set[int]:
    children = descendants(process.pid)
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail(f"still running 20 s after SIGINT:\n{output(var_dir)}")
    return children


def test_demo_serves_the_sample_wire_and_ctrl_c_stops_every_process(tmp_path):
    port = free_port()
    demo = start(["demo", "--port", str(port)], tmp_path)
    try:
        wait_until_serving(demo, f"http://127.0.0.1:{port}/", tmp_path, timeout=90)
        status, _, page = get(f"http://127.0.0.1:{port}/")
        assert status == 200 and NEWEST_SAMPLE_HEADLINE.encode() in page
        status, content_type, picture = get(f"http://127.0.0.1:{port}/static/sample/pictures/hawkesbury-flood.svg")
        assert status == 200 and content_type.startswith("image/svg+xml") and picture.startswith(b"<svg")
        status, _, _ = get(f"http://127.0.0.1:{port}/admin/login/")
        assert status == 200
        # A story ingested by another process is on the front page at once, though the web workers
        # keep copies of it (readwire.site.page_cache): the new generation reaches every process.
        for _ in range(2):
            get(f"http://127.0.0.1:{port}/")
        story = tmp_path / "lighthouse.json"
        story.write_text(
            '{"uri": "urn:test:lighthouse", "version": "1", "type": "text", "headline": "Lighthouse keeper '
            'retires after forty years", "body_html": "<p>The keeper retired on Tuesday.</p>"}'
        )
        subprocess.run([*READWIRE, "ingest", str(story)], env=environment(tmp_path), check=True, timeout=120)
        assert b"Lighthouse keeper retires" in get(f"http://127.0.0.1:{port}/")[2]
        # The web server's master and its two workers, and the worker.
        assert len(wait_for_descendants(demo.pid, 4)) >= 4, output(tmp_path)
    finally:
        children = stop_with_sigint(demo, tmp_path) if demo.poll() is None else set()
    log = output(tmp_path)
    assert demo.returncode == 0, log
    assert not [pid for pid in children if alive(pid)]
    assert "Editor login  editor / " in log and f"http://127.0.0.1:{port}/admin/" in log


def test_demo_fails_when_its_web_server_dies_and_stops_the_worker(tmp_path):
    port = free_port()
    demo = start(["demo", "--port", str(port)], tmp_path)
    try:
        wait_until_serving(demo, f"http://127.0.0.1:{port}/", tmp_path, timeout=90)
        children = wait_for_descendants(demo.pid, 4)
        web = min(pid for pid in children if b"serve" in Path(f"/proc/{pid}/cmdline").read_bytes())
        os.kill(web, signal.SIGKILL)
        demo.wait(timeout=20)
    finally:
        if demo.poll() is None:
            demo.kill()
    assert demo.returncode != 0
    assert "stopped unexpectedly" in output(tmp_path)
    time.sleep(0.5)  # gunicorn's orphaned workers notice their master is gone within a second
    assert not [pid for pid in children if alive(pid)]


def test_serve_runs_gunicorn_with_static_files_and_sigint_stops_it(tmp_path):
    migrate = subprocess.run([*READWIRE, "migrate", "-v0"], env=environment(tmp_path), capture_output=True, timeout=60)
    assert migrate.returncode == 0, migrate.stderr.decode()
    port = free_port()
    server = start(["serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"], tmp_path)
    try:
        wait_until_serving(server, f"http://127.0.0.1:{port}/", tmp_path)
        assert get(f"http://127.0.0.1:{port}/static/site/site.css")[0] == 200
        assert len(wait_for_descendants(server.pid, 2)) == 2
    finally:
        children = stop_with_sigint(server, tmp_path) if server.poll() is None else set()
    log = output(tmp_path)
    assert server.returncode == 0, log
    assert not [pid for pid in children if alive(pid)]
    assert '"GET /static/site/site.css HTTP/1.1" 200' in log  # the access log


def test_web_concurrency_sets_the_default_number_of_workers_and_must_be_positive(monkeypatch):
    from django.core.management.base import CommandError

    from readwire.ops.management.commands.serve import default_workers

    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    assert default_workers() == 2
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    assert default_workers() == 5
    for bad in ("0", "two", "-1"):
        monkeypatch.setenv("WEB_CONCURRENCY", bad)
        with pytest.raises(CommandError, match="WEB_CONCURRENCY"):
            default_workers()
