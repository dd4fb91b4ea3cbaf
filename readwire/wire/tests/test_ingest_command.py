"""`readwire ingest`: files and folders in, one JSON line per story item out, exit 1 on rejections."""

import json

import pytest
from django.core.management import CommandError, call_command

from readwire.wire.models import Source, Story

RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Partner Press</title><link>https://partner.example/</link>
<item><guid>https://partner.example/a</guid><title>Harbour ferry fares to rise</title>
<link>https://partner.example/a</link><description>Fares rise 5 per cent from July.</description></item>
<item><guid>https://partner.example/b</guid><title>Council approves cycleway</title>
<link>https://partner.example/b</link><description>The 4km route opens next year.</description></item>
</channel></rss>"""


def run_ingest(capsys, *args):
    error = None
    try:
        call_command("ingest", *map(str, args))
    except CommandError as exc:
        error = exc
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    return lines, error


def test_folder_is_read_recursively_and_each_item_reported(db, tmp_path, capsys):
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "partner.xml").write_bytes(RSS)
    lines, error = run_ingest(capsys, tmp_path, "--source", "partner-press")
    assert error is None
    assert [(line["uri"], line["result"]) for line in lines] == [
        ("https://partner.example/a", "created"),
        ("https://partner.example/b", "created"),
    ]
    assert all(line["path"].endswith("partner.xml") and line["error"] is None for line in lines)
    assert Source.objects.get(name="partner-press").stories.count() == 2

    lines, _ = run_ingest(capsys, tmp_path, "--source", "partner-press")
    assert {line["result"] for line in lines} == {"unchanged"}


def test_rejected_file_gives_a_reason_and_exit_status_1(db, tmp_path, capsys):
    good, bad = tmp_path / "good.xml", tmp_path / "bad.bin"
    good.write_bytes(RSS)
    bad.write_bytes(b"\x00\x01\x02\xff\xfe binary")
    lines, error = run_ingest(capsys, good, bad)
    assert isinstance(error, CommandError) and error.returncode == 1
    rejected = [line for line in lines if line["result"] == "rejected"]
    assert len(rejected) == 1 and rejected[0]["path"] == str(bad) and "unrecognised format" in rejected[0]["error"]
    assert Story.objects.count() == 2


def test_missing_file_is_rejected_not_a_crash(db, tmp_path, capsys):
    lines, error = run_ingest(capsys, tmp_path / "nope.json")
    assert error is not None and lines[0]["result"] == "rejected" and "cannot read file" in lines[0]["error"]


@pytest.mark.parametrize("fmt, expected", [("text", "Harbour ferry fares to rise"), ("ninjs", '"uri"')])
def test_export_prints_the_current_version(db, tmp_path, capsys, fmt, expected):
    (tmp_path / "p.xml").write_bytes(RSS)
    run_ingest(capsys, tmp_path)
    call_command("export", "https://partner.example/a", "--format", fmt)
    assert expected in capsys.readouterr().out


def test_export_of_unknown_uri_says_so(db):
    with pytest.raises(CommandError, match="no story with URI"):
        call_command("export", "urn:nothing")
