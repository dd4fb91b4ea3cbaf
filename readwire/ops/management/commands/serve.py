"""``readwire serve``: the production web server, gunicorn running ``readwire.wsgi``.

Static files are served by WhiteNoise from the same processes, so nothing else is needed in front
of it on one machine; behind a reverse proxy, bind to a local address. ``WEB_CONCURRENCY`` sets the
number of worker processes when ``--workers`` is not given (default 2). The access log goes to
stdout and errors to stderr, one line per request, for the process manager to collect.
"""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from gunicorn.app.base import BaseApplication

DEFAULT_WORKERS = 2


def default_workers() -> int:
    raw = os.environ.get("WEB_CONCURRENCY", "").strip()
    if not raw:
        return DEFAULT_WORKERS
    if not raw.isdecimal() or int(raw) < 1:
        raise CommandError(f"WEB_CONCURRENCY must be a whole number of 1 or more, not {raw!r}")
    return int(raw)


class ReadwireServer(BaseApplication):
    """gunicorn with its settings from here rather than from its own command line."""

    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from readwire.wsgi import application

        return application


class Command(BaseCommand):
    help = "Run the web server (gunicorn with WhiteNoise for static files)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind", default="127.0.0.1:8000", help="address:port to listen on (default 127.0.0.1:8000)"
        )
        parser.add_argument(
            "--workers", type=int, default=None, help="worker processes (default: WEB_CONCURRENCY, or 2)"
        )

    def handle(self, *args, **options):
        workers = options["workers"] if options["workers"] is not None else default_workers()
        if workers < 1:
            raise CommandError("--workers must be 1 or more")
        # Workers are forked from this process: none may inherit its database connection.
        connections.close_all()
        ReadwireServer(
            {
                "bind": options["bind"],
                "workers": workers,
                "accesslog": "-",
                "errorlog": "-",
                "proc_name": "readwire-web",
                "graceful_timeout": 20,
                # No control socket in $HOME: several servers on one machine must not share one.
                "control_socket_disable": True,
            }
        ).run()
