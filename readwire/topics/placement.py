"""Where a story belongs: its desks and Topics in Focus.

``place_story`` is called for every new or updated story (``apps.TopicsConfig`` connects it to
``story_changed``). The rules, in order (docs/tagging.md says why):

1. **The wire's subjects.** Each Media Topic (``medtop:`` codes, old ``subj:`` Subject Codes, or a
   code-less subject named like a Media Topic) is walked up its ``broader`` chain to the *nearest*
   concept any section claims; the story goes to every section claiming that concept. So
   "interest rate" lands in Finance (which claims "economy") and not also in Business (which claims
   only the top-level "economy, business and finance"). Code-less subjects that match a section's
   keywords or name place the story there too.
2. **The classifier**, when the wire's subjects place the story nowhere (RSS, pages, plain text,
   agencies that send no codes): see ``classifier``. Its sections become Media Topic subjects
   marked as machine-assigned (``MachineTagging``, exported in ninjs with a ``creator``).
3. **Where it happened.** Sections marked "at home" (National, Politics, Courts) are for stories
   at home; when the dateline (or else the first place named, by the wire or found in the text)
   is abroad, those placements go to the "abroad" sections (World) instead.
4. **Editors' corrections** win over all of the above, for this version and every later one.

Readers never see a killed, withheld or embargoed story whatever its placements: visibility is
``Story.objects.visible()``; placements of a killed story are kept, like its versions.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from readwire.topics import classifier as section_classifier
from readwire.topics import entities
from readwire.topics.gazetteer import gazetteer, home_country
from readwire.topics.mediatopics import MEDIATOPIC_URI, vocabulary
from readwire.topics.models import Follow, MachineTagging, Placement, PlacementCorrection, Section
from readwire.wire.models import Story, Version

log = logging.getLogger(__name__)

WIRE = Placement.Origin.WIRE
CLASSIFIER = Placement.Origin.CLASSIFIER
EDITOR = Placement.Origin.EDITOR
MACHINE_CREATOR = "readwire:classifier"


@dataclass(frozen=True)
class SectionRules:
    """The active sections as placement needs them, read in one query."""

    by_slug: dict[str, int]
    first_topic: dict[int, str]
    by_code: dict[str, tuple[int, ...]]
    by_word: dict[str, tuple[int, ...]]
    home: frozenset[int]
    abroad: frozenset[int]

    @classmethod
    def load(cls) -> SectionRules:
        vocab = vocabulary()
        by_slug, first_topic = {}, {}
        by_code: dict[str, list[int]] = {}
        by_word: dict[str, list[int]] = {}
        home, abroad = set(), set()
        for section in Section.objects.active().only("pk", "slug", "name", "media_topics", "keywords", "geography"):
            by_slug[section.slug] = section.pk
            codes = [vocab.resolve(code) for code in section.media_topics or []]
            codes = [code for code in codes if code]
            if codes:
                first_topic[section.pk] = codes[0]
            for code in codes:
                by_code.setdefault(code, []).append(section.pk)
            for word in [section.name, section.slug.replace("-", " "), *(section.keywords or [])]:
                by_word.setdefault(_word_key(word), []).append(section.pk)
            if section.geography == Section.Geography.HOME:
                home.add(section.pk)
            elif section.geography == Section.Geography.ABROAD:
                abroad.add(section.pk)
        return cls(
            by_slug=by_slug,
            first_topic=first_topic,
            by_code={code: tuple(ids) for code, ids in by_code.items()},
            by_word={word: tuple(ids) for word, ids in by_word.items()},
            home=frozenset(home),
            abroad=frozenset(abroad),
        )

    def for_codes(self, codes: list[str]) -> set[int]:
        """Sections of the nearest claimed concept up each code's ``broader`` chain."""
        vocab = vocabulary()
        found: set[int] = set()
        for code in codes:
            for concept in vocab.lineage(code):
                if concept in self.by_code:
                    found.update(self.by_code[concept])
                    break
        return found

    def for_subjects(self, subjects: list[dict]) -> set[int]:
        vocab = vocabulary()
        found = self.for_codes(vocab.codes(subjects))
        for subject in subjects:
            name = subject.get("name") or ""
            if name and not subject.get("code") and not vocab.resolve(name=name):
                found.update(self.by_word.get(_word_key(name), ()))
        return found


