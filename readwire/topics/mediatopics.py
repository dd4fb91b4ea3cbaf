"""The IPTC Media Topics vocabulary, loaded once from ``data/mediatopics.json``.

The file is a compact derivative of IPTC's ``cptall-x-all.json`` (``readwire compact_mediatopics``
makes it): for each concept its English label, its broader concept and whether IPTC retired it,
plus the old IPTC Subject Codes that match a Media Topic exactly, because NITF wires still send them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "mediatopics.json"
MEDIATOPIC_URI = "http://cv.iptc.org/newscodes/mediatopic/"
SUBJECTCODE_URI = "http://cv.iptc.org/newscodes/subjectcode/"

_MEDTOP = re.compile(r"(?:medtop:|https?://cv\.iptc\.org/newscodes/mediatopic/)(\d{8})/?", re.IGNORECASE)
_SUBJ = re.compile(r"(?:subj:|https?://cv\.iptc\.org/newscodes/subjectcode/)(\d{8})/?", re.IGNORECASE)


class Vocabulary:
    def __init__(self, data: dict):
        self.release: str = data["release"]
        # code -> (English label, broader code or "", retired)
        self.concepts: dict[str, tuple[str, str, bool]] = {
            code: (label, broader, bool(retired)) for code, (label, broader, retired) in data["concepts"].items()
        }
        self.subject_codes: dict[str, str] = data["subject_codes"]
        self.by_label: dict[str, str] = {}
        for code, (label, _broader, retired) in self.concepts.items():
            if label and not retired:
                self.by_label.setdefault(label.casefold(), code)

    def __contains__(self, code: str) -> bool:
        return code in self.concepts

    def label(self, code: str) -> str:
        return self.concepts[code][0] if code in self.concepts else ""

    def broader(self, code: str) -> str:
        return self.concepts[code][1] if code in self.concepts else ""

    def lineage(self, code: str) -> Iterator[str]:
        """``code`` and then each broader concept up to the top level, nearest first."""
        seen: set[str] = set()
        while code and code in self.concepts and code not in seen:
            seen.add(code)
            yield code
            code = self.broader(code)

    def resolve(self, code: str = "", uri: str = "", name: str = "") -> str:
        """The Media Topic (8 digits) a wire subject stands for, or "" when it names none.

        Accepts ``medtop:`` qcodes and URIs, old ``subj:`` Subject Codes (exact matches, else the
        Subject Code's broader levels, TTMMMDDD -> TTMMM000 -> TT000000), and, for a subject with
        no code at all, an English Media Topic label such as "agriculture".
        """
        for value in (code, uri):
            if match := _MEDTOP.fullmatch(value.strip()):
                return match.group(1) if match.group(1) in self.concepts else ""
        for value in (code, uri):
            if match := _SUBJ.fullmatch(value.strip()):
                digits = match.group(1)
                for candidate in (digits, digits[:5] + "000", digits[:2] + "000000"):
                    if candidate in self.subject_codes:
                        return self.subject_codes[candidate]
                return ""
        if not code and not uri and name:
            return self.by_label.get(name.strip().casefold(), "")
        return ""

    def codes(self, subjects: Iterable[dict]) -> list[str]:
        """The Media Topics among stored subjects (``Version.subjects`` dicts), in order, once each."""
        found: list[str] = []
        for subject in subjects:
            code = self.resolve(subject.get("code") or "", subject.get("uri") or "", subject.get("name") or "")
            if code and code not in found:
                found.append(code)
        return found


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary(json.loads(DATA_FILE.read_text(encoding="utf-8")))


def compact(full: dict) -> dict:
    """The shipped derivative of IPTC's full ``cptall-x-all.json`` document."""
    concepts: dict[str, list] = {}
    subject_codes: dict[str, str] = {}
    for concept in full["conceptSet"]:
        code = concept["qcode"].removeprefix("medtop:")
        broader = [uri.rstrip("/").rsplit("/", 1)[-1] for uri in concept.get("broader", [])]
        label = concept.get("prefLabel", {}).get("en-GB", "")
        concepts[code] = [label, broader[0] if broader else "", 1 if concept.get("retired") else 0]
        for match in concept.get("exactMatch", []):
            if match.startswith(SUBJECTCODE_URI) and not concept.get("retired"):
                subject_codes.setdefault(match.removeprefix(SUBJECTCODE_URI).strip("/"), code)
    return {
        "about": (
            "IPTC Media Topics, compacted: code -> [English label, broader code, retired]. "
            "Published by IPTC, the International Press Telecommunications Council, under CC BY 4.0 "
            "(https://creativecommons.org/licenses/by/4.0/); see README.md."
        ),
        "release": full.get("dateReleased", ""),
        "concepts": dict(sorted(concepts.items())),
        "subject_codes": dict(sorted(subject_codes.items())),
    }
