"""``readwire demo [--port 8000]``: all of Readwire on this machine, with the sample wire.

Migrates the database, loads the sample wire when it is not there yet, gives the ``editor`` account
a fresh password (printed), then runs the web server and the worker (with its scheduler) together
until Ctrl-C. If either stops on its own, the other is stopped too and the command fails.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections

from readwire.ops.management.commands.serve import default_workers
from readwire.ops.supervisor import Child, run_together
from readwire.sample.load import is_loaded, load_sample_wire

EDITOR_USERNAME = "editor"


def reset_editor_password() -> str:
    """Create the demo's editor account, or give it a new password; the password is returned."""
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=EDITOR_USERNAME, defaults={"email": "editor@localhost"})
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.is_active = user.is_staff = user.is_superuser = True
    user.save()
    return password


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def describe_database() -> str:
    if connection.vendor == "sqlite":
        return f"SQLite at {settings.DATABASES['default']['NAME']}"
    details = settings.DATABASES["default"]
    return f"{connection.display_name} database {details.get('NAME')!r} on {details.get('HOST') or 'localhost'}"


class Command(BaseCommand):
    help = "Run Readwire with sample content on 127.0.0.1: web server, worker and scheduler together."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="port for the web server (default 8000)")

    def handle(self, *args, **options):
        port = options["port"]
        if not 0 < port < 65536:
            raise CommandError(f"--port {port} is not a port number")
        if not port_is_free(port):
            raise CommandError(f"port {port} on 127.0.0.1 is in use; choose another with --port")

        self.stdout.write("Database: migrating... ", ending="")
        self.stdout.flush()
        call_command("migrate", verbosity=0, interactive=False)
        self.stdout.write("up to date.")

        if is_loaded():
            self.stdout.write("Sample wire: already loaded.")
        else:
            self.stdout.write("Sample wire: loading... ", ending="")
            self.stdout.flush()
            summary = load_sample_wire()
            self.stdout.write(summary.describe() + ".")
            for path, reason in summary.rejections:
                self.stderr.write(f"  rejected: {path}: {reason}")

        password = reset_editor_password()
        database = describe_database()
        connections.close_all()

        site = f"http://127.0.0.1:{port}/"
        workers = default_workers()
        self.stdout.write(
            "\n"
            "Readwire demo\n"
            f"  Reader site   {site}\n"
            f"  Admin         {site}admin/\n"
            f"  Editor login  {EDITOR_USERNAME} / {password}   (a new password on every start)\n"
            f"  Running       web server (gunicorn, {workers} workers), worker and scheduler (Huey)\n"
            f"  Data          {database}; files in {settings.VAR_DIR}\n"
            "Press Ctrl-C to stop.\n"
        )
        self.stdout.flush()

        env = dict(os.environ)
        env.setdefault("READWIRE_SITE_URL", site.rstrip("/"))
        readwire = [sys.executable, "-m", "readwire"]
        status = run_together(
            [
                Child("web server", [*readwire, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]),
                Child("worker", [*readwire, "worker"], stop_signal=signal.SIGINT),
            ],
            env=env,
        )
        if status:
            raise CommandError("the demo stopped because one of its processes did", returncode=status)
        self.stdout.write("Readwire demo stopped.")