def _word_key(word: str) -> str:
    return " ".join(word.casefold().replace("-", " ").split())


@dataclass
class Decision:
    """What ``decide`` found for one version: sections, and what was assigned by machine."""

    sections: dict[int, tuple[str, float]] = field(default_factory=dict)
    machine_subjects: list[dict] = field(default_factory=list)
    machine_entities: dict[str, list[dict]] = field(default_factory=dict)
    abroad: bool | None = None


@dataclass
class StoryText:
    """The parts of a version placement reads (a ``Version``, or a labelled story in evaluation)."""

    headline: str
    standfirst: str = ""
    body_text: str = ""
    dateline: str = ""
    subjects: list[dict] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    organisations: list[dict] = field(default_factory=list)

    FIELDS = ("headline", "standfirst", "body_text", "dateline", "subjects", "people", "places", "organisations")

    @classmethod
    def of(cls, version: Version) -> StoryText:
        return cls(
            headline=version.headline,
            standfirst=version.standfirst,
            body_text=version.body_text,
            dateline=version.dateline,
            subjects=list(version.subjects or []),
            people=list(version.people or []),
            places=list(version.places or []),
            organisations=list(version.organisations or []),
        )


def decide(text: StoryText, rules: SectionRules, corrections: dict[int, bool] | None = None) -> Decision:
    """The sections for one version, without touching the database (rules 1 to 4 above)."""
    decision = Decision()
    for section_id in rules.for_subjects(text.subjects):
        decision.sections[section_id] = (WIRE, 1.0)

    kinds = ("people", "places", "organisations")
    if not all(getattr(text, kind) for kind in kinds):
        found = entities.extract("\n".join(p for p in (text.headline, text.standfirst, text.body_text) if p))
        decision.machine_entities = {
            kind: names for kind, names in found.as_entities().items() if names and not getattr(text, kind)
        }

    guesses: list[section_classifier.Guess] = []
    if not decision.sections:
        model = section_classifier.classifier()
        guesses = model.classify(section_classifier.text_for(text.headline, text.standfirst, text.body_text))
        for guess in guesses:
            if guess.section in rules.by_slug:
                decision.sections[rules.by_slug[guess.section]] = (CLASSIFIER, round(guess.probability, 4))

    place_names = [p.get("name", "") for p in text.places] or [
        p["name"] for p in decision.machine_entities.get("places", [])
    ]
    decision.abroad = happened_abroad(text.dateline, place_names)
    if decision.abroad and rules.abroad:
        moved = {sid: decision.sections.pop(sid) for sid in list(decision.sections) if sid in rules.home}
        if moved:
            origin, score = max(moved.values(), key=lambda placed: placed[1])
            for section_id in rules.abroad:
                decision.sections.setdefault(section_id, (origin, score))

    for section_id, include in (corrections or {}).items():
        if include:
            decision.sections[section_id] = (EDITOR, 1.0)
        else:
            decision.sections.pop(section_id, None)

    vocab = vocabulary()
    for guess in guesses:
        section_id = rules.by_slug.get(guess.section)
        code = rules.first_topic.get(section_id) if section_id else None
        taken_out = section_id is not None and (corrections or {}).get(section_id) is False
        if code and not taken_out and all(s["code"] != f"medtop:{code}" for s in decision.machine_subjects):
            decision.machine_subjects.append(
                {
                    "name": vocab.label(code),
                    "code": f"medtop:{code}",
                    "uri": MEDIATOPIC_URI + code,
                    "confidence": round(guess.probability * 100),
                }
            )
    return decision


_DATELINE_PLACE = re.compile(r"^\s*([^,(\-\u2013\u2014]+)")


def happened_abroad(dateline: str, place_names: list[str]) -> bool | None:
    """True abroad, False at home, None when neither the dateline nor any named place says.

    The dateline's place decides ("GENEVA, June 3"); without one, the first named place other than
    the home country itself (a story "in Australia" about Jakarta happened in Jakarta).
    """
    g, home = gazetteer(), home_country()
    if match := _DATELINE_PLACE.match(dateline or ""):
        place = g.place(match.group(1).strip())
        if place:
            return place.country != home
    for name in place_names:
        place = g.place(name)
        if place and not (place.kind == "country" and place.country == home):
            return place.country != home
    return None


