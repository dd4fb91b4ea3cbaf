"""A deterministic agency wire: ninjs 3.1 documents shaped like what an editorial system pushes.

The same seed gives the same documents, byte for byte, on every machine. The mix follows a general
news wire over a busy day:

- story length 300 to 1,200 words, most of them short (a triangular spread peaking near 400);
- 1 to 6 subjects from the IPTC Media Topics, drawn by desk (politics, business and sport lead), most
  stories carrying 2 or 3;
- people, places and organisations on most stories, a picture (sometimes two or three) on about a third;
- of every hundred documents about 12 are updates of a recent story (a higher version), 5 are a recent
  document sent again unchanged (a retry after a timeout), and a few are kills or carry an embargo.

Documents are produced lazily and only a bounded window of recent stories is remembered, so a run with
a million items does not hold a million documents in memory.
"""

from __future__ import annotations

import json
import random
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bench.lib.mediatopics import DESKS, MEDIA_TOPIC_URI

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"

# What one document is, and how often (per thousand) each kind is sent.
NEW = "new"
UPDATE = "update"
RESEND = "resend"
KILL = "kill"
KIND_SHARES = ((UPDATE, 120), (RESEND, 50), (KILL, 4))

# Updates and resends concern recent stories: an agency rarely touches yesterday's copy.
RECENT_STORIES = 2000
RECENT_DOCUMENTS = 500

_WORDS_TEXT = (
    "the of and to in a said on for that with was as by at from government minister people year "
    "officials percent told would police after new about two more than could week first court "
    "which their were been have last three since over will before market its president state "
    "against local workers council month report plan election party support service between "
    "during under federal public health company shares prices water city region country national "
    "while where other team season match final game coach players injury league title record "
    "investors bank rate inflation growth budget spending tax deal agreement talks leaders "
    "security forces attack ceasefire border aid residents emergency fire storm flood warning "
    "hospital patients doctors study researchers scientists data results trial vaccine climate "
    "emissions energy power coal gas solar wind farmers drought schools students teachers union "
    "strike wages jobs unemployment housing rent families children women men community church "
    "festival film music artist museum exhibition award director police charged arrested court "
    "judge jury sentence appeal lawyer evidence investigation inquiry commission statement "
    "spokesman spokeswoman announced expected confirmed reported according sources early late "
    "morning afternoon evening Monday Tuesday Wednesday Thursday Friday Saturday Sunday million "
    "billion dollars hundreds thousands dozens several many most some any each every both"
)
_FIRST_NAMES_TEXT = (
    "Anthony Maria Chen Priya James Fatima Lars Olivia Kenji Amara Diego Sofia Tom Aisha Pierre "
    "Ngozi Hamid Elena Raj Grace Mateus Yuki Omar Ingrid Kwame Lucía Dmitri Hana Sean Zoë"
)
_LAST_NAMES_TEXT = (
    "Albanese Nguyen Okafor Schmidt Rossi Tanaka Haddad Kowalski Fernández Müller O'Brien Singh "
    "Petrov Mensah Lindqvist Dubois Costa Park Nakamura Osei Walsh Ibrahim Novak Jensen Álvarez"
)
_WORDS = _WORDS_TEXT.split()
_FIRST_NAMES = _FIRST_NAMES_TEXT.split()
_LAST_NAMES = _LAST_NAMES_TEXT.split()
_PLACES = (
    ("Sydney", "au"),
    ("Melbourne", "au"),
    ("Canberra", "au"),
    ("Brisbane", "au"),
    ("Perth", "au"),
    ("Auckland", "nz"),
    ("Jakarta", "id"),
    ("Tokyo", "jp"),
    ("Beijing", "cn"),
    ("New Delhi", "in"),
    ("London", "gb"),
    ("Paris", "fr"),
    ("Berlin", "de"),
    ("Brussels", "be"),
    ("Kyiv", "ua"),
    ("Washington", "us"),
    ("New York", "us"),
    ("São Paulo", "br"),
    ("Nairobi", "ke"),
    ("Zürich", "ch"),
)
_ORGANISATIONS = (
    "Reserve Bank",
    "United Nations",
    "World Health Organization",
    "European Union",
    "Australian Securities Exchange",
    "International Monetary Fund",
    "Bureau of Meteorology",
    "Fair Work Commission",
    "Football Federation",
    "National Gallery",
    "Cricket Board",
    "Red Cross",
)
_PHOTOGRAPHERS = ("Dean Lewins", "Joel Carrett", "Lukas Coch", "Bianca De Marchi", "Mick Tsikas")


@dataclass
class _Story:
    uri: str
    version: int
    seed: int
    first_created: datetime
    desk: int


