"""Finding benchmarks, checking what they return, and showing their progress (see ``bench/__init__.py``)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import TextIO

BENCH_DIR = Path(__file__).resolve().parent.parent


class UnknownBenchmark(LookupError):
    pass


def available() -> dict[str, ModuleType]:
    """Every benchmark in the ``bench`` package, by name."""
    found = {}
    for info in pkgutil.iter_modules([str(BENCH_DIR)]):
        if info.ispkg or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"bench.{info.name}")
        found[module.NAME] = module
    return dict(sorted(found.items()))


def load(name: str) -> ModuleType:
    benchmarks = available()
    if name not in benchmarks:
        raise UnknownBenchmark(f"unknown benchmark {name!r}; available: {', '.join(benchmarks) or 'none'}")
    return benchmarks[name]


def result(module: ModuleType, size: int, outcome: dict) -> dict:
    """The one JSON object a run prints, checked so that a malformed benchmark fails loudly."""
    figures, ratio, ratio_of = outcome.get("figures"), outcome.get("ratio"), outcome.get("ratio_of")
    if not isinstance(figures, dict) or not all(isinstance(v, int | float) for v in figures.values()):
        raise TypeError(f"{module.NAME}.run() must return numeric 'figures', got {figures!r}")
    if not isinstance(ratio, int | float) or not isinstance(ratio_of, str) or " / " not in ratio_of:
        raise TypeError(f"{module.NAME}.run() must return a numeric 'ratio' and a 'ratio_of' like 'what / what'")
    return {"bench": module.NAME, "size": size, "figures": figures, "ratio": ratio, "ratio_of": ratio_of}


class Progress:
    """Where a benchmark says how far it got: one line on stderr, about once a second at most.

    ``progress("storing", done, total)`` while counting; ``progress("baseline ready")`` for a
    milestone, which is always shown. Stdout is kept for the result alone.
    """

    def __init__(self, name: str, stream: TextIO | None = None, interval: float = 1.0):
        self.name = name
        self.stream = stream or sys.stderr
        self.interval = interval
        self._stage: str | None = None
        self._last = 0.0

    def __call__(self, stage: str, done: int | None = None, total: int | None = None) -> None:
        now = time.monotonic()
        finished = done is not None and done == total
        if stage == self._stage and not finished and now - self._last < self.interval:
            return
        self._stage, self._last = stage, now
        count = "" if done is None else f" {done}/{total}" if total else f" {done}"
        self.stream.write(f"{self.name}: {stage}{count}\n")
        self.stream.flush()
