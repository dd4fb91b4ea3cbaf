"""The figures every benchmark reports, computed the same way everywhere."""

from __future__ import annotations

import math
import resource
import sys


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of values already sorted: p95 is a value some run really took."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def latency_figures(seconds: list[float]) -> dict[str, float]:
    """``p50_ms``, ``p95_ms`` and ``p99_ms`` of per-operation durations given in seconds."""
    ordered = sorted(seconds)
    return {f"p{p}_ms": round(percentile(ordered, p / 100) * 1000, 3) for p in (50, 95, 99)}


def rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else 0.0


def peak_rss_mb() -> float:
    """The most memory this process has held so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)
