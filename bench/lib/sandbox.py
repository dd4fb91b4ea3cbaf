"""The throwaway world a benchmark runs in, so that it never reaches the operator's data.

``readwire bench NAME`` does not run the benchmark in its own process. It makes a temporary
directory and runs ``python -m readwire bench NAME`` again in a child process whose environment
points everything Readwire keeps at that directory:

- ``READWIRE_VAR_DIR``: the task queue (SQLite Huey), media, mail files and generated keys;
- ``DATABASE_URL``: on SQLite the database is a file in the directory; on PostgreSQL the child uses
  the operator's server but creates a database of its own, ``readwire_bench_<pid>``, and drops it
  when done (the role needs CREATEDB, as for the test suite);
- ``REDIS_URL`` is removed, so the operator's queue and cache never see benchmark work; mail goes to
  Django's in-memory backend; ``DEBUG`` is off (it would keep every query in memory) and tasks are
  queued rather than run inline, as in production.

The child, seeing ``READWIRE_BENCH_SANDBOX``, creates and migrates its database with Django's test
database machinery (``connection.creation.create_test_db``), runs the benchmark, prints the result
and destroys the database, also when the benchmark fails, is interrupted with Ctrl-C or is sent
SIGTERM (the parent passes it on). The parent then removes the directory. Only a ``kill -9`` can
leave a ``readwire_bench_<pid>`` database behind; ``DROP DATABASE`` removes it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from bench.lib import registry

SANDBOX_ENV = "READWIRE_BENCH_SANDBOX"
# How long an interrupted child gets to drop its database before it is killed.
INTERRUPT_GRACE_SECONDS = 30


class SandboxError(RuntimeError):
    pass


def in_sandbox() -> bool:
    return bool(os.environ.get(SANDBOX_ENV))


# --- the parent: make the world, run the child in it -------------------------------------------


def run_in_child(name: str, size: int) -> tuple[int, str]:
    """Run benchmark ``name`` in a child process in a fresh sandbox: its exit status and stdout."""
    with tempfile.TemporaryDirectory(prefix="readwire-bench-") as directory:
        command = [sys.executable, "-m", "readwire", "bench", name, "--size", str(size)]
        child = subprocess.Popen(command, env=sandbox_environment(Path(directory)), stdout=subprocess.PIPE, text=True)  # noqa: S603
        # A stopped parent passes the request on and waits while the child drops its database.
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: child.terminate())
        try:
            stdout, _ = child.communicate()
        except KeyboardInterrupt:
            # The child got the same Ctrl-C and is dropping its database; let it finish that.
            try:
                child.wait(timeout=INTERRUPT_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
            raise
        finally:
            signal.signal(signal.SIGTERM, previous)
        return child.returncode, stdout


def sandbox_environment(directory: Path) -> dict[str, str]:
    from django.conf import settings

    env = dict(os.environ)
    for name in ("REDIS_URL", "READWIRE_SECRET_KEY"):
        env.pop(name, None)
    env[SANDBOX_ENV] = str(directory)
    env["READWIRE_VAR_DIR"] = str(directory / "var")
    env["READWIRE_DEBUG"] = "false"
    env["READWIRE_TASKS_IMMEDIATE"] = "false"
    env["READWIRE_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        env["DATABASE_URL"] = f"sqlite:///{directory / 'bench.sqlite3'}"
    elif engine != "django.db.backends.postgresql":
        raise SandboxError(f"benchmarks run on SQLite or PostgreSQL, not {engine}")
    return env


# --- the child: a database of its own, then the benchmark ---------------------------------------


def run_here(module: ModuleType, size: int) -> dict:
    """Run ``module`` in this process, which must be a sandboxed child; the result to print."""
    from django.conf import settings

    directory = Path(os.environ[SANDBOX_ENV]).resolve()
    if not Path(settings.VAR_DIR).resolve().is_relative_to(directory):
        raise SandboxError("benchmarks run through `readwire bench NAME`, which prepares their sandbox")
    progress = registry.Progress(module.NAME)
    # SIGTERM's default would end the process on the spot, leaving the database behind.
    signal.signal(signal.SIGTERM, _exit_cleanly)
    with throwaway_database(directory) as description:
        progress(f"running in {description}")
        # Whatever the code under test prints must not get between the result and the end of stdout.
        with contextlib.redirect_stdout(sys.stderr):
            outcome = module.run(size, progress)
    return registry.result(module, size, outcome)


def _exit_cleanly(signum, frame):
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def throwaway_database(directory: Path) -> Iterator[str]:
    """A fresh, migrated database for the default connection, destroyed on the way out."""
    from django.db import connection

    original_name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        name = str(directory / "bench.sqlite3")
        if Path(original_name).resolve() != Path(name).resolve():
            raise SandboxError(f"the sandbox's SQLite database should be {name}, not {original_name}")
    else:
        name = f"readwire_bench_{os.getpid()}"
        if name == original_name:
            raise SandboxError(f"refusing to replace the configured database {original_name!r}")
    connection.settings_dict.setdefault("TEST", {})["NAME"] = name
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield f"{connection.vendor} database {name}"
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
