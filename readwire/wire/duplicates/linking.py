"""Finding a story's copies in the database and keeping groups of duplicates in order.

``update_story(story_id)`` runs after every change of a story, in whichever process or machine
handles it; nothing is kept in memory between calls:

1. the story's fingerprint and LSH bands are stored and committed first, so that of two copies
   arriving at once on two machines, the one that looks second always finds the first;
2. candidates are the stories sharing a band within ``rules.WINDOW``, one indexed query, at most
   ``MAX_CANDIDATES`` of them, those sharing most bands first;
3. each candidate is confirmed with ``rules.is_duplicate`` on the estimated similarity, and the
   pairs that pass become ``DuplicateLink`` rows;
4. the links around the story are regrouped and ``Story.duplicate_of`` is set for every copy
   that is not the one shown. Regrouping holds a lock (an advisory lock on PostgreSQL, the write
   lock on SQLite) so that two machines never regroup the same stories at once.

A killed story leaves its group for good: its fingerprint, bands and links are deleted and its
former group is regrouped, usually choosing another copy to show.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from readwire.wire.duplicates import rules
from readwire.wire.duplicates.fingerprints import SCHEME, Fingerprint
from readwire.wire.models import DuplicateLink, LshBand, Source, Story, StoryFingerprint, Version

log = logging.getLogger(__name__)

# A story with more candidates than this is compared with those sharing most bands only.
MAX_CANDIDATES = 50
# Regrouping follows links to at most about this many stories. Reaching it means something
# upstream is wrong (a source sending one text under many URIs); it is logged.
MAX_GROUP = 200
# pg_advisory_xact_lock key: "rw-dupes" as a number.
_ADVISORY_LOCK = 0x72772D6475706573


@dataclass(frozen=True)
class Match:
    story_id: int
    jaccard: float
    containment: float


def update_story(story_id: int) -> list[Match]:
    """Fingerprint a story as it now stands, link it to its copies and regroup. Safe to repeat."""
    story = Story.objects.select_related("source").filter(pk=story_id).first()
    if story is None:
        return []
    if story.is_withdrawn:
        forget_story(story_id)
        return []
    text = (
        Version.objects.filter(story_id=story_id, version=story.current_version)
        .values_list("headline", "standfirst", "body_text")
        .first()
    )
    if text is None:
        return []
    fingerprint = Fingerprint.of(*text)
    stored = _store(story, fingerprint)
    if stored is UNCHANGED:
        # Same text as last time: the links stand, but which copy is shown may have changed
        # (a new version is newer; a story held back must not be shown).
        if _in_a_group(story_id):
            _regroup_around([story_id])
        return []
    matches = find_matches(story, fingerprint)
    if stored is FIRST and not matches:
        # The common case, done in one query: a story fingerprinted for the first time has no
        # links of its own yet, and one that found a copy of it has regrouped it already.
        return []
    _relink(story_id, matches)
    return matches


def forget_story(story_id: int) -> None:
    """Take a story (killed, or deleted upstream) out of duplicate finding and out of its group."""
    with transaction.atomic():
        _lock()
        neighbours = _neighbours([story_id])
        LshBand.objects.filter(story_id=story_id).delete()
        StoryFingerprint.objects.filter(story_id=story_id).delete()
        DuplicateLink.objects.filter(Q(story_id=story_id) | Q(other_id=story_id)).delete()
        Story.objects.filter(pk=story_id).exclude(duplicate_of=None).update(duplicate_of=None)
        followers = set(Story.objects.filter(duplicate_of_id=story_id).values_list("pk", flat=True))
        _regroup(_component(neighbours | followers))


def start_over(stories: QuerySet[Story]) -> list[int]:
    """Forget what was found for these stories (fingerprints, bands, links, groups) so that they
    can be fingerprinted again from scratch, oldest first. Returns the other stories that were in
    their groups, for ``regroup`` once that is done."""
    with transaction.atomic():
        _lock()
        outside = list(
            Story.objects.filter(duplicate_of__in=stories).exclude(pk__in=stories).values_list("pk", flat=True)
        )
        DuplicateLink.objects.filter(Q(story__in=stories) | Q(other__in=stories)).delete()
        LshBand.objects.filter(story__in=stories).delete()
        StoryFingerprint.objects.filter(story__in=stories).delete()
        Story.objects.filter(Q(pk__in=stories) | Q(duplicate_of__in=stories)).update(duplicate_of=None)
    return outside


def regroup(story_ids: list[int]) -> None:
    """Sort out the groups around these stories again from their links."""
    if story_ids:
        _regroup_around(story_ids)


def find_matches(story: Story, fingerprint: Fingerprint) -> list[Match]:
    """The stories ``story`` is a copy of, by the stored fingerprints of the others."""
    if not fingerprint.usable:
        return []
    candidates = candidate_ids(story.pk, fingerprint, story.first_created)
    if not candidates:
        return []
    stored = StoryFingerprint.objects.filter(story_id__in=candidates, scheme=SCHEME).select_related("story")
    matches = []
    for row in stored:
        other = row.story
        if other.is_withdrawn or not rules.within_window(story.first_created, other.first_created):
            continue
        if rules.same_line(story.source_id, story.slugline, other.source_id, other.slugline):
            continue
        other_print = Fingerprint.from_bytes(row.signature, row.shingle_count)
        if not other_print.usable:
            continue
        similarity = fingerprint.similarity(other_print)
        if rules.is_duplicate(similarity):
            matches.append(Match(other.pk, round(similarity.jaccard, 4), round(similarity.containment, 4)))
    return matches


def candidate_ids(story_id: int, fingerprint: Fingerprint, first_created: datetime) -> list[int]:
    """Stories sharing at least one LSH band with ``fingerprint``, those sharing most first."""
    sql, params = candidate_query(story_id, fingerprint, first_created)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def candidate_query(story_id: int, fingerprint: Fingerprint, first_created: datetime) -> tuple[str, list]:
    """One query on the band index: each ``(band, hash)`` condition is one probe of
    ``lshband_lookup`` (band, hash, first_created), bounded by the window.

    Written in SQL because the ORM takes longer to build 48 such conditions than the database
    takes to answer them.
    """
    bands = fingerprint.bands()
    table = connection.ops.quote_name(LshBand._meta.db_table)
    probes = " OR ".join(["(band = %s AND hash = %s)"] * len(bands))
    # Only the quoted table name and placeholders go into the text; every value is a parameter.
    sql = (
        f"SELECT story_id FROM {table} WHERE ({probes}) AND first_created BETWEEN %s AND %s AND story_id <> %s "  # noqa: S608
        f"GROUP BY story_id ORDER BY COUNT(*) DESC, story_id LIMIT {MAX_CANDIDATES:d}"
    )
    adapt = connection.ops.adapt_datetimefield_value
    params: list = [value for band in bands for value in band]
    params += [adapt(first_created - rules.WINDOW), adapt(first_created + rules.WINDOW), story_id]
    return sql, params


def also_from(story: Story) -> list[tuple[Source, Story]]:
    """The other visible copies of ``story``'s group with their sources, the preferred first."""
    shown_id = story.duplicate_of_id or story.pk
    copies = (
        Story.objects.visible()
        .filter(Q(pk=shown_id) | Q(duplicate_of_id=shown_id))
        .exclude(pk=story.pk)
        .select_related("source")
    )
    return [(copy.source, copy) for copy in sorted(copies, key=_preference)]


