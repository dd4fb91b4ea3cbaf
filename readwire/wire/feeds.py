"""Fetching RSS and Atom feeds that sources publish, and handing them to ``services.ingest``.

A feed URL is set by an operator but its content and its DNS are not ours: the fetch trusts neither.
- Conditional GET with the validators the feed gave last time (``ETag``, ``Last-Modified``).
- A time limit on every network step and on the whole download, and a size limit
  (``WIRE_MAX_DOCUMENT_BYTES``) enforced while streaming, not after.
- http and https only, at most ``MAX_REDIRECTS`` redirects, each one checked like the first URL.
- No requests to private, loopback, link-local or otherwise non-global addresses unless the operator
  allows them (``Source.feed_allow_private`` or ``WIRE_FEEDS_ALLOW_PRIVATE``). The check happens where
  the connection is made: the host is resolved once, every address it resolves to is checked, and the
  socket is opened to a checked address, so DNS cannot answer one thing to the check and another to
  the connection (DNS rebinding). TLS still verifies the certificate against the host name.
- Proxies from the environment are ignored, since they would make the address check meaningless.

Parsing is ``readwire.wire.ingest.feeds``; this module only fetches and records how it went.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from dataclasses import dataclass

import httpcore
import httpx
from django.conf import settings
from django.utils import timezone

from readwire.wire.models import Source
from readwire.wire.services import REJECTED, AcceptResult, ingest, rejected

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
ALLOWED_SCHEMES = {"http", "https"}
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"


class FeedError(Exception):
    """The feed could not be fetched; the message says why, for the operator to act on."""


class FeedAddressRefused(FeedError):
    """The feed's host resolves to an address Readwire may not connect to."""


def user_agent() -> str:
    from readwire import __version__

    return f"Readwire/{__version__} feed poller (+{settings.SITE_URL})"


# --- the address check, made where the socket is opened -----------------------------------------


def why_not_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """What kind of non-public address ``address`` is, or None when it is a global one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return why_not_public(address.ipv4_mapped)
    for kind, flag in (
        ("an unspecified", address.is_unspecified),
        ("a loopback", address.is_loopback),
        ("a link-local", address.is_link_local),
        ("a multicast", address.is_multicast),
        ("a reserved", address.is_reserved),
        ("a private", address.is_private),
    ):
        if flag:
            return f"{kind} address"
    if not address.is_global:
        return "a non-public address"
    return None


def resolve_checked(host: str, port: int, *, allow_private: bool) -> list[str]:
    """Every address ``host`` resolves to, refusing them all if any one is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FeedError(f"cannot resolve the feed's host {host}: {exc}") from None
    addresses: list[str] = []
    for _family, _type, _proto, _canonname, sockaddr in infos:
        text = str(sockaddr[0]).split("%", 1)[0]
        if text not in addresses:
            addresses.append(text)
    if not addresses:
        raise FeedError(f"the feed's host {host} resolves to no address")
    if not allow_private:
        for text in addresses:
            problem = why_not_public(ipaddress.ip_address(text))
            if problem:
                where = f"feed URL host {host} resolves to {text}" if host != text else f"feed URL address {text} is"
                raise FeedAddressRefused(
                    f"{where}, {problem}; allow private feeds for this source "
                    "(or set READWIRE_FEEDS_ALLOW_PRIVATE) if this is intended"
                )
    return addresses


class _CheckedNetworkBackend(httpcore.SyncBackend):
    """Opens connections only to addresses that passed ``resolve_checked``."""

    def __init__(self, *, allow_private: bool):
        self.allow_private = allow_private

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = resolve_checked(host, port, allow_private=self.allow_private)
        last_error: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        assert last_error is not None
        raise last_error


class CheckedTransport(httpx.HTTPTransport):
    """httpx's own transport (request and error mapping), over a connection pool whose network backend
    is the checked one.

    httpx takes no network backend argument, so the pool it built is replaced; ``test_feed_polling``
    proves every connection, redirects included, goes through the check.
    """

    def __init__(self, *, allow_private: bool):
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            # The environment may name a CA bundle (SSL_CERT_FILE); proxies it may name are ignored.
            ssl_context=httpx.create_ssl_context(trust_env=True),
            max_connections=4,
            max_keepalive_connections=0,
            network_backend=_CheckedNetworkBackend(allow_private=allow_private),
        )


# --- fetching -------------------------------------------------------------------------------------


@dataclass
class FetchedFeed:
    url: str
    not_modified: bool
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""


