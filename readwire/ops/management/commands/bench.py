"""``readwire bench NAME [--size N]`` and ``readwire bench --list``: Readwire measuring itself.

The benchmark runs in a child process with a throwaway database and ``var/`` directory
(``bench.lib.sandbox``); progress goes to stderr and the last line of stdout is one JSON object,
``{"bench", "size", "figures", "ratio", "ratio_of"}``. BENCHMARKS.md and docs/performance.md
say what each benchmark measures and what its goal is.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from bench.lib import registry, sandbox


class Command(BaseCommand):
    help = "Run a benchmark against a throwaway database and print its figures as one JSON line."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", metavar="NAME", help="the benchmark to run (see --list)")
        parser.add_argument("--size", type=int, help="how much work: items, readers, stories; each has a default")
        parser.add_argument("--list", action="store_true", dest="list_benchmarks", help="list the benchmarks")

    def handle(self, *args, name, size, list_benchmarks, **options):
        benchmarks = registry.available()
        if list_benchmarks:
            width = max(map(len, benchmarks), default=0)
            for module in benchmarks.values():
                self.stdout.write(
                    f"{module.NAME:<{width}}  {module.DESCRIPTION} (default --size {module.DEFAULT_SIZE})"
                )
            return
        if not name:
            raise CommandError(f"name a benchmark: readwire bench NAME [--size N]; available: {', '.join(benchmarks)}")
        try:
            module = registry.load(name)
        except registry.UnknownBenchmark as exc:
            raise CommandError(str(exc)) from None
        size = module.DEFAULT_SIZE if size is None else size
        if size < 1:
            raise CommandError("--size must be at least 1")

        try:
            if sandbox.in_sandbox():
                self.stdout.write(json.dumps(sandbox.run_here(module, size)))
                return
            status, output = sandbox.run_in_child(name, size)
        except sandbox.SandboxError as exc:
            raise CommandError(str(exc)) from None
        except KeyboardInterrupt:
            raise CommandError(
                f"benchmark {name} interrupted; its throwaway database is gone", returncode=130
            ) from None
        if status != 0:
            raise CommandError(f"benchmark {name} failed (exit status {status}); see above", returncode=status)
        *chatter, last = output.strip().splitlines() or [""]
        for line in chatter:
            self.stderr.write(line)
        try:
            json.loads(last)
        except ValueError:
            raise CommandError(f"benchmark {name} printed no result: {output[-500:]!r}") from None
        self.stdout.write(last)
