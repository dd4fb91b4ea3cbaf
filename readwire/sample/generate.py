"""``python -m readwire.sample.generate``: write the sample wire and its pictures.

The output depends on nothing but this package (a fixed random seed, fixed times), so running it
again gives the same files byte for byte; ``tests/test_sample_wire.py`` holds it to that, which
also catches a change to the generator whose files were not regenerated and committed.

``manifest.json`` lists the documents in the order the wire sent them (oldest first), with each
story item's URI, version and ``versionCreated``; the loader uses it to ingest in order and to
recognise a wire it has loaded before.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from readwire.sample import AGENCY_SOURCE, BASE_TIME, PARTNER_SOURCE, PICTURES_DIR, WIRE_DIR, partner
from readwire.sample.desks import courts, culture, land, money, national, politics, science, sport, world
from readwire.sample.formats import SYDNEY, Draft, FeedEntry, PictureSpec, newsml_g2, ninjs_document, nitf, rss, when
from readwire.sample.lifecycle import LIVES, Life
from readwire.sample.pictures import render_svg
from readwire.sample.prose import Decks, Family, NameMaker, Seed, compose, plain_name
from readwire.sample.topics import DESKS

RANDOM_SEED = 20250617
# The wire's stories are spread over this much time before BASE_TIME.
SPAN = timedelta(hours=70)

DESK_SEEDS: list[tuple[str, Family, list[Seed]]] = [
    ("national", national.NATIONAL, national.SEEDS),
    ("world", world.WORLD, world.SEEDS),
    ("politics", politics.POLITICS, politics.POLITICS_SEEDS),
    ("refugee-issues", politics.REFUGEES, politics.REFUGEE_SEEDS),
    ("courts", courts.COURTS, courts.SEEDS),
    ("business", money.MONEY, money.BUSINESS_SEEDS),
    ("finance", money.MONEY, money.FINANCE_SEEDS),
    ("future-economies", money.FUTURE, money.FUTURE_SEEDS),
    ("sport", sport.SPORT, sport.SEEDS),
    ("entertainment", culture.CULTURE, culture.ENTERTAINMENT_SEEDS),
    ("arts", culture.CULTURE, culture.ARTS_SEEDS),
    ("science", science.SCIENCE, science.SCIENCE_SEEDS),
    ("health", science.HEALTH, science.HEALTH_SEEDS),
    ("environment", land.LAND, land.ENVIRONMENT_SEEDS),
    ("agriculture", land.LAND, land.AGRICULTURE_SEEDS),
]

REPORTERS = {
    "national": ["Grace Whitford", "Liam O'Halloran", "Bree McAllister"],
    "world": ["Oliver Strand", "Kieran Ashby", "Yasmin Okafor"],
    "politics": ["Maeve Calloway", "Dominic Ferrante", "Tess Arnold"],
    "refugee-issues": ["Aaron Tupou"],
    "courts": ["Samir Haddad", "Joanna Kellett", "Ellen Brodie"],
    "business": ["Hamish Drury", "Tomasz Wilk"],
    "finance": ["Priya Raman", "Tomasz Wilk"],
    "future-economies": ["Rhiannon Kidd", "Oliver Brandt"],
    "sport": ["Callum Reyes", "Jai Sandhu", "Georgie Flint"],
    "entertainment": ["Tayla Brooks", "Ruby Carmichael"],
    "arts": ["Harriet Lowe"],
    "science": ["Isaac Moreland"],
    "health": ["Nadia Petrovic", "Isaac Moreland"],
    "environment": ["Rhiannon Kidd", "Finn Callaghan"],
    "agriculture": ["Finn Callaghan", "Lucy Penrose"],
}
PHOTOGRAPHERS = ["Lucy Tran", "Marco Bellini", "Ayesha Qureshi", "Jarrod Finch", "Sian Kellaway", "Tomas Oyelaran"]
SLUG_PREFIX = {
    "national": "NAT",
    "world": "WLD",
    "politics": "POL",
    "refugee-issues": "REF",
    "courts": "CRT",
    "business": "BUS",
    "finance": "FIN",
    "future-economies": "FUT",
    "sport": "SPT",
    "entertainment": "ENT",
    "arts": "ART",
    "science": "SCI",
    "health": "HLT",
    "environment": "ENV",
    "agriculture": "AGR",
}
FORMAT_DIRS = {"ninjs3": "ninjs3", "ninjs2": "ninjs2", "ninjs1": "ninjs1", "newsmlg2": "newsml-g2", "nitf": "nitf"}
FORMAT_NAMES = {"ninjs3": "ninjs", "ninjs2": "ninjs", "ninjs1": "ninjs", "newsmlg2": "newsmlg2", "nitf": "nitf"}
_STOP = {"the", "a", "an", "of", "in", "on", "for", "to", "and", "as", "at", "after", "with", "by", "from"}


def slugify(text: str, words: int = 8) -> str:
    parts = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    return "-".join(parts[:words])


def slugline(desk: str, topic: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z0-9]+", topic) if w.lower() not in _STOP][:3]
    return "-".join([SLUG_PREFIX[desk], *(w.upper() for w in words)])


@dataclass
class Wire:
    drafts: list[Draft]
    feed_entries: list[FeedEntry]


def build() -> Wire:
    rng = random.Random(RANDOM_SEED)
    decks = Decks(rng)
    reserved = {seed.who for _, _, seeds in DESK_SEEDS for seed in seeds}
    names = NameMaker(rng, reserved)

    regular = [(desk, family, seed) for desk, family, seeds in DESK_SEEDS for seed in seeds]
    rng.shuffle(regular)
    times = _spread(rng, len(regular))
    drafts = []
    for position, ((desk, family, seed), moment) in enumerate(zip(regular, times, strict=True)):
        drafts.append(_draft_from_seed(desk, family, seed, moment, position, rng, decks, names))
    for life in LIVES:
        drafts.extend(_drafts_from_life(life, rng))
    feed_entries = [
        FeedEntry(
            title=title,
            link=partner.FEED_LINK + path,
            description=description,
            author=author,
            category=category,
            published=BASE_TIME - timedelta(minutes=minutes),
        )
        for minutes, title, path, description, author, category in partner.ENTRIES
    ]
    return Wire(drafts=drafts, feed_entries=feed_entries)


def _spread(rng: random.Random, count: int) -> list[datetime]:
    """Filing times, newest first: busy by day and quiet overnight, Sydney time."""
    gaps, moment = [], BASE_TIME - timedelta(minutes=7)
    for _ in range(count):
        gap = rng.randint(8, 40)
        if moment.astimezone(SYDNEY).hour < 6:
            gap = int(gap * 2.5)
        gaps.append(gap)
        moment -= timedelta(minutes=gap)
    scale = min(1.0, SPAN.total_seconds() / 60 / sum(gaps))
    times, moment = [], BASE_TIME - timedelta(minutes=7)
    for gap in gaps:
        times.append(moment.replace(second=0, microsecond=0))
        moment -= timedelta(minutes=max(1, round(gap * scale)))
    return times


def _draft_from_seed(
    desk: str,
    family: Family,
    seed: Seed,
    moment: datetime,
    position: int,
    rng: random.Random,
    decks: Decks,
    names: NameMaker,
) -> Draft:
    primary = DESKS[desk][1][0]
    subjects = list(dict.fromkeys([primary, *seed.subjects]))
    reporter = rng.choice(REPORTERS[desk])
    byline = f"{reporter} in {seed.place}" if desk == "world" else reporter
    slug = seed.slug or slugify(seed.headline)
    if seed.format:
        wire_format = seed.format
    elif position % 13 == 5:
        wire_format = "ninjs1"
    elif position % 13 == 9:
        wire_format = "ninjs2"
    else:
        wire_format = "ninjs3"
    picture = None
    if seed.picture:
        picture = _picture(slug, seed.picture, rng)
    return Draft(
        slug=slug,
        version=1,
        desk=desk,
        headline=seed.headline,
        standfirst=seed.standfirst,
        paragraphs=compose(seed, family, decks, rng, names),
        byline=byline,
        dateline=seed.place.upper(),
        slugline=slugline(desk, seed.topic),
        urgency=seed.urgency if seed.urgency != 5 else rng.choice([4, 5, 5, 5, 6]),
        genre=seed.genre,
        subjects=subjects,
        first_created=moment,
        version_created=moment,
        people=list(dict.fromkeys([plain_name(seed.who), *seed.people])),
        places=list(dict.fromkeys([seed.place, *seed.places])),
        organisations=list(seed.organisations),
        picture=picture,
        format=wire_format,
    )


def _picture(slug: str, shows: str, rng: random.Random) -> PictureSpec:
    return PictureSpec(
        name=slug,
        title=shows,
        caption=shows + ".",
        alt_text=f"Illustration: {shows}",
        photographer=rng.choice(PHOTOGRAPHERS),
    )


def _drafts_from_life(life: Life, rng: random.Random) -> list[Draft]:
    first = BASE_TIME - timedelta(minutes=life.steps[0].minutes_before)
    picture = _picture(life.slug, life.picture, rng) if life.picture else None
    embargo = BASE_TIME + timedelta(minutes=life.embargo_minutes_after) if life.embargo_minutes_after else None
    primary = DESKS[life.desk][1][0]
    drafts = []
    for number, step in enumerate(life.steps, 1):
        drafts.append(
            Draft(
                slug=life.slug,
                version=number,
                desk=life.desk,
                headline=step.headline,
                standfirst=step.standfirst,
                paragraphs=list(step.paragraphs),
                byline=life.byline,
                dateline=life.dateline,
                slugline=slugline(life.desk, life.slug.replace("-", " ")),
                urgency=step.urgency,
                genre=life.genre,
                subjects=list(dict.fromkeys([primary, *life.subjects])),
                first_created=first,
                version_created=BASE_TIME - timedelta(minutes=step.minutes_before),
                people=list(life.people),
                places=list(dict.fromkeys([life.dateline.title(), *life.places])),
                organisations=list(life.organisations),
                pub_status=step.pub_status,
                ed_note=step.ed_note,
                signals=list(step.signals),
                embargoed_until=embargo,
                picture=picture,
                format=life.format,
            )
        )
    return drafts


# --- writing -----------------------------------------------------------------------------------


def write(wire: Wire, wire_dir: Path = WIRE_DIR, pictures_dir: Path = PICTURES_DIR) -> dict:
    _clear(wire_dir, ("*.json", "*.xml", "*.txt"))
    _clear(pictures_dir, ("*.svg",))
    documents = []
    written_pictures = set()
    for draft in wire.drafts:
        folder = FORMAT_DIRS[draft.format]
        if draft.format.startswith("ninjs"):
            text, suffix = ninjs_document(draft), "json"
        elif draft.format == "newsmlg2":
            text, suffix = newsml_g2(draft), "xml"
        else:
            text, suffix = nitf(draft), "xml"
        relative = f"{AGENCY_SOURCE}/{folder}/{draft.slug}-v{draft.version}.{suffix}"
        _write(wire_dir / relative, text)
        documents.append(
            {
                "path": relative,
                "source": AGENCY_SOURCE,
                "format": FORMAT_NAMES[draft.format],
                "time": when(draft.version_created),
                "items": [{"uri": draft.uri, "version": draft.version, "versionCreated": when(draft.version_created)}],
            }
        )
        if draft.picture and draft.picture.name not in written_pictures:
            written_pictures.add(draft.picture.name)
            svg = render_svg(draft.desk, draft.picture.title, draft.picture.alt_text, draft.picture.name)
            _write(pictures_dir / f"{draft.picture.name}.svg", svg)

    feed_path = f"{PARTNER_SOURCE}/riverina-courier.rss.xml"
    _write(
        wire_dir / feed_path, rss(partner.FEED_TITLE, partner.FEED_LINK, partner.FEED_DESCRIPTION, wire.feed_entries)
    )
    newest = max(e.published for e in wire.feed_entries)
    documents.append(
        {
            "path": feed_path,
            "source": PARTNER_SOURCE,
            "format": "feed",
            "time": when(newest),
            "items": [],
            "stories": len(wire.feed_entries),
        }
    )
    page_path = f"{PARTNER_SOURCE}/riverina-vineyard-page.txt"
    _write(wire_dir / page_path, partner.PAGE_DUMP)
    page_time = BASE_TIME - timedelta(minutes=330)
    documents.append(
        {
            "path": page_path,
            "source": PARTNER_SOURCE,
            "format": "text",
            "time": when(page_time),
            "items": [],
            "stories": 1,
        }
    )

    documents.sort(key=lambda d: (datetime.fromisoformat(d["time"]), d["path"]))
    manifest = {"base_time": when(BASE_TIME), "documents": documents}
    _write(wire_dir / "manifest.json", json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    return manifest


def _clear(folder: Path, patterns: tuple[str, ...]) -> None:
    if not folder.exists():
        return
    for pattern in patterns:
        for path in folder.rglob(pattern):
            path.unlink()


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wire-dir", type=Path, default=WIRE_DIR)
    parser.add_argument("--pictures-dir", type=Path, default=PICTURES_DIR)
    args = parser.parse_args(argv)
    wire = build()
    manifest = write(wire, args.wire_dir, args.pictures_dir)
    stories = len({d.uri for d in wire.drafts})
    print(
        f"wrote {len(manifest['documents'])} documents ({stories} agency stories, "
        f"{len(wire.feed_entries)} feed entries, 1 page) to {args.wire_dir}"
    )


if __name__ == "__main__":
    main()