def fetch_feed(url: str, *, etag: str = "", last_modified: str = "", allow_private: bool = False) -> FetchedFeed:
    """GET ``url`` as the rules at the top of this module say, or raise ``FeedError``."""
    timeout = settings.WIRE_FEED_TIMEOUT_SECONDS
    headers = {"User-Agent": user_agent(), "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + timeout
    transport = CheckedTransport(allow_private=allow_private)
    with httpx.Client(transport=transport, timeout=timeout, follow_redirects=False, trust_env=False) as client:
        current = _checked_url(url)
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                with client.stream("GET", current, headers=headers) as response:
                    if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                        location = response.headers["location"]
                        current = _checked_url(str(response.url.join(location)), redirected_to=location)
                        continue
                    if response.status_code == 304:
                        return FetchedFeed(str(response.url), not_modified=True)
                    if response.status_code != 200:
                        raise FeedError(f"the feed answered HTTP {response.status_code} {response.reason_phrase}")
                    body = _read_limited(response, deadline)
                    return FetchedFeed(
                        str(response.url),
                        not_modified=False,
                        body=body,
                        etag=response.headers.get("etag", "")[:500],
                        last_modified=response.headers.get("last-modified", "")[:100],
                    )
            except httpx.TimeoutException:
                raise FeedError(f"the feed did not answer within {timeout} seconds") from None
            except httpx.HTTPError as exc:
                raise FeedError(f"fetching the feed failed: {exc or type(exc).__name__}") from None
    raise FeedError(f"the feed redirected more than {MAX_REDIRECTS} times")


def _checked_url(url: str, *, redirected_to: str | None = None) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FeedError(f"the feed URL {url!r} is not a valid URL: {exc}") from None
    if parsed.scheme not in ALLOWED_SCHEMES or not parsed.host:
        what = f"redirected to {redirected_to!r}" if redirected_to is not None else f"URL is {url!r}"
        raise FeedError(f"the feed {what}; only http and https URLs with a host are fetched")
    return parsed


def _read_limited(response: httpx.Response, deadline: float) -> bytes:
    limit = settings.WIRE_MAX_DOCUMENT_BYTES
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FeedError(f"the feed is {declared} bytes; the limit is {limit}")
    chunks: list[bytes] = []
    size = 0
    # Counted after decompression, so a small gzip bomb is stopped like a large feed.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FeedError(f"the feed is larger than the limit of {limit} bytes; stopped reading")
        if time.monotonic() > deadline:
            raise FeedError(f"the feed took longer than {settings.WIRE_FEED_TIMEOUT_SECONDS} seconds to download")
        chunks.append(chunk)
    return b"".join(chunks)


# --- polling a source -----------------------------------------------------------------------------


def poll_feed(source: Source) -> list[AcceptResult]:
    """Fetch ``source``'s feed if it changed and ingest it; record how it went on the source.

    Never raises for a feed's failings: a failed fetch gives one ``rejected`` result with the
    reason, also kept in ``source.feed_last_error`` for the admin.
    """
    url = source.feed_url
    source.feed_last_polled_at = timezone.now()
    update_fields = ["feed_last_polled_at", "feed_last_error"]
    try:
        if not url:
            raise FeedError("the source has no feed URL")
        fetched = fetch_feed(
            url,
            etag=source.feed_etag,
            last_modified=source.feed_last_modified,
            allow_private=source.feed_allow_private or settings.WIRE_FEEDS_ALLOW_PRIVATE,
        )
    except FeedError as exc:
        log.warning("feed %s (%s): %s", source.name, url, exc)
        source.feed_last_error = str(exc)
        source.save(update_fields=update_fields)
        result = rejected(str(exc))
        result.path = url
        return [result]

    if fetched.not_modified:
        source.feed_last_error = ""
        source.save(update_fields=update_fields)
        return []

    results = ingest(fetched.body, source, path=url, format="feed")
    refused = [r for r in results if r.result == REJECTED]
    if len(results) == 1 and results[0].whole_document:
        # The document as a whole was refused: keep the old validators so the next poll fetches
        # it again rather than hearing "not modified" about a feed that was never read.
        source.feed_last_error = f"nothing taken from the feed: {refused[0].error}"
    else:
        source.feed_etag = fetched.etag
        source.feed_last_modified = fetched.last_modified
        update_fields += ["feed_etag", "feed_last_modified"]
        if refused:
            source.feed_last_error = f"{len(refused)} of {len(results)} entries rejected; first: {refused[0].error}"
        else:
            source.feed_last_error = ""
    source.save(update_fields=update_fields)
    log.info("feed %s: %d entries, %d rejected", source.name, len(results), len(refused))
    return results