def shown_copy(stories: list[Story], now: datetime | None = None) -> Story:
    """The copy readers see: visible before hidden; then the source's priority, the agency's own
    wire before feeds, the newest version, the first to arrive."""
    now = now or timezone.now()
    return min(stories, key=lambda story: (not _visible(story, now), *_preference(story)))


# --- storing a fingerprint --------------------------------------------------------------------


FIRST, CHANGED, UNCHANGED = "first", "changed", "unchanged"


def _store(story: Story, fingerprint: Fingerprint) -> str:
    """Save the fingerprint and bands: the story's ``FIRST``, a ``CHANGED`` one, or ``UNCHANGED``."""
    data = fingerprint.to_bytes()
    fields = {
        "scheme": SCHEME,
        "signature": data,
        "shingle_count": fingerprint.shingle_count,
        "computed_at": timezone.now(),
    }
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Fingerprints and bands are derived from the stored story and `link_duplicates`
            # recomputes any a crash loses, so this commit need not wait for the disk.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        # Two workers handling two versions of one story queue up here instead of racing.
        Story.objects.select_for_update().filter(pk=story.pk).values_list("pk", flat=True).first()
        stored = StoryFingerprint.objects.filter(story_id=story.pk).values_list("scheme", "signature").first()
        if stored is not None and stored[0] == SCHEME and bytes(stored[1]) == data:
            return UNCHANGED
        if stored is None:
            StoryFingerprint.objects.create(story_id=story.pk, **fields)
        else:
            StoryFingerprint.objects.filter(story_id=story.pk).update(**fields)
            LshBand.objects.filter(story_id=story.pk).delete()
        if fingerprint.usable:
            _insert_bands(story, fingerprint)
    return FIRST if stored is None else CHANGED


def _insert_bands(story: Story, fingerprint: Fingerprint) -> None:
    # One statement for the 48 rows; building 48 model instances costs more than storing them.
    table = connection.ops.quote_name(LshBand._meta.db_table)
    first_created = connection.ops.adapt_datetimefield_value(story.first_created)
    rows = [(story.pk, number, value, first_created) for number, value in fingerprint.bands()]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (story_id, band, hash, first_created) VALUES (%s, %s, %s, %s)",  # noqa: S608
            rows,
        )


