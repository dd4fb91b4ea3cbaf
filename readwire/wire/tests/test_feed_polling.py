"""Polling sources' feeds: conditional GET, limits, and no requests to private addresses.

A real HTTP server on 127.0.0.1 plays the partner's web server. Tests that are about refusing an
address make sure no connection is even attempted: nothing here sends traffic off this machine.
"""

import contextlib
import socket
import threading
import time
from datetime import timedelta
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from readwire.wire import feeds
from readwire.wire.feeds import MAX_REDIRECTS, poll_feed
from readwire.wire.models import Source, Story
from readwire.wire.tasks import claim_due_feeds, poll_due_feeds

FEEDS = Path(__file__).parent / "fixtures" / "web" / "feeds"
# Two stories and, as partners' feeds do, one entry with neither title nor content.
RSS = (FEEDS / "partner-rss2.xml").read_bytes()
RSS_RESULTS = ["created", "created", "rejected"]
ETAG = '"partner-rss-1"'
LAST_MODIFIED = formatdate(1767225600, usegmt=True)


class PartnerServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self):
        super().__init__(("127.0.0.1", 0), PartnerHandler)
        self.requests: list[dict] = []
        # path -> function(handler) that answers the request
        self.routes = {"/feed.xml": serve_rss}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class PartnerHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append({"path": self.path, "headers": dict(self.headers)})
        route = self.server.routes.get(self.path.split("?")[0])
        if route is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        # The poller may rightly hang up on a slow or oversized answer.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def log_message(self, format, *args):
        pass


def serve_rss(handler):
    if handler.headers.get("If-None-Match") == ETAG:
        handler.send_response(304)
        handler.send_header("ETag", ETAG)
        handler.end_headers()
        return
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Content-Length", str(len(RSS)))
    handler.send_header("ETag", ETAG)
    handler.send_header("Last-Modified", LAST_MODIFIED)
    handler.end_headers()
    handler.wfile.write(RSS)


@pytest.fixture
def partner_server():
    server = PartnerServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def partner_feed(db, partner_server):
    """The partner's feed, on this machine, which the operator has allowed."""
    return Source.objects.create(
        name="partner",
        title="Partner Press",
        kind=Source.Kind.FEED,
        feed_url=partner_server.url + "/feed.xml",
        feed_allow_private=True,
    )


