"""Composing a story's body from its seed and its desk family's fragments.

A ``Seed`` holds what makes a story itself: headline, standfirst, lede, the main voice and what
they said, and a fact or two. A ``Family`` (one per group of related desks) holds the fragments
that news copy on those desks is built from: a second voice reacting, background, what happens
next. Fragments are drawn from shuffled decks, so a fragment comes back only after every other one
of its kind has been used, and two stories of a desk rarely share a sentence.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Seed:
    headline: str
    standfirst: str
    lede: str
    who: str  # the main voice, full name
    role: str  # how the story first names them: "Treasurer", "Swans coach"
    quote: str  # what they said, without quotation marks
    topic: str  # a noun phrase fragments can use: "the housing bill"
    place: str  # the dateline city
    facts: tuple[str, ...] = ()
    org: str = ""
    subjects: tuple[str, ...] = ()  # Media Topic codes beyond the desk's own
    people: tuple[str, ...] = ()  # others named in the story
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    genre: str = "Current"
    urgency: int = 5
    slug: str = ""
    picture: str = ""  # what the lead picture shows; a story without one has no picture
    format: str = ""  # a wire format other than the usual ninjs, for the odd story
    last: str = ""  # how later paragraphs name the main voice, when not by the last word of the name
    tags: tuple[str, ...] = ()  # which tagged fragments of the family fit this story


@dataclass
class Family:
    """The fragments of one group of desks. Templates use the slots listed in ``compose``.

    A fragment may start with tags (``"team,final|The final will be played on Sunday."``): it then
    only goes into stories whose seed carries one of those tags, so a golf story is not told that
    the result leaves the team on top of the ladder. Untagged fragments fit any story of the desk.
    """

    name: str
    voices: list[str]  # "Opposition spokesperson": the second voice's role, tags allowed
    reactions: list[str]
    context: list[str]
    next_steps: list[str]


FIRST_NAMES = [
    "Aisha",
    "Alana",
    "Amelia",
    "Anh",
    "Aroha",
    "Beatrice",
    "Bella",
    "Bridget",
    "Caitlin",
    "Chloe",
    "Claudia",
    "Daisy",
    "Deepa",
    "Eliza",
    "Erin",
    "Fatima",
    "Georgia",
    "Hana",
    "Imogen",
    "Isla",
    "Jess",
    "Keira",
    "Leila",
    "Lena",
    "Lucia",
    "Mackenzie",
    "Maya",
    "Mei",
    "Nikita",
    "Noor",
    "Olivia",
    "Paige",
    "Rosa",
    "Ruby",
    "Saoirse",
    "Sienna",
    "Talia",
    "Tayla",
    "Yasmin",
    "Zara",
    "Aaron",
    "Ahmed",
    "Angus",
    "Arjun",
    "Ben",
    "Callum",
    "Connor",
    "Darcy",
    "Diego",
    "Duc",
    "Eli",
    "Ethan",
    "Fergus",
    "Finn",
    "Hamish",
    "Hugo",
    "Isaac",
    "Jack",
    "Jai",
    "Jarrah",
    "Joel",
    "Kai",
    "Karim",
    "Liam",
    "Lachlan",
    "Marco",
    "Mitchell",
    "Nathan",
    "Noah",
    "Omar",
    "Patrick",
    "Rhys",
    "Rohan",
    "Sam",
    "Tane",
    "Theo",
    "Tom",
    "Vikram",
    "Will",
    "Xavier",
    "Zac",
]

SURNAMES = [
    "Abbott",
    "Ahmadi",
    "Anderson",
    "Bakshi",
    "Barnes",
    "Bennett",
    "Blackwood",
    "Boateng",
    "Carver",
    "Chen",
    "Costa",
    "Cullen",
    "Dang",
    "Davidson",
    "Delaney",
    "Doyle",
    "Eriksen",
    "Farrell",
    "Fitzgerald",
    "Gallagher",
    "Gill",
    "Grant",
    "Harding",
    "Hoang",
    "Holloway",
    "Iqbal",
    "Jovanovic",
    "Kaur",
    "Kelleher",
    "Kennedy",
    "Kowalski",
    "Lam",
    "Lawson",
    "Leung",
    "MacLeod",
    "Maguire",
    "Mansour",
    "Martin",
    "McKenzie",
    "Mills",
    "Moreau",
    "Murphy",
    "Nair",
    "Nakamura",
    "Nguyen",
    "Novak",
    "O'Brien",
    "O'Connell",
    "Okafor",
    "Ortiz",
    "Palmer",
    "Papadopoulos",
    "Patel",
    "Pearce",
    "Quinn",
    "Rahman",
    "Reilly",
    "Romano",
    "Ross",
    "Russo",
    "Sandhu",
    "Santos",
    "Schmidt",
    "Sharma",
    "Singh",
    "Sorensen",
    "Stewart",
    "Sullivan",
    "Tan",
    "Taufa",
    "Thompson",
    "Tran",
    "Turner",
    "Vella",
    "Walsh",
    "Wang",
    "Watson",
    "Whitaker",
    "Williams",
    "Wu",
    "Yilmaz",
    "Young",
    "Zhang",
]


def tagged(fragment: str) -> tuple[frozenset[str], str]:
    if "|" in fragment:
        tags, text = fragment.split("|", 1)
        return frozenset(tags.split(",")), text
    return frozenset(), fragment


class Decks:
    """Shuffled decks of fragments, drawn in turn; reshuffled when a deck runs out."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._decks: dict[str, list[str]] = {}

    def draw(self, key: str, items: list[str], tags: tuple[str, ...] = (), avoid: set[str] | None = None) -> str | None:
        """The next fragment that fits a story with ``tags`` and is not in ``avoid``, untagged."""
        avoid = avoid or set()

        def fits(fragment: str) -> bool:
            wanted, text = tagged(fragment)
            return text not in avoid and (not wanted or bool(wanted & set(tags)))

        for refill in (False, True):
            deck = self._decks.get(key)
            if refill or not deck:
                deck = list(items)
                self.rng.shuffle(deck)
                self._decks[key] = deck
            for position in range(len(deck) - 1, -1, -1):
                if fits(deck[position]):
                    return tagged(deck.pop(position))[1]
        return None