# --- links and groups -------------------------------------------------------------------------


def _relink(story_id: int, matches: list[Match]) -> None:
    if not matches and not _neighbours([story_id]) and not _in_a_group(story_id):
        return  # most stories: no copies now, none before, and no lock taken
    with transaction.atomic():
        _lock()
        before = _neighbours([story_id])
        DuplicateLink.objects.filter(Q(story_id=story_id) | Q(other_id=story_id)).delete()
        DuplicateLink.objects.bulk_create(
            DuplicateLink(
                story_id=min(story_id, match.story_id),
                other_id=max(story_id, match.story_id),
                jaccard=match.jaccard,
                containment=match.containment,
            )
            for match in matches
        )
        _regroup(_component({story_id} | before | {m.story_id for m in matches}))


def _regroup_around(story_ids: list[int]) -> None:
    with transaction.atomic():
        _lock()
        _regroup(_component(set(story_ids)))


def _lock() -> None:
    """Serialise regrouping across processes and machines; released when the transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK])
    # SQLite: Readwire opens transactions IMMEDIATE, so the database's write lock is already held
    # by the first write; the regroup reads below run under it.


def _in_a_group(story_id: int) -> bool:
    return Story.objects.filter(Q(pk=story_id, duplicate_of__isnull=False) | Q(duplicate_of_id=story_id)).exists()


def _neighbours(story_ids) -> set[int]:
    ids = set(story_ids)
    pairs = DuplicateLink.objects.filter(Q(story_id__in=ids) | Q(other_id__in=ids)).values_list("story_id", "other_id")
    return {i for pair in pairs for i in pair} - ids


def _component(seed: set[int]) -> set[int]:
    """Every story reachable from ``seed`` over links, plus the stories that defer to any of them."""
    seen, frontier = set(seed), set(seed)
    while frontier and len(seen) <= MAX_GROUP:
        frontier = _neighbours(frontier) - seen
        seen |= frontier
    followers = set(Story.objects.filter(duplicate_of_id__in=seen).values_list("pk", flat=True))
    if len(seen) > MAX_GROUP:
        log.warning("a group of duplicates around story %s reached %s stories", min(seed), len(seen))
    return seen | followers


def _regroup(story_ids: set[int]) -> None:
    """Split the linked stories into groups and point each copy at the one readers are shown.

    Links are taken strongest first, and two groups merge only when the stories they show are
    linked themselves, and no two of their members are one source's story and its follow-up
    (``rules.same_line``). So a copy joins a group only as a copy of the story readers are shown,
    never through a chain: a partner's copy of Monday's market close that resembles Tuesday's
    close just enough does not bring Tuesday's into Monday's group, and a partner's copy that
    resembles both a story and the agency's update of it joins the one it resembles most.
    """
    if not story_ids:
        return
    stories = {s.pk: s for s in Story.objects.filter(pk__in=story_ids).select_related("source")}
    live = {pk for pk, s in stories.items() if not s.is_withdrawn}
    links = DuplicateLink.objects.filter(story_id__in=live, other_id__in=live).order_by(
        "-containment", "-jaccard", "story_id", "other_id"
    )
    linked = {(link.story_id, link.other_id) for link in links}
    now = timezone.now()
    group_of = {pk: frozenset([pk]) for pk in live}
    shown_of = {group: pk for pk, group in group_of.items()}
    for link in links:
        a, b = group_of[link.story_id], group_of[link.other_id]
        if a is b or _conflict(a, b, stories):
            continue
        if (min(shown_of[a], shown_of[b]), max(shown_of[a], shown_of[b])) not in linked:
            continue
        merged = a | b
        shown_of[merged] = shown_copy([stories[pk] for pk in merged], now).pk
        for pk in merged:
            group_of[pk] = merged

    wanted: dict[int, int | None] = {pk: None for pk in stories}
    for group in set(group_of.values()):
        if len(group) < 2:
            continue
        shown = stories[shown_of[group]]
        for pk in group:
            wanted[pk] = None if pk == shown.pk else shown.pk
    for pk, story in stories.items():
        if story.duplicate_of_id != wanted[pk]:
            Story.objects.filter(pk=pk).update(duplicate_of_id=wanted[pk])


def _conflict(a: frozenset[int], b: frozenset[int], stories: dict[int, Story]) -> bool:
    return any(
        rules.same_line(stories[x].source_id, stories[x].slugline, stories[y].source_id, stories[y].slugline)
        for x in a
        for y in b
    )


def _visible(story: Story, now: datetime) -> bool:
    return story.state == Story.State.PUBLISHED and not story.is_embargoed(now)


def _preference(story: Story) -> tuple:
    pushed_first = 0 if story.source.kind == Source.Kind.PUSH else 1
    return (-story.source.priority, pushed_first, -story.version_created.timestamp(), story.pk)
