"""The places and organisations Readwire knows by name (``data/gazetteer/``), loaded once.

``places.txt`` gives each place's country (ISO 3166-1 alpha-2), so a dateline or a named place says
whether a story happened at home or abroad; ``organisations.txt`` lists organisations with the short
forms the wire uses for them (``RBA``, ``Reserve Bank``). Both are plain text for operators to extend.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

GAZETTEER_DIR = Path(__file__).resolve().parent / "data" / "gazetteer"
DEFAULT_HOME_COUNTRY = "AU"


def home_country() -> str:
    """Where the agency is (setting ``TOPICS_HOME_COUNTRY``, default AU): elsewhere is "abroad"."""
    return str(getattr(settings, "TOPICS_HOME_COUNTRY", DEFAULT_HOME_COUNTRY)).upper()


def key(name: str) -> str:
    """How names are compared: case, a leading "the", full stops and apostrophes ignored."""
    name = name.replace("\u2019", "").replace("'", "").replace(".", "").strip()
    if name.lower().startswith("the "):
        name = name[4:]
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    kind: str


@dataclass(frozen=True)
class Organisation:
    name: str


class Gazetteer:
    def __init__(self, places: dict[str, list[Place]], organisations: dict[str, Organisation]):
        self._places = places
        self._organisations = organisations

    def place(self, name: str) -> Place | None:
        """The place called ``name``; where several share it, the one at home (Newcastle NSW, not UK)."""
        candidates = self._places.get(key(name))
        if not candidates:
            return None
        home = home_country()
        return next((p for p in candidates if p.country == home), candidates[0])

    def organisation(self, name: str) -> Organisation | None:
        return self._organisations.get(key(name))


def _rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@cache
def gazetteer() -> Gazetteer:
    places: dict[str, list[Place]] = {}
    for name, country, kind, *_ in _rows(GAZETTEER_DIR / "places.txt"):
        places.setdefault(key(name), []).append(Place(name, country.upper(), kind))
    organisations: dict[str, Organisation] = {}
    for row in _rows(GAZETTEER_DIR / "organisations.txt"):
        organisation = Organisation(row[0])
        for alias in [row[0], *(row[1].split("|") if len(row) > 1 else [])]:
            if alias.strip():
                organisations.setdefault(key(alias), organisation)
    return Gazetteer(places, organisations)
