"""People, places and organisations named in an untagged story, found by rules.

The rules, in order, for each run of capitalised words in a sentence (``"Treasurer Jim Chalmers"``,
``"Reserve Bank of Australia"``), after dropping sentence openers such as "The" or "In":

1. a known organisation or one of its short forms (``gazetteer``) is an organisation;
2. a known place is a place;
3. a name after an honorific or a role ("Mr", "Dr", "Justice", "Premier", "chief executive") is a
   person, as is a pair or triple of capitalised words starting with a common given name, or one
   followed by "said" or an age ("Geraldine Foy, 58,");
4. a run ending in a word organisations end in ("Council", "University", "Commission", "Ltd") or
   starting "University of", "Department of" is an organisation;
5. anything else is left alone: a missed name costs less than an invented one.

A lone surname that repeats a person already found ("Aldous will be sentenced") is that person.
docs/tagging.md gives the precision and recall measured on the held-out labelled stories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from readwire.topics.gazetteer import GAZETTEER_DIR, gazetteer, key

HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "senator",
        "sen",
        "justice",
        "judge",
        "magistrate",
        "coroner",
        "detective",
        "inspector",
        "sergeant",
        "constable",
        "superintendent",
        "commissioner",
        "captain",
        "lieutenant",
        "colonel",
        "general",
        "president",
        "premier",
        "treasurer",
        "minister",
        "chancellor",
        "mayor",
        "governor",
        "pope",
        "king",
        "queen",
        "prince",
        "princess",
        "bishop",
        "archbishop",
        "father",
        "rabbi",
        "imam",
        "coach",
        "senior",
        "associate",
        "chief",
        "deputy",
        "acting",
        "backbencher",
        "pollster",
        "mp",
        "councillor",
        "soprano",
        "tenor",
        "actor",
        "actress",
        "singer",
        "artist",
        "author",
        "director",
        "producer",
        "economist",
        "analyst",
        "scientist",
        "researcher",
        "forecaster",
        "seismologist",
        "biologist",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "executive",
        "chair",
        "chairman",
        "chairwoman",
        "founder",
        "administrator",
        "controller",
        "leader",
        "secretary",
        "ambassador",
        "attorney-general",
        "opposition",
        "shadow",
        "skipper",
        "jockey",
        "trainer",
        "halfback",
        "batter",
        "bowler",
        "striker",
        "defender",
        "goalkeeper",
        "veteran",
        "farmer",
        "grower",
    ]
)
# Words that open a sentence or a clause capitalised without naming anything.
OPENERS = frozenset(
    [
        "a",
        "an",
        "the",
        "in",
        "on",
        "at",
        "after",
        "before",
        "but",
        "and",
        "or",
        "as",
        "by",
        "for",
        "from",
        "if",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "this",
        "that",
        "these",
        "those",
        "there",
        "then",
        "when",
        "while",
        "with",
        "without",
        "more",
        "most",
        "some",
        "many",
        "several",
        "all",
        "both",
        "each",
        "every",
        "no",
        "not",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "about",
        "almost",
        "among",
        "under",
        "over",
        "since",
        "until",
        "up",
        "despite",
        "during",
        "last",
        "next",
        "other",
        "another",
        "only",
        "what",
        "who",
        "how",
        "why",
        "where",
    ]
)
CALENDAR = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "christmas",
        "easter",
        "anzac",
        "day",
        "eve",
        "new",
        "year's",
    ]
)
ORGANISATION_ENDINGS = frozenset(
    [
        "agency",
        "association",
        "authority",
        "bank",
        "board",
        "bureau",
        "centre",
        "choir",
        "club",
        "college",
        "commission",
        "committee",
        "company",
        "corporation",
        "council",
        "court",
        "department",
        "federation",
        "fc",
        "force",
        "foundation",
        "fund",
        "group",
        "inc",
        "institute",
        "league",
        "ltd",
        "limited",
        "ministry",
        "museum",
        "office",
        "orchestra",
        "organisation",
        "organization",
        "party",
        "police",
        "quartet",
        "regulator",
        "school",
        "service",
        "services",
        "society",
        "studios",
        "trust",
        "tribunal",
        "union",
        "university",
    ]
)
ORGANISATION_OPENINGS = (
    "university of",
    "department of",
    "bank of",
    "institute of",
    "ministry of",
    "art gallery of",
    "museum of",
    "state library of",
    "port of",
)
CONNECTORS = {"of", "and", "for", "the", "de", "van", "von", "da", "du", "al", "bin", "le", "la", "&"}
ROLES_AFTER = {"head", "chief", "director", "leader", "founder", "chair", "president", "who"}
SPEECH_VERBS = {"said", "says", "told", "added", "wrote", "explained", "warned", "announced"}

_TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F][\w\u00C0-\u024F'’.-]*|\d+|[,;:()\"“”]|\S")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z0-9])|\n+")
_AGE = re.compile(r"^,\s*\d{1,3}\s*,")


@dataclass
class Found:
    people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)

    def as_entities(self) -> dict[str, list[dict]]:
        return {
            "people": [{"name": name} for name in self.people],
            "places": [{"name": name} for name in self.places],
            "organisations": [{"name": name} for name in self.organisations],
        }


@cache
def given_names() -> frozenset[str]:
    lines = (GAZETTEER_DIR / "given-names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def extract(text: str) -> Found:
    found = Found()
    for sentence in _SENTENCE_END.split(text):
        tokens = _TOKEN.findall(sentence)
        for start, end in _capitalised_runs(tokens):
            _classify(tokens, start, end, found)
    _merge_surnames(found)
    return found


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() and any(c.isalpha() for c in token)


def _bare(token: str) -> str:
    """A token without a trailing possessive or full stop: "Sydney's" -> "Sydney"."""
    for suffix in ("'s", "’s", "s'", "’"):
        if token.endswith(suffix) and len(token) > len(suffix) + 1:
            token = token[: -len(suffix)] + ("s" if suffix == "s'" else "")
            break
    return token.rstrip(".") if not re.fullmatch(r"(?:[A-Z]\.)+", token) else token


def _capitalised_runs(tokens: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of capitalised words, joined by connectors such as "of" or "and"."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not _is_capitalised(tokens[i]):
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            if _is_capitalised(tokens[j]) and not _ends_with_possessive(tokens[j - 1]):
                j += 1
            elif (
                tokens[j].lower() in CONNECTORS
                and j + 1 < len(tokens)
                and _is_capitalised(tokens[j + 1])
                and not _ends_with_possessive(tokens[j - 1])
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _ends_with_possessive(token: str) -> bool:
    return token.endswith(("'s", "’s"))


def _classify(tokens: list[str], start: int, end: int, found: Found) -> None:
    words = [_bare(t) for t in tokens[start:end]]
    # Sentence openers and calendar words at the front name nothing ("In Sydney", "On Monday").
    while words and (words[0].lower() in OPENERS or words[0].lower() in CALENDAR):
        words.pop(0)
        start += 1
    if not words:
        return
    before = tokens[start - 1].lower() if start > 0 else ""
    after = tokens[end:]
    for part, titled in _split_at_titles(words, before):
        _classify_part(part, titled, after, found)


def _split_at_titles(words: list[str], before: str) -> list[tuple[list[str], bool]]:
    """Cut "NSW Premier Chris Minns" into ("NSW", untitled) and ("Chris Minns", titled)."""
    parts: list[tuple[list[str], bool]] = []
    current: list[str] = []
    titled = before in HONORIFICS
    for word in words:
        if word.lower().rstrip(".") in HONORIFICS and not _known(" ".join([*current, word])):
            if current:
                parts.append((current, titled))
            current, titled = [], True
        else:
            current.append(word)
    if current:
        parts.append((current, titled))
    return parts


def _known(name: str) -> bool:
    g = gazetteer()
    return g.organisation(name) is not None or g.place(name) is not None


def _classify_part(words: list[str], titled: bool, after: list[str], found: Found) -> None:
    while words and words[-1].lower() in CONNECTORS:
        words = words[:-1]
    if not words or all(w.lower() in CALENDAR for w in words):
        return
    name = " ".join(words)
    g = gazetteer()
    if g.organisation(name):
        _add(found.organisations, name)
    elif g.place(name):
        _add(found.places, name)
    elif "and" in words[1:-1] and (_both_known(words) or not _organisation_like(words)):
        # "Queensland Police and State Emergency Service", "Han Ji-woo and Kenji Arakawa": each side
        # on its own; but "Department of Fire and Emergency Services" is one name.
        cut = words.index("and", 1)
        _classify_part(words[:cut], titled, [], found)
        _classify_part(words[cut + 1 :], titled, after, found)
    elif _organisation_like(words):
        _add(found.organisations, name)
    elif _looks_like_person(words, titled, after):
        _add(found.people, name)
    elif len(words) > 1:
        _known_parts(words, found)


def _organisation_like(words: list[str]) -> bool:
    return len(words) > 1 and (
        words[-1].lower() in ORGANISATION_ENDINGS or " ".join(words).lower().startswith(ORGANISATION_OPENINGS)
    )


def _both_known(words: list[str]) -> bool:
    cut = words.index("and", 1)
    return _known(" ".join(words[:cut])) and _known(" ".join(words[cut + 1 :]))


def _known_parts(words: list[str], found: Found) -> None:
    """Known names inside an unknown run, longest first from the left: "Labor MPs" -> Labor."""
    g = gazetteer()
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            name = " ".join(words[i:j])
            if words[i].lower() in CONNECTORS or words[j - 1].lower() in CONNECTORS:
                continue
            if g.organisation(name):
                _add(found.organisations, name)
                break
            if g.place(name):
                _add(found.places, name)
                break
        else:
            j = i + 1
        i = j


def _looks_like_person(words: list[str], titled: bool, after: list[str]) -> bool:
    if not 2 <= len(words) <= 4 or any(
        w.lower() in CONNECTORS - {"van", "von", "de", "da", "bin", "al"} for w in words
    ):
        return False
    if any(w.isupper() and len(w) > 1 for w in words) or any(ch.isdigit() for w in words for ch in w):
        return False
    if titled or words[0].lower() in given_names():
        return True
    if not after:
        return False
    # "Geraldine Foy said", "Geraldine Foy, 58,", "Priya Desai, a seismologist", "Amara Singh, head of ..."
    if after[0].lower() in SPEECH_VERBS or _AGE.match(" ".join(after[:3])):
        return True
    return (
        after[0] == ","
        and len(after) > 2
        and (
            after[1].lower() in ("a", "an", "the") and after[2].lower() in HONORIFICS or after[1].lower() in ROLES_AFTER
        )
    )


def _add(names: list[str], name: str) -> None:
    if all(key(existing) != key(name) for existing in names):
        names.append(name)


def _merge_surnames(found: Found) -> None:
    """Drop one-word "people" that are a found person's surname, and places or organisations that are."""
    surnames = {key(person.split()[-1]) for person in found.people if len(person.split()) > 1}
    found.people = [p for p in found.people if len(p.split()) > 1 or key(p) not in surnames]
