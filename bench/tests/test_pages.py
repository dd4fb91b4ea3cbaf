"""The ``pages`` benchmark's load generator and plans, against a tiny server on loopback."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import pages


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.seen.append((self.path, self.headers.get("Cookie")))
        status = 500 if self.path == "/broken" else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_clients_stop_at_the_request_budget_and_every_answer_is_timed(server):
    plans = [[("/a", {}), ("/b", {})]] * 4
    tally = pages._hammer(server.server_port, plans, seconds=30, max_requests=50)
    assert tally.requests == len(server.seen) == 50
    assert len(tally.latencies) == 50 and all(latency > 0 for latency in tally.latencies)
    assert tally.seconds < 30
    assert not tally.errors


def test_clients_stop_at_the_deadline(server):
    tally = pages._hammer(server.server_port, [[("/a", {})]] * 2, seconds=0.2, max_requests=10**9)
    assert 0 < tally.requests < 10**9
    assert 0.2 <= tally.seconds < 5


def test_an_answer_other_than_200_is_an_error(server):
    tally = pages._hammer(server.server_port, [[("/broken", {})]], seconds=5, max_requests=3)
    assert tally.errors == ["GET /broken: HTTP 500"] * 3


def test_a_server_that_is_gone_is_an_error_not_a_hang():
    tally = pages._hammer(pages._free_port(), [[("/", {})]], seconds=0.2, max_requests=5)
    assert tally.requests == 0
    assert len(tally.errors) == 5 and "ConnectionRefusedError" in tally.errors[0]


def test_each_signed_in_client_has_its_own_session_and_starts_at_another_story():
    target = pages.Target("story_signed_in", tuple(f"/story/{n}/" for n in range(10)), signed_in=True)
    plans = pages._plans(target, 3, ["sessionid=a", "sessionid=b", "sessionid=c"])
    assert [plan[0][1]["Cookie"] for plan in plans] == ["sessionid=a", "sessionid=b", "sessionid=c"]
    assert len({plan[0][0] for plan in plans}) == 3
    assert all(sorted(path for path, _ in plan) == sorted(target.paths) for plan in plans)


def test_anonymous_clients_send_no_cookie():
    plans = pages._plans(pages.Target("home_anonymous", ("/",)), 2, ["sessionid=a", "sessionid=b"])
    assert all("Cookie" not in headers for plan in plans for _, headers in plan)