@pytest.fixture
def no_connections(monkeypatch):
    """Fail the test if anything tries to open a connection."""
    attempts = []

    def refuse(address, *args, **kwargs):
        attempts.append(address)
        raise AssertionError(f"a connection to {address} was attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def resolving(monkeypatch, table: dict[str, list[str]]):
    """Make host names in ``table`` resolve to the given addresses; count the look-ups."""
    real = socket.getaddrinfo
    lookups = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            lookups.append(host)
            return [
                (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in table[host]
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(feeds.socket, "getaddrinfo", getaddrinfo)
    return lookups


# --- fetching and conditional GET -----------------------------------------------------------------


def test_polled_rss_feed_creates_stories_for_its_source(partner_feed, partner_server):
    results = poll_feed(partner_feed)
    assert [r.result for r in results] == RSS_RESULTS
    assert Story.objects.filter(source=partner_feed).count() == 2
    assert Story.objects.filter(headline__icontains="flood gauges").exists()
    request = partner_server.requests[0]
    assert request["headers"]["User-Agent"].startswith("Readwire/")
    partner_feed.refresh_from_db()
    assert partner_feed.feed_etag == ETAG
    assert partner_feed.feed_last_modified == LAST_MODIFIED
    assert partner_feed.feed_last_error == (
        "1 of 3 entries rejected; first: the feed entry has neither a title nor any content"
    )
    assert partner_feed.feed_last_polled_at is not None


def test_second_poll_sends_the_validators_and_a_304_changes_nothing(partner_feed, partner_server):
    poll_feed(partner_feed)
    versions = sorted(Story.objects.values_list("uri", "current_version"))

    partner_feed.refresh_from_db()
    assert poll_feed(partner_feed) == []

    second = partner_server.requests[1]["headers"]
    assert second["If-None-Match"] == ETAG
    assert second["If-Modified-Since"] == LAST_MODIFIED
    assert sorted(Story.objects.values_list("uri", "current_version")) == versions
    partner_feed.refresh_from_db()
    assert partner_feed.feed_etag == ETAG
    assert partner_feed.feed_last_error == ""  # nothing went wrong this time


def test_unreadable_feed_keeps_the_old_validators_so_it_is_fetched_again(partner_feed, partner_server):
    def serve_html(handler):
        body = b"<!doctype html><html><body>Please log in</body></html>"
        handler.send_response(200)
        handler.send_header("ETag", '"login-page"')
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    partner_server.routes["/feed.xml"] = serve_html
    results = poll_feed(partner_feed)
    assert [r.result for r in results] == ["rejected"]
    assert not Story.objects.exists()
    partner_feed.refresh_from_db()
    assert partner_feed.feed_etag == ""
    assert partner_feed.feed_last_error.startswith("nothing taken from the feed")


def test_http_error_is_recorded_on_the_source(partner_feed, partner_server):
    partner_feed.feed_url = partner_server.url + "/gone.xml"
    results = poll_feed(partner_feed)
    assert [(r.result, r.error) for r in results] == [("rejected", "the feed answered HTTP 404 Not Found")]
    partner_feed.refresh_from_db()
    assert partner_feed.feed_last_error == "the feed answered HTTP 404 Not Found"


# --- limits ---------------------------------------------------------------------------------------


def test_feed_declared_larger_than_the_limit_is_not_read(partner_feed, settings):
    settings.WIRE_MAX_DOCUMENT_BYTES = len(RSS) - 1
    results = poll_feed(partner_feed)
    assert results[0].result == "rejected"
    assert f"the limit is {len(RSS) - 1}" in results[0].error
    assert not Story.objects.exists()
    partner_feed.refresh_from_db()
    assert "limit" in partner_feed.feed_last_error


def test_feed_streamed_past_the_limit_without_a_length_is_cut_off(partner_feed, partner_server, settings):
    settings.WIRE_MAX_DOCUMENT_BYTES = 4096
    sent = []

    def serve_endless(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.end_headers()  # no Content-Length: read until the server closes
        for _ in range(1000):
            handler.wfile.write(b"<rss>" + b" " * 1019)
            sent.append(1024)

    partner_server.routes["/feed.xml"] = serve_endless
    results = poll_feed(partner_feed)
    assert "larger than the limit of 4096 bytes" in results[0].error
    assert not Story.objects.exists()


def test_feed_that_does_not_answer_in_time_times_out(partner_feed, partner_server, settings):
    settings.WIRE_FEED_TIMEOUT_SECONDS = 0.3

    def serve_late(handler):
        time.sleep(1.5)
        serve_rss(handler)

    partner_server.routes["/feed.xml"] = serve_late
    started = time.monotonic()
    results = poll_feed(partner_feed)
    assert time.monotonic() - started < 1.2
    assert results[0].error == "the feed did not answer within 0.3 seconds"
    partner_feed.refresh_from_db()
    assert partner_feed.feed_last_error == "the feed did not answer within 0.3 seconds"


def test_feed_that_trickles_in_is_cut_off_at_the_time_limit(partner_feed, partner_server, settings):
    settings.WIRE_FEED_TIMEOUT_SECONDS = 0.5

    def serve_trickle(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(RSS)))
        handler.end_headers()
        for start in range(0, len(RSS), 64):
            handler.wfile.write(RSS[start : start + 64])
            handler.wfile.flush()
            time.sleep(0.1)

    partner_server.routes["/feed.xml"] = serve_trickle
    started = time.monotonic()
    results = poll_feed(partner_feed)
    assert time.monotonic() - started < 1.5
    assert "took longer than" in results[0].error
    assert not Story.objects.exists()


# --- redirects ------------------------------------------------------------------------------------


def redirect_to(location):
    def serve(handler):
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return serve


def test_up_to_five_redirects_are_followed_and_a_sixth_is_refused(partner_feed, partner_server):
    for hop in range(1, MAX_REDIRECTS + 2):
        partner_server.routes[f"/hop/{hop}"] = redirect_to("/feed.xml" if hop == 1 else f"/hop/{hop - 1}")

    partner_feed.feed_url = f"{partner_server.url}/hop/{MAX_REDIRECTS}"
    assert [r.result for r in poll_feed(partner_feed)] == RSS_RESULTS

    partner_feed.feed_url = f"{partner_server.url}/hop/{MAX_REDIRECTS + 1}"
    partner_feed.feed_etag = ""
    results = poll_feed(partner_feed)
    assert results[0].error == "the feed redirected more than 5 times"


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://partner.example/feed.xml", "gopher://x/"])
def test_redirect_to_another_scheme_is_refused(partner_feed, partner_server, location):
    partner_server.routes["/feed.xml"] = redirect_to(location)
    results = poll_feed(partner_feed)
    assert "only http and https" in results[0].error
    assert location in results[0].error


def test_redirect_is_checked_like_the_first_url(partner_feed, partner_server, monkeypatch):
    # The partner's host stands in for a public one; its redirect points at a cloud metadata address.
    real_check = feeds.why_not_public
    monkeypatch.setattr(feeds, "why_not_public", lambda a: None if str(a) == "127.0.0.1" else real_check(a))
    resolving(monkeypatch, {"feeds.partner.example": ["127.0.0.1"]})
    partner_server.routes["/feed.xml"] = redirect_to("http://169.254.169.254/latest/meta-data/")
    partner_feed.feed_url = f"http://feeds.partner.example:{partner_server.server_address[1]}/feed.xml"
    partner_feed.feed_allow_private = False

    results = poll_feed(partner_feed)

    assert len(partner_server.requests) == 1  # the first hop went through
    assert results[0].error.startswith("feed URL address 169.254.169.254 is, a link-local address")


# --- private addresses ----------------------------------------------------------------------------


def test_loopback_feed_is_refused_unless_allowed(partner_feed, partner_server, settings):
    partner_feed.feed_allow_private = False
    results = poll_feed(partner_feed)
    assert results[0].error == (
        "feed URL address 127.0.0.1 is, a loopback address; allow private feeds for this source "
        "(or set READWIRE_FEEDS_ALLOW_PRIVATE) if this is intended"
    )
    assert partner_server.requests == []
    assert not Story.objects.exists()

    settings.WIRE_FEEDS_ALLOW_PRIVATE = True
    assert [r.result for r in poll_feed(partner_feed)] == RSS_RESULTS

    settings.WIRE_FEEDS_ALLOW_PRIVATE = False
    partner_feed.feed_allow_private = True
    partner_feed.feed_etag = ""
    assert [r.result for r in poll_feed(partner_feed)] == ["unchanged", "unchanged", "rejected"]


@pytest.mark.parametrize(
    ("addresses", "kind"),
    [
        (["10.0.0.5"], "10.0.0.5, a private address"),
        (["192.168.1.20"], "192.168.1.20, a private address"),
        (["169.254.169.254"], "169.254.169.254, a link-local address"),
        (["127.0.0.53"], "127.0.0.53, a loopback address"),
        (["0.0.0.0"], "0.0.0.0, an unspecified address"),  # noqa: S104
        (["100.64.0.1"], "100.64.0.1, a non-public address"),
        (["224.0.0.1"], "224.0.0.1, a multicast address"),
        (["240.0.0.1"], "240.0.0.1, a reserved address"),
        (["::1"], "::1, a loopback address"),
        (["fe80::1"], "fe80::1, a link-local address"),
        (["fd00::1"], "fd00::1, a private address"),
        (["::ffff:10.0.0.5"], "::ffff:10.0.0.5, a private address"),
        (["::ffff:169.254.169.254"], "::ffff:169.254.169.254, a link-local address"),
        # One bad address among good ones is enough: the connection could go to any of them.
        (["93.184.215.14", "10.0.0.5"], "10.0.0.5, a private address"),
    ],
)
def test_host_resolving_to_any_non_public_address_is_refused_without_connecting(
    db, monkeypatch, no_connections, addresses, kind
):
    resolving(monkeypatch, {"intranet.partner.example": addresses})
    source = Source.objects.create(
        name="intranet", kind=Source.Kind.FEED, feed_url="https://intranet.partner.example/feed.xml"
    )
    results = poll_feed(source)
    assert results[0].error.startswith(f"feed URL host intranet.partner.example resolves to {kind};")
    assert "allow private feeds for this source" in results[0].error
    assert no_connections == []
    source.refresh_from_db()
    assert source.feed_last_error == results[0].error


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/feed.xml",
        "http://10.1.2.3:8080/feed.xml",
        "http://0x7f000001/feed.xml",
        "http://2130706433/feed.xml",
    ],
)
def test_address_literals_that_are_not_public_are_refused_without_connecting(db, no_connections, url):
    source = Source.objects.create(name="literal", kind=Source.Kind.FEED, feed_url=url)
    results = poll_feed(source)
    assert "allow private feeds for this source" in results[0].error
    assert no_connections == []


def test_connection_goes_to_the_address_that_was_checked(partner_feed, partner_server, monkeypatch):
    # Resolved once, and the socket opened to that very address: a DNS answer that changes between a
    # check and a connection (rebinding) has no second look-up to change.
    lookups = resolving(monkeypatch, {"feeds.partner.example": ["127.0.0.1"]})
    port = partner_server.server_address[1]
    partner_feed.feed_url = f"http://feeds.partner.example:{port}/feed.xml"
    assert [r.result for r in poll_feed(partner_feed)] == RSS_RESULTS
    assert lookups == ["feeds.partner.example"]
    assert partner_server.requests[0]["headers"]["Host"] == f"feeds.partner.example:{port}"


def test_unresolvable_host_is_a_clear_error(db, monkeypatch):
    def fail(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(feeds.socket, "getaddrinfo", fail)
    source = Source.objects.create(name="typo", kind=Source.Kind.FEED, feed_url="https://feeds.partner.exmaple/rss")
    results = poll_feed(source)
    assert results[0].error.startswith("cannot resolve the feed's host feeds.partner.exmaple")


# --- the schedule ---------------------------------------------------------------------------------


def test_due_feeds_are_polled_once_each_and_again_when_their_interval_has_passed(
    partner_feed, partner_server, django_capture_on_commit_callbacks
):
    Source.objects.create(name="agency", kind=Source.Kind.PUSH, feed_url=partner_server.url + "/feed.xml")
    Source.objects.create(
        name="dormant", kind=Source.Kind.FEED, active=False, feed_url=partner_server.url + "/feed.xml"
    )
    partner_feed.feed_poll_minutes = 15
    partner_feed.save()

    with django_capture_on_commit_callbacks(execute=True):
        poll_due_feeds.call_local()
    assert len(partner_server.requests) == 1
    assert Story.objects.filter(source=partner_feed).exists()

    with django_capture_on_commit_callbacks(execute=True):
        poll_due_feeds.call_local()
    assert len(partner_server.requests) == 1, "not due again yet"

    with (
        time_machine.travel(timezone.now() + timedelta(minutes=16)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        poll_due_feeds.call_local()
    assert len(partner_server.requests) == 2
    assert partner_server.requests[1]["headers"]["If-None-Match"] == ETAG


def test_a_due_feed_is_claimed_by_one_scheduler_only(partner_feed):
    assert claim_due_feeds() == [partner_feed.pk]
    assert claim_due_feeds() == []


def test_feeds_are_not_polled_more_often_than_the_site_minimum(partner_feed, settings):
    settings.WIRE_FEED_POLL_MINUTES = 5
    partner_feed.feed_poll_minutes = 1
    partner_feed.feed_last_polled_at = timezone.now() - timedelta(minutes=3)
    partner_feed.save()
    assert claim_due_feeds() == []
    assert claim_due_feeds(now=timezone.now() + timedelta(minutes=3)) == [partner_feed.pk]


# --- TLS to a pinned address ----------------------------------------------------------------------


def self_signed_certificate(tmp_path, host: str) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = timezone.now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


@pytest.mark.parametrize(("certified_host", "works"), [("feeds.partner.example", True), ("other.example", False)])
def test_https_to_the_pinned_address_still_verifies_the_host_name(
    partner_feed, partner_server, monkeypatch, tmp_path, certified_host, works
):
    import ssl

    cert_file, key_file = self_signed_certificate(tmp_path, certified_host)
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert_file, key_file)
    partner_server.socket = server_tls.wrap_socket(partner_server.socket, server_side=True)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert_file))
    resolving(monkeypatch, {"feeds.partner.example": ["127.0.0.1"]})
    partner_feed.feed_url = f"https://feeds.partner.example:{partner_server.server_address[1]}/feed.xml"

    results = poll_feed(partner_feed)

    if works:
        assert [r.result for r in results] == RSS_RESULTS
    else:
        assert "CERTIFICATE_VERIFY_FAILED" in results[0].error
        assert not Story.objects.exists()
