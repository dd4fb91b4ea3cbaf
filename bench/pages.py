"""``pages``: the story page, the home page and the API's story list under concurrent readers.

The server is the production stack: ``readwire serve`` (gunicorn, ``WORKERS`` sync worker processes,
WhiteNoise, the access log) bound to a free loopback port, over the throwaway database with the
sample wire loaded (about 170 stories with pictures, updates, a correction and a kill, placed on
desks and Topics in Focus). ``--size N`` is the number of concurrent clients (default 32).

Each client is a thread with its own ``http.client`` connection, sending a request as soon as the
last one was answered (a closed loop: latency includes the wait for a free worker). gunicorn's sync
workers close the connection after each response, so clients reconnect as browsers do with such a
server. Pages are fetched anonymously and signed in, each client with the session of a subscriber
of its own (full access, so the story page shows the whole story and no meter is spent); story
pages go round the newest visible stories, each client starting elsewhere.

Before the timed rounds, every distinct page is fetched once per kind of reader, so the server's own
copies of pages (``readwire.site.page_cache``, kept a minute) are made, as the first reader of each
page in a minute makes them on a site in use; the rounds then measure that steady state.

The baseline, on the same server in the same run, is ``/healthz``: a Django view that returns "ok"
through the whole middleware stack and asks nothing of the database, i.e. what the stack itself
costs. The baseline and the pages take turns, ``ROUNDS`` slices of ``SLICE_SECONDS`` each, so a noisy
neighbour slows them alike. ``ratio`` = the slowest page's requests/s / the baseline's requests/s.
Goal (BENCHMARKS.md): ratio ≥ 0.5 and p99 ≤ 50 ms at 32 clients.

The load generator runs in this process on the same machine and takes its share of the CPU; it
costs the same per request whatever the page, so it narrows the gap between baseline and pages
rather than widening it. Every run is bounded in time and in requests; nothing leaves loopback.
"""

from __future__ import annotations

import contextlib
import http.client
import itertools
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from bench.lib.figures import latency_figures, peak_rss_mb, rate

NAME = "pages"
DESCRIPTION = "story page, home page and API story list on gunicorn under N concurrent clients, against /healthz"
DEFAULT_SIZE = 32

WORKERS = 2
ROUNDS = 3
SLICE_SECONDS = 1.0
WARM_UP_SECONDS = 5.0
WARM_UP_REQUESTS = 4 * WORKERS
# A bound on each slice besides its time, far above what two workers answer in it.
MAX_REQUESTS_PER_SLICE = 40_000
MAX_CLIENTS = 512
STORIES_VISITED = 100
REQUEST_TIMEOUT_SECONDS = 15
SERVER_START_SECONDS = 60
GOAL_RATIO = 0.5
GOAL_P99_MS = 50.0

BASELINE = "healthz"


class BenchmarkError(RuntimeError):
    pass


@dataclass(frozen=True)
class Target:
    name: str
    paths: tuple[str, ...]
    signed_in: bool = False


@dataclass
class Tally:
    """What the clients of one target did over all their slices."""

    requests: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.requests += other.requests
        self.seconds += other.seconds
        self.latencies += other.latencies
        self.errors += other.errors


