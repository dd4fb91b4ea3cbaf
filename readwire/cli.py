"""The ``readwire`` console script.

Every subcommand is a Django management command (``readwire demo``, ``readwire ingest``,
``readwire migrate``), so the same settings and ``DATABASE_URL`` apply to all of them.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readwire.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "readwire"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
