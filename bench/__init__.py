"""Readwire's benchmarks: ``readwire bench NAME [--size N]`` and ``readwire bench --list``.

A benchmark is a module in this package named for the capability it measures (``bench/ingest.py``).
It defines:

- ``NAME``: its name on the command line, the same as the module's;
- ``DESCRIPTION``: one line for ``readwire bench --list``;
- ``DEFAULT_SIZE``: the size of a default run, which must finish in under 60 seconds on two cores;
- ``run(size: int, progress: Progress) -> dict`` returning
  ``{"figures": {...}, "ratio": R, "ratio_of": "what / what"}``.

``run`` generates its own data from a fixed seed, at a realistic shape, and measures the real code
path against a baseline taken in the same run on the same machine (the physical limit, or the best
plain alternative); ``ratio`` is the path's figure divided by the baseline's. Figure names carry
their unit: ``items_per_s``, ``messages_per_s``, ``p50_ms``, ``p95_ms``, ``p99_ms``, ``peak_rss_mb``,
``seconds``. ``bench.lib.figures`` computes the usual ones.

``run`` is always called in a throwaway world (``bench.lib.sandbox``): a process of its own, a
fresh migrated database, and a temporary ``READWIRE_VAR_DIR``. It may write whatever it likes; the
operator's data is never in reach. Modules whose names start with an underscore, and the ``lib``
and ``tests`` packages, are not benchmarks; ``bench.lib.registry`` finds the others.
docs/performance.md has the latest figures.
"""