class Newswire:
    """An endless, reproducible wire from one agency. ``documents(n)`` yields the next ``n``."""

    def __init__(self, seed: int = 20250301, *, agency: str = "wire.example.com", start: datetime | None = None):
        self._rng = random.Random(seed)
        self._agency = agency
        self._clock = start or datetime(2025, 3, 1, 6, 0, tzinfo=UTC)
        self._serial = 0
        self._recent_stories: deque[_Story] = deque(maxlen=RECENT_STORIES)
        self._recent_documents: deque[bytes] = deque(maxlen=RECENT_DOCUMENTS)
        self._killed: set[str] = set()
        self.sent: Counter[str] = Counter()
        self._desk_weights = [desk[2] for desk in DESKS]

    def documents(self, count: int) -> Iterator[bytes]:
        for _ in range(count):
            yield self.next_document()

    def next_document(self) -> bytes:
        self._clock += timedelta(seconds=self._rng.randint(5, 40))
        kind = self._next_kind()
        if kind == RESEND:
            document = self._rng.choice(self._recent_documents)
        # A killed story stays dead; a document for it turns into a new story instead.
        elif kind in (UPDATE, KILL) and (story := self._rng.choice(self._recent_stories)).uri not in self._killed:
            story.version += 1
            if kind == KILL:
                self._killed.add(story.uri)
            document = self._encode(self._item(story, killed=kind == KILL))
        else:
            kind = NEW
            self._serial += 1
            story = _Story(
                uri=f"https://{self._agency}/items/{self._clock:%Y%m%d}-{self._serial:07d}",
                version=1,
                seed=self._rng.getrandbits(32),
                first_created=self._clock,
                desk=self._rng.choices(range(len(DESKS)), weights=self._desk_weights)[0],
            )
            self._recent_stories.append(story)
            document = self._encode(self._item(story))
        self._recent_documents.append(document)
        self.sent[kind] += 1
        return document

    def _next_kind(self) -> str:
        roll = self._rng.randrange(1000)
        for kind, share in KIND_SHARES:
            if roll < share:
                if kind == RESEND and self._recent_documents:
                    return kind
                if kind in (UPDATE, KILL) and self._recent_stories:
                    return kind
                return NEW
            roll -= share
        return NEW

    @staticmethod
    def _encode(item: dict) -> bytes:
        return json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode()

    # --- one ninjs item ------------------------------------------------------------------------

    def _item(self, story: _Story, *, killed: bool = False) -> dict:
        # The story's own generator gives every version the same people, places and topics;
        # the wire's generator varies what an update changes.
        own = random.Random(story.seed)
        rng = self._rng
        desk_code, desk_label, _share, children = DESKS[story.desk]
        place, country = own.choice(_PLACES)
        people = [f"{own.choice(_FIRST_NAMES)} {own.choice(_LAST_NAMES)}" for _ in range(own.randint(0, 3))]
        organisations = own.sample(_ORGANISATIONS, own.randint(0, 2))
        headline = self._headline(rng if story.version > 1 else own)
        word_count = int(own.triangular(300, 1200, 400))
        if story.version > 1:
            word_count = min(1200, word_count + rng.randint(0, 60))

        item: dict = {
            "standard": {"name": "ninjs", "version": "3.1", "schema": NINJS_SCHEMA},
            "uri": story.uri,
            "type": "text",
            "profile": "text-photo",
            "version": str(story.version),
            "firstCreated": _iso(story.first_created),
            "versionCreated": _iso(self._clock),
            "pubStatus": "canceled" if killed else "usable",
            "urgency": own.choices((1, 2, 3, 4, 5, 6), weights=(1, 2, 6, 25, 40, 26))[0],
            "language": "en",
            "copyrightHolder": "The Agency",
            "copyrightNotice": f"Copyright {story.first_created.year} The Agency. All rights reserved.",
            "usageTerms": "For use by subscribers of the wire only.",
            "slugline": f"{desk_label.split(',')[0].split(' ')[0].upper()}-{place.upper().replace(' ', '')}",
            "by": f"By {own.choice(_FIRST_NAMES)} {own.choice(_LAST_NAMES)}",
            "located": place,
            "headlines": [{"role": "main", "value": headline}],
            "descriptions": [{"role": "summary", "value": self._sentence(own, 18, 30)}],
            "bodies": [
                {
                    "role": "main",
                    "contentType": own.choice(("text/html", "application/xhtml+xml")),
                    "wordCount": word_count,
                    "value": self._body(own if story.version == 1 else rng, word_count, place),
                }
            ],
            "genres": [{"name": "Current", "uri": "http://cv.iptc.org/newscodes/genre/Current"}],
            "subjects": self._subjects(own, desk_code, desk_label, children),
            "people": [{"name": name, "rel": "about"} for name in people],
            "places": [{"name": place, "rel": "about", "uri": f"http://cvx.iptc.org/iso3166-1a2/{country}"}],
            "organisations": [{"name": name, "rel": "mentions"} for name in organisations],
        }
        if story.version > 1:
            item["edNote"] = "Kill: legal advice. Do not use." if killed else "Updates with new details."
        if own.random() < 0.01:
            item["embargoedUntil"] = _iso(story.first_created + timedelta(hours=own.randint(1, 12)))
        pictures = own.choices((0, 1, 2, 3), weights=(65, 27, 6, 2))[0]
        if pictures:
            item["associations"] = [self._picture(own, story, n) for n in range(1, pictures + 1)]
        return item

    def _subjects(self, own: random.Random, desk_code: str, desk_label: str, children) -> list[dict]:
        count = own.choices((1, 2, 3, 4, 5, 6), weights=(15, 30, 25, 15, 10, 5))[0]
        chosen = [(desk_code, desk_label)]
        candidates = list(children)
        while len(chosen) < count:
            if candidates and own.random() < 0.7:
                chosen.append(candidates.pop(own.randrange(len(candidates))))
            else:
                other_code, other_label, _share, other_children = own.choice(DESKS)
                chosen.append(own.choice(other_children) if other_children else (other_code, other_label))
            chosen = list(dict.fromkeys(chosen))
        return [{"name": label, "uri": MEDIA_TOPIC_URI + code, "rel": "about"} for code, label in chosen]

    def _picture(self, own: random.Random, story: _Story, n: int) -> dict:
        base = f"https://images.{self._agency}/{story.uri.rsplit('/', 1)[1]}-{n}"
        width = own.choice((3000, 4000, 5472))
        height = width * 2 // 3
        return {
            "name": f"picture{n}",
            "rel": "depicts",
            "uri": f"{base}",
            "type": "picture",
            "headlines": [{"value": self._sentence(own, 6, 10).rstrip(".")}],
            "descriptions": [{"role": "caption", "value": self._sentence(own, 15, 35)}],
            "by": f"{own.choice(_PHOTOGRAPHERS)} (THE AGENCY PHOTO)",
            "copyrightNotice": "The Agency",
            "renditions": [
                {
                    "name": "thumbnail",
                    "href": f"{base}/thumb.jpg",
                    "contentType": "image/jpeg",
                    "width": 240,
                    "height": 160,
                },
                {
                    "name": "preview",
                    "href": f"{base}/preview.jpg",
                    "contentType": "image/jpeg",
                    "width": 1024,
                    "height": 683,
                },
                {
                    "name": "baseImage",
                    "href": f"{base}/full.jpg",
                    "contentType": "image/jpeg",
                    "width": width,
                    "height": height,
                },
            ],
        }

    # --- words -----------------------------------------------------------------------------------

    def _headline(self, rng: random.Random) -> str:
        return _capitalised(" ".join(rng.choices(_WORDS, k=rng.randint(6, 11))))

    def _sentence(self, rng: random.Random, shortest: int, longest: int) -> str:
        words = rng.choices(_WORDS, k=rng.randint(shortest, longest))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}")
        return _capitalised(" ".join(words)) + "."

    def _body(self, rng: random.Random, word_count: int, place: str) -> str:
        """Paragraphs of exactly ``word_count`` words, with the markup a wire story carries."""
        paragraphs: list[str] = []
        remaining = word_count
        while remaining > 0:
            size = min(remaining, rng.randint(15, 75))
            remaining -= size
            roll = rng.random()
            if not paragraphs:
                text = f"<strong>{place.upper()}</strong>: {self._prose(rng, size - len(place.split()))}"
            elif roll < 0.12 and size > 8:
                name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
                text = f"&ldquo;{self._prose(rng, size - 3)}&rdquo; {name} said."
            elif roll < 0.18:
                words = self._prose(rng, size).split(" ")
                at = rng.randrange(len(words))
                words[at] = f'<a href="https://www.example.org/{words[at].strip(".").lower()}">{words[at]}</a>'
                text = " ".join(words)
            elif roll < 0.22:
                text = f"<em>{self._prose(rng, size)}</em>"
            else:
                text = self._prose(rng, size)
            paragraphs.append(f"<p>{text}</p>")
        return "\n".join(paragraphs)

    def _prose(self, rng: random.Random, count: int) -> str:
        """Sentences of 8 to 28 words, ``count`` words in all, with the odd person named."""
        words = rng.choices(_WORDS, k=count)
        for at in range(0, count - 1, 12):
            if rng.random() < 0.15:
                words[at : at + 2] = [rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)]
        sentences = []
        while words:
            length = rng.randint(8, 28)
            if len(words) - length < 8:
                length = len(words)
            sentences.append(_capitalised(" ".join(words[:length])) + ".")
            del words[:length]
        return " ".join(sentences)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
