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

DEFAULT_WORKERS = 2


def default_workers() -> int:
    raw = os.environ.get("WEB_CONCURRENCY", "").strip()
    if not raw:
        return DEFAULT_WORKERS
    if not raw.isdecimal() or int(raw) < 1:
        raise CommandError(f"WEB_CONCURRENCY must be a whole number of 1 or more, not {raw!r}")
    return int(raw)


def run_gunicorn(options: dict) -> None:
    """gunicorn with its settings from here rather than from its own command line."""
    # Imported late: gunicorn reads WEB_CONCURRENCY when imported and fails on a bad value
    # before default_workers() could say what is wrong with it.
    from gunicorn.app.base import BaseApplication

    class ReadwireServer(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            from readwire.wsgi import application

            return application

    ReadwireServer().run()


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
        # Checked even when --workers is given: gunicorn itself fails on a bad WEB_CONCURRENCY.
        from_environment = default_workers()
        workers = options["workers"] if options["workers"] is not None else from_environment
        if workers < 1:
            raise CommandError("--workers must be 1 or more")
        # Workers are forked from this process: none may inherit its database connection.
        connections.close_all()
        run_gunicorn(
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
        )
