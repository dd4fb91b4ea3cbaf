"""Running a few processes together as one: what ``readwire demo`` does with the web server and worker.

Each child runs in a session of its own, so a Ctrl-C in the terminal reaches this process only and
the children are stopped once, in order, with the signal each handles best. Should this process be
killed outright, Linux sends its children SIGTERM (``PR_SET_PDEATHSIG``), so none is left behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.2


@dataclass
class Child:
    name: str
    argv: list[str]
    # The signal that stops this program cleanly: gunicorn finishes requests in hand on SIGTERM,
    # Huey finishes tasks in hand on SIGINT.
    stop_signal: int = signal.SIGTERM
    process: subprocess.Popen | None = field(default=None, repr=False)


def _die_with_parent() -> None:
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the children then outlive a killed parent
        pass


def run_together(children: list[Child], *, env: dict | None = None, stop_timeout: float = 15, log=None) -> int:
    """Start every child, wait until a signal arrives or a child exits, then stop them all.

    Returns 0 after a stop asked for by SIGINT, SIGTERM or SIGHUP, and the exit status of the
    first child that ended on its own otherwise (1 when that status was 0: it should not have ended).
    """
    log = log or (lambda message: print(message, file=sys.stderr, flush=True))
    asked: list[int] = []

    def on_signal(signum, frame):
        asked.append(signum)

    handled = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {signum: signal.signal(signum, on_signal) for signum in handled}
    status = 0
    try:
        for child in children:
            if asked:
                break
            child.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                child.argv, env=env, start_new_session=True, preexec_fn=_die_with_parent
            )
        while not asked:
            ended = next((c for c in children if c.process and c.process.poll() is not None), None)
            if ended:
                code = ended.process.returncode
                log(f"readwire: the {ended.name} stopped unexpectedly (exit status {code}); stopping the rest.")
                status = code if code and code > 0 else 1
                # What it started may outlive it (a killed gunicorn master leaves its workers).
                _signal_group(ended.process.pid, signal.SIGTERM)
                break
            time.sleep(POLL_SECONDS)
        if asked:
            log(f"readwire: {signal.Signals(asked[0]).name} received, stopping {', '.join(c.name for c in children)}.")
    finally:
        _stop(children, stop_timeout, log)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return status


def _signal_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)


def _stop(children: list[Child], timeout: float, log) -> None:
    running = [c for c in children if c.process and c.process.poll() is None]
    for child in running:
        child.process.send_signal(child.stop_signal)
    deadline = time.monotonic() + timeout
    for child in running:
        try:
            child.process.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            log(f"readwire: the {child.name} did not stop within {timeout:.0f} s; killing it.")
            # The whole session: a gunicorn master's workers go with it.
            _signal_group(child.process.pid, signal.SIGKILL)
            child.process.wait()