# --- the services ------------------------------------------------------------------------------


def place_story(story: Story | int) -> list[Placement]:
    """Place ``story``'s current version and store what was assigned by machine. Idempotent.

    A withdrawn (killed) story keeps the placements it had. The story row is locked while it is
    placed, so that two versions arriving together, or an editor's correction, are applied one after
    the other and the last word is the current version's.
    """
    story_id = story.pk if isinstance(story, Story) else story
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story_id)
        if story.is_withdrawn:
            return list(story.placements.all())
        version = story.versions.only(*StoryText.FIELDS, "version").get(version=story.current_version)
        decision = decide(StoryText.of(version), SectionRules.load(), corrections_for(story))
        _store_machine_tagging(story, version, decision)
        return _sync_placements(story, decision.sections)


def corrections_for(story: Story) -> dict[int, bool]:
    """Each section an editor corrected for ``story``, and whether it is in (the latest word wins)."""
    latest: dict[int, bool] = {}
    for section_id, include in PlacementCorrection.objects.filter(story=story).values_list("section_id", "include"):
        latest[section_id] = include  # ordered oldest first
    return latest


def correct_placement(story: Story, section: Section, include: bool, editor) -> Placement | None:
    """An editor puts ``story`` in ``section`` (``include=True``) or takes it out, for good.

    The correction is recorded (who, when) and holds for every later version; calling it twice
    changes nothing more. Returns the placement, or None when the story is now out of the section.
    """
    if include and not section.active:
        raise ValueError(f"section {section.slug!r} is not active; activate it before placing stories there")
    with transaction.atomic():
        # One placement or correction of a story at a time (see place_story).
        Story.objects.select_for_update().only("pk").get(pk=story.pk)
        PlacementCorrection.objects.create(story=story, section=section, include=include, editor=editor)
        if include:
            placement, _ = Placement.objects.update_or_create(
                story=story, section=section, defaults={"origin": EDITOR, "score": 1.0, "placed_at": timezone.now()}
            )
        else:
            Placement.objects.filter(story=story, section=section).delete()
            placement = None
    log.info(
        "placement corrected: story %s %s %s by %s", story.pk, "into" if include else "out of", section.slug, editor
    )
    return placement