def run(size: int, progress) -> dict:
    if size > MAX_CLIENTS:
        raise BenchmarkError(f"--size is the number of concurrent clients: at most {MAX_CLIENTS}")
    started = time.perf_counter()
    progress("loading the sample wire")
    stories = _load_world()
    progress(f"sample wire loaded after {time.perf_counter() - started:.1f} s")
    cookies = _subscriber_sessions(size)
    targets = [Target(BASELINE, ("/healthz",))]
    for signed_in in (False, True):
        suffix = "signed_in" if signed_in else "anonymous"
        targets += [
            Target(f"story_{suffix}", stories, signed_in),
            Target(f"home_{suffix}", ("/",), signed_in),
            Target(f"api_list_{suffix}", ("/api/v1/stories",), signed_in),
        ]

    port = _free_port()
    with _server(port, progress) as server:
        _check_pages(port, stories[0], cookies[0])
        for target in targets:
            # A few requests per worker, to compile templates and open connections; a burst of all the
            # clients would only add a queue to wait out.
            _hammer(port, _plans(target, size, cookies)[: 2 * WORKERS], WARM_UP_SECONDS, WARM_UP_REQUESTS)
            # Each distinct page once, as the first reader of the minute builds it for the server's
            # copy (readwire.site.page_cache): the rounds measure a site in steady use.
            for path in target.paths:
                _get(port, path, {"Cookie": cookies[0]} if target.signed_in else {})
            # And each signed-in client once: what the server keeps about a reader between requests
            # (accounts.reader_cache) is built on their first request of the minute, as for a reader
            # reading on; otherwise all 32 would be built in the same instant of the first round.
            if target.signed_in:
                for plan in _plans(target, size, cookies):
                    _get(port, *plan[0])
        progress(f"{size} clients, {len(targets)} targets, {ROUNDS} rounds of {SLICE_SECONDS} s each")
        tallies = {target.name: Tally() for target in targets}
        for round_number in range(ROUNDS):
            for target in targets:
                tallies[target.name].add(_hammer(port, _plans(target, size, cookies), SLICE_SECONDS))
            progress("measuring", round_number + 1, ROUNDS)
        server_rss = _peak_rss_of_tree_mb(server.pid)

    failed = {name: tally.errors for name, tally in tallies.items() if tally.errors}
    if failed:
        name, errors = next(iter(failed.items()))
        raise BenchmarkError(f"{sum(map(len, failed.values()))} requests failed; first, on {name}: {errors[0]}")

    baseline_per_s = rate(tallies[BASELINE].requests, tallies[BASELINE].seconds)
    figures: dict[str, float] = {"clients": size, "workers": WORKERS, "stories": len(stories)}
    ratios = []
    for name, tally in tallies.items():
        per_s = rate(tally.requests, tally.seconds)
        figures[f"{name}_requests_per_s"] = per_s
        figures.update({f"{name}_{key}": value for key, value in latency_figures(tally.latencies).items()})
        if name != BASELINE:
            ratio = round(per_s / baseline_per_s, 3) if baseline_per_s else 0.0
            figures[f"{name}_ratio"] = ratio
            ratios.append(ratio)
    figures["worst_page_p99_ms"] = max(figures[f"{t.name}_p99_ms"] for t in targets if t.name != BASELINE)
    figures["requests"] = sum(tally.requests for tally in tallies.values())
    figures["server_peak_rss_mb"] = server_rss
    figures["peak_rss_mb"] = peak_rss_mb()
    figures["seconds"] = round(time.perf_counter() - started, 2)
    return {
        "figures": figures,
        "ratio": min(ratios),
        "ratio_of": "slowest page requests/s / /healthz requests/s",
    }


# --- the world -------------------------------------------------------------------------------


def _load_world() -> tuple[str, ...]:
    """The sample wire, loaded through ingest; the paths of the newest visible stories."""
    from readwire.sample.load import load_sample_wire
    from readwire.wire.models import Story

    summary = load_sample_wire()
    if summary.rejections:
        path, reason = summary.rejections[0]
        raise BenchmarkError(f"{len(summary.rejections)} sample wire items were rejected; first: {path}: {reason}")
    paths = tuple(
        story.get_absolute_url() for story in Story.objects.visible().order_by("-version_created")[:STORIES_VISITED]
    )
    if not paths:
        raise BenchmarkError("the sample wire gave no visible story")
    return paths


def _subscriber_sessions(count: int) -> list[str]:
    """A ``Cookie`` header per client: a subscriber of its own, signed in."""
    from django.conf import settings
    from django.test import Client

    from readwire.accounts.models import User
    from readwire.billing.models import AccessGrant

    cookies = []
    for n in range(count):
        reader = User.objects.create_user(f"bench-reader-{n}", f"reader{n}@bench.example.com", None)
        AccessGrant.objects.create(reader=reader)
        client = Client()
        client.force_login(reader)
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}")
    return cookies


def _plans(target: Target, clients: int, cookies: list[str]) -> list[list[tuple[str, dict]]]:
    """For each client, the requests it goes round: its own start in the paths, its own session."""
    plans = []
    for n in range(clients):
        headers = {"Accept": "application/json" if target.name.startswith("api") else "text/html"}
        if target.signed_in:
            headers["Cookie"] = cookies[n]
        start = (n * 7) % len(target.paths)
        paths = target.paths[start:] + target.paths[:start]
        plans.append([(path, headers) for path in paths])
    return plans