class NameMaker:
    """Invented people, never the same name twice in one sample wire."""

    def __init__(self, rng: random.Random, reserved: set[str]):
        self.rng = rng
        self.used = set(reserved)

    def __call__(self) -> str:
        while True:
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
            if name not in self.used:
                self.used.add(name)
                return name


TITLES = {"Dr", "Professor", "Inspector", "Senior", "Sergeant", "Detective", "Superintendent", "Chief"}
# Judicial officers keep their title on second reference: "Judge Pemberton said".
JUDICIAL = ("Judge", "Justice", "Magistrate", "Coroner")


def surname(name: str) -> str:
    words = name.split()
    if words[:2] == ["Chief", "Justice"]:
        return f"Chief Justice {words[-1]}"
    for title in JUDICIAL:
        if title in words[:-1]:
            return f"{title} {words[-1]}"
    return words[-1]


def plain_name(name: str) -> str:
    """A person's name without the titles a story gives them ("Dr", "Detective Inspector")."""
    words = name.split()
    while len(words) > 2 and (words[0] in TITLES or words[0] in JUDICIAL):
        words.pop(0)
    return " ".join(words)


def split_quote(quote: str) -> tuple[str, str]:
    """The first sentence of a quote, and the rest (which may be empty)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", quote.strip(), maxsplit=1)
    first = parts[0].rstrip(".")
    return first, (parts[1] if len(parts) > 1 else "")


def quote_paragraph(template: str, quote: str, **slots) -> str:
    first, rest = split_quote(quote)
    if first.endswith(("?", "!")):
        template = template.replace('{q},"', '{q}"')
    paragraph = template.format(q=first, **slots)
    if rest:
        paragraph += f' "{rest}"'
    return paragraph


def numbers(rng: random.Random) -> dict[str, str]:
    return {
        "pct": str(rng.choice([4, 6, 8, 11, 12, 15, 18, 22, 27, 31, 36, 40])),
        "small": rng.choice(["two", "three", "four", "five", "six", "seven", "eight", "nine"]),
        "big": str(rng.choice([120, 180, 240, 310, 450, 600, 720, 850, 1200, 1800, 2400])),
        "money": rng.choice(
            ["$48 million", "$120 million", "$310 million", "$1.2 billion", "$2.4 billion", "$640 million"]
        ),
        "year": str(rng.choice([2027, 2028, 2029, 2030, 2032, 2035])),
        "weeks": rng.choice(["two", "three", "four", "six", "eight"]),
    }


FIRST_ATTRIBUTIONS = [
    '"{q}," {intro} said.',
    '"{q}," {intro} told reporters in {place}.',
    '"{q}," {intro} said in a statement.',
    '"{q}," {intro} told Readwire.',
]
LATER_ATTRIBUTIONS = [
    '"{q}," {last} said.',
    '"{q}," {last} told reporters in {place}.',
    '"{q}," {last} told Readwire.',
    '"{q}," {last} said.',
]


def compose(seed: Seed, family: Family, decks: Decks, rng: random.Random, names: NameMaker) -> list[str]:
    """The body of a story as paragraphs of plain text: four to twelve of them.

    Slots: {who} {last} {place} {topic} {Topic} {org} {other} (the second voice, role and name on
    first mention, surname after) and numbers: {pct} {small} {big} {money} {year} {weeks}.
    """
    voice = decks.draw(f"{family.name}:voice", family.voices, seed.tags) or ""
    other = names()
    last = seed.last or surname(seed.who)
    slots = {
        "who": seed.who,
        "last": last,
        "intro": f"{seed.role} {seed.who}".strip(),
        "topic": seed.topic,
        "Topic": seed.topic[:1].upper() + seed.topic[1:],
        "place": seed.place,
        "org": seed.org or "the organisation",
        "other": f"{voice} {other}".strip(),
        **numbers(rng),
    }
    paragraphs = [seed.lede]
    facts = list(seed.facts)
    if facts:
        paragraphs.append(facts.pop(0))
    # The main voice is named in full the first time the story names them.
    introduced = last in seed.lede or last in " ".join(paragraphs)
    attributions = LATER_ATTRIBUTIONS if introduced else FIRST_ATTRIBUTIONS
    attribution = attributions[rng.randrange(len(attributions))]
    paragraphs.append(quote_paragraph(attribution, seed.quote, **slots))
    paragraphs.extend(facts)

    # Short stories and long ones: a desk's copy varies in length as much as in content.
    extra = max(rng.choice([1, 2, 2, 3, 3, 4, 5, 6]), 4 - len(paragraphs))
    kinds = ["reactions", "context", "next_steps", "reactions", "context", "context", "reactions"][:extra]
    # "What happens next" reads best at the end.
    kinds.sort(key=lambda kind: kind == "next_steps")
    used: set[str] = set()
    for kind in kinds:
        template = decks.draw(f"{family.name}:{kind}", getattr(family, kind), seed.tags, used)
        if template is None:
            continue
        used.add(template)
        paragraphs.append(template.format(**slots))
        if "{other}" in template:
            slots["other"] = surname(other)
    while len(paragraphs) < 4:
        template = decks.draw(f"{family.name}:context", family.context, seed.tags, used)
        if template is None:
            break
        used.add(template)
        paragraphs.insert(-1, template.format(**slots))
    return [p[:1].upper() + p[1:] for p in paragraphs[:12]]