def _store_machine_tagging(story: Story, version: Version, decision: Decision) -> None:
    """Keep the version's machine tags in step, writing only when they changed."""
    wanted = {
        "subjects": decision.machine_subjects,
        "people": decision.machine_entities.get("people", []),
        "places": decision.machine_entities.get("places", []),
        "organisations": decision.machine_entities.get("organisations", []),
    }
    tagging = MachineTagging.objects.filter(story=story, version=version.version).first()
    if not any(wanted.values()):
        if tagging is not None:
            tagging.delete()
    elif tagging is None:
        MachineTagging.objects.create(story=story, version=version.version, **wanted)
    elif any(getattr(tagging, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(tagging, name, value)
        tagging.tagged_at = timezone.now()
        tagging.save(update_fields=[*wanted, "tagged_at"])


def _sync_placements(story: Story, wanted: dict[int, tuple[str, float]]) -> list[Placement]:
    existing = {p.section_id: p for p in story.placements.all()}
    stale = [p.pk for section_id, p in existing.items() if section_id not in wanted]
    if stale:
        Placement.objects.filter(pk__in=stale).delete()
    now = timezone.now()
    new, changed = [], []
    for section_id, (origin, score) in wanted.items():
        placement = existing.get(section_id)
        if placement is None:
            new.append(Placement(story=story, section_id=section_id, origin=origin, score=score, placed_at=now))
        elif (placement.origin, placement.score) != (origin, score):
            placement.origin, placement.score = origin, score
            changed.append(placement)
    if new:
        Placement.objects.bulk_create(new)
    if changed:
        Placement.objects.bulk_update(changed, ["origin", "score"])
    return [p for p in existing.values() if p.section_id in wanted] + new


# --- reading placements ------------------------------------------------------------------------


def story_ids_in_section(section: Section | str) -> QuerySet:
    """The ids of the stories placed in ``section`` (an object or a slug), for ``pk__in`` filters.

    One indexed range scan (``placement_section_story``); combine with ``Story.objects.visible()``.
    """
    placements = Placement.objects.all()
    if isinstance(section, Section):
        placements = placements.filter(section=section)
    else:
        placements = placements.filter(section__slug=section)
    return placements.values("story_id")


def stories_in_section(section: Section | str) -> QuerySet[Story]:
    """Stories placed in ``section``, visible or not: chain ``.visible()`` for readers."""
    return Story.objects.filter(pk__in=story_ids_in_section(section))


def sections_of(story: Story) -> QuerySet[Section]:
    return Section.objects.filter(placements__story=story, active=True).order_by("kind", "position")


def machine_tagging(story: Story, version: int) -> MachineTagging | None:
    return MachineTagging.objects.filter(story=story, version=version).first()


@dataclass(frozen=True)
class PlacementReason:
    """Why a story is in one section, as the newsroom shows it to an editor."""

    section: Section
    origin: str
    # The classifier's probability (0 to 1); 1.0 for the wire and editors.
    score: float
    # The wire's subjects (their names, else their codes) that put the story here.
    subjects: tuple[str, ...] = ()
    # Put in a home desk by those subjects, then moved here because it happened abroad.
    moved_abroad: bool = False
    # The correction in force for this section, if an editor made one.
    correction: PlacementCorrection | None = None


def explain_placements(story: Story) -> tuple[list[PlacementReason], list[PlacementCorrection]]:
    """The active sections ``story`` is in and why, and the sections an editor keeps it out of.

    For a placement by the wire, the current version's subjects are matched again against the
    sections, one at a time, to name the subjects that did it.
    """
    in_force = _corrections_in_force(story)
    placements = list(
        story.placements.filter(section__active=True)
        .select_related("section")
        .order_by("section__kind", "section__position", "section__name")
    )
    subjects: list[dict] = []
    rules: SectionRules | None = None
    if any(p.origin == WIRE for p in placements):
        rules = SectionRules.load()
        version = story.versions.only("subjects").filter(version=story.current_version).first()
        subjects = list(version.subjects or []) if version else []
    reasons = []
    for placement in placements:
        direct: list[str] = []
        from_home: list[str] = []
        if placement.origin == WIRE and rules is not None:
            for subject in subjects:
                found = rules.for_subjects([subject])
                label = subject.get("name") or subject.get("code") or ""
                if placement.section_id in found:
                    direct.append(label)
                elif placement.section_id in rules.abroad and found & rules.home:
                    from_home.append(label)
        reasons.append(
            PlacementReason(
                section=placement.section,
                origin=placement.origin,
                score=placement.score,
                subjects=tuple(dict.fromkeys(direct or from_home)),
                moved_abroad=not direct and bool(from_home),
                correction=in_force.get(placement.section_id) if placement.origin == EDITOR else None,
            )
        )
    kept_out = [c for c in in_force.values() if not c.include and c.section.active]
    kept_out.sort(key=lambda c: (c.section.kind, c.section.position, c.section.name))
    return reasons, kept_out


def _corrections_in_force(story: Story) -> dict[int, PlacementCorrection]:
    latest: dict[int, PlacementCorrection] = {}
    for correction in PlacementCorrection.objects.filter(story=story).select_related("section", "editor"):
        latest[correction.section_id] = correction  # ordered oldest first
    return latest


# --- follows -----------------------------------------------------------------------------------


def follow(user, section: Section) -> Follow:
    follow, _ = Follow.objects.get_or_create(user=user, section=section)
    return follow


def unfollow(user, section: Section) -> None:
    Follow.objects.filter(user=user, section=section).delete()


def followers_of_story(story: Story | int) -> QuerySet:
    """The ids of readers who follow any active section ``story`` is placed in: one query.

    The follow table is reached through its (section, user) index from the story's few placements,
    so the cost grows with the followers found, never with the follows or readers there are. Ids
    come in ascending order, so delivery can read them a batch at a time (``.filter(user_id__gt=last)[:1000]``),
    each batch streamed from the index. Delivery decides whether the story may be sent at all (it may
    have been killed since) and who of the followers may receive what.
    """
    story_id = story.pk if isinstance(story, Story) else story
    sections = Placement.objects.filter(story_id=story_id, section__active=True).values("section_id")
    return (
        Follow.objects.filter(section_id__in=sections).values_list("user_id", flat=True).distinct().order_by("user_id")
    )