# --- the server ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    """The throwaway database this process migrated, as ``DATABASE_URL`` for the server."""
    from django.db import connection

    details = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{details['NAME']}"
    credentials = quote(details["USER"] or "", safe="")
    if details["PASSWORD"]:
        credentials += ":" + quote(details["PASSWORD"], safe="")
    host = details["HOST"] or "127.0.0.1"
    return f"postgres://{credentials}@{host}:{details['PORT'] or 5432}/{quote(details['NAME'], safe='')}"


@contextlib.contextmanager
def _server(port: int, progress) -> Iterator[subprocess.Popen]:
    from django.conf import settings
    from django.db import connections

    log = Path(settings.VAR_DIR) / "server.log"
    env = dict(os.environ, DATABASE_URL=_database_url(), WEB_CONCURRENCY=str(WORKERS))
    # SQLite's file is shared with the server's processes; nothing of this process's must be open across the fork.
    connections.close_all()
    command = [sys.executable, "-m", "readwire", "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)]
    with log.open("wb") as errors:
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=errors)  # noqa: S603
    try:
        _wait_until_answering(server, port, log)
        progress(f"readwire serve answering on 127.0.0.1:{port} with {WORKERS} workers")
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_answering(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchmarkError(f"readwire serve stopped with status {server.returncode}:\n{log.read_text()[-2000:]}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            if _get(port, "/healthz")[0] == 200:
                return
        time.sleep(0.1)
    raise BenchmarkError(f"readwire serve did not answer within {SERVER_START_SECONDS} s:\n{log.read_text()[-2000:]}")


def _get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_SECONDS)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _check_pages(port: int, story: str, cookie: str) -> None:
    """Fail early, and loudly, if the pages are not what is to be measured."""
    for path in ("/", story, "/api/v1/stories"):
        for headers in ({}, {"Cookie": cookie}):
            status, _ = _get(port, path, headers)
            if status != 200:
                raise BenchmarkError(f"GET {path} answered {status}{' signed in' if headers else ''}")
    # A subscriber reads the whole story, an anonymous reader its first paragraph: if both pages were
    # alike, the session would not be working and "signed in" would measure the anonymous page again.
    anonymous, signed_in = _get(port, story)[1], _get(port, story, {"Cookie": cookie})[1]
    if len(signed_in) <= len(anonymous):
        raise BenchmarkError(f"the subscriber's session is not signed in on {story}")


def _peak_rss_of_tree_mb(pid: int) -> float:
    """The most memory the server's largest process (master or worker) has held, in MiB (Linux only)."""
    peak_kib = 0
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for process in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{process}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak_kib = max(peak_kib, int(line.split()[1]))
    return round(peak_kib / 1024, 1)


# --- the clients -----------------------------------------------------------------------------


def _hammer(
    port: int, plans: list[list[tuple[str, dict]]], seconds: float, max_requests: int = MAX_REQUESTS_PER_SLICE
) -> Tally:
    """``len(plans)`` clients sending GETs back to back for ``seconds`` (and ``max_requests`` at most)."""
    clients = len(plans)
    start = threading.Barrier(clients + 1)
    budget = itertools.count()
    deadline = [0.0]
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_SECONDS)
        own = latencies[number]
        requests = itertools.cycle(plans[number])
        start.wait()
        try:
            while time.perf_counter() < deadline[0] and next(budget) < max_requests:
                path, headers = next(requests)
                began = time.perf_counter()
                try:
                    connection.request("GET", path, headers=headers)
                    response = connection.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as exc:
                    errors.append(f"GET {path}: {exc!r}")
                    connection.close()
                    continue
                own.append(time.perf_counter() - began)
                if response.status != 200:
                    errors.append(f"GET {path}: HTTP {response.status}")
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline[0] = began + seconds
    start.wait()
    for thread in threads:
        thread.join()
    # Until the last answer arrived: requests still in flight at the deadline were finished and counted.
    elapsed = time.perf_counter() - began
    merged = [latency for own in latencies for latency in own]
    return Tally(requests=len(merged), seconds=elapsed, latencies=merged, errors=errors)
