"""``readwire bench duplicates`` runs end to end and finds the copies it plants."""

import json
import subprocess
import sys


def test_duplicates_benchmark_links_every_planted_copy_and_nothing_else():
    # The child makes a throwaway database of its own, on the server DATABASE_URL names or in SQLite.
    run = subprocess.run(
        [sys.executable, "-m", "readwire", "bench", "duplicates", "--size", "60"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    figures = result["figures"]
    assert (result["bench"], result["size"]) == ("duplicates", 60)
    assert figures["new_stories"] == 60 and figures["copies_made"] > 0
    assert figures["copies_linked"] == figures["copies_made"]
    assert figures["false_links"] == 0
    assert figures["band_rows"] == 48 * (60 + 60)
    assert result["ratio"] > 0
