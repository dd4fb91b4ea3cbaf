"""What a story's text looks like to the duplicate finder: shingles, a MinHash signature, LSH bands.

Everything here is a pure function of the text, the same on every machine and in every process, so
signatures stored by one worker can be compared with signatures computed by another. Words are
hashed with BLAKE2 (never Python's ``hash()``, which is salted per process), a shingle's hash is
mixed from its words' hashes, and the MinHash permutations come from a fixed seed. ``SCHEME`` names this whole recipe; a stored fingerprint with
another scheme number is stale and is recomputed (``readwire link_duplicates --all``).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

# Bump when anything below changes what a signature or a band hash is for the same text.
SCHEME = 2

# Word shingles of this many words. Three is long enough that stock phrases ("the prime minister
# said") do not make every two political stories look alike, and short enough that a partner's
# light edits (a changed word every sentence or two) leave most shingles of a sentence intact.
SHINGLE_WORDS = 3
NUM_PERM = 128
PERMUTATION_SEED = 1
PERMUTATION_SCHEME = "affine32"
# The first BANDS * ROWS_PER_BAND signature values are cut into bands; two stories become
# candidates when any band is equal. With 32 bands of 2 rows a pair with Jaccard 0.2 is a
# candidate 73% of the time and one with 0.3 95% of the time; unrelated stories (Jaccard near
# 0.01) almost never (docs/duplicates.md). All 128 values serve the similarity estimate.
BANDS = 32
ROWS_PER_BAND = 2
# The lead (the first words of the body, not the headline, which partners rewrite) has a small
# signature and bands of its own: a teaser or a trimmed copy shares little of a long story as a
# whole but nearly all of its opening, and is found through these.
LEAD_WORDS = 40
LEAD_PERM = 32
LEAD_BANDS = 16
# Too little text to tell a copy from a coincidence ("More to come.", a kill notice).
MIN_SHINGLES = 12

_WORD = re.compile(r"\w+")
_THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_EMPTY = np.uint32(0xFFFFFFFF)
# The combining diacritical marks of Latin, Greek and Cyrillic, which NFKD splits off letters.
_DIACRITICS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def normalise(text: str) -> str:
    """Lower case, compatibility forms folded, accents dropped: "Café" and "cafe" read alike."""
    if text.isascii():
        return text.lower()
    return _DIACRITICS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def words(text: str) -> list[str]:
    # Thousands separators would otherwise split "1,200" into two words and "1200" into one.
    return _WORD.findall(_THOUSANDS.sub("", normalise(text)))


def shingles(text: str) -> set[str]:
    return _shingles(words(text))


def _shingles(tokens: list[str]) -> set[str]:
    if len(tokens) < SHINGLE_WORDS:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """A story's MinHash signatures (whole text and lead) and how many shingles the text has."""

    signature: np.ndarray
    lead: np.ndarray
    shingle_count: int

    @classmethod
    def of(cls, headline: str, standfirst: str, body_text: str, *, seed: int = PERMUTATION_SEED) -> Fingerprint:
        """The fingerprint of a story's text: headline, standfirst and body, and the body's lead
        (the first ``LEAD_WORDS`` words of standfirst and body, without the headline, which
        partners rewrite). ``seed`` is for measuring how estimates vary; stored fingerprints
        always use ``PERMUTATION_SEED``."""
        body = words(f"{standfirst}\n{body_text}")
        tokens = words(headline) + body
        hashes = _word_hashes(tokens)
        found = _shingle_hashes(hashes)
        whole = _minhash(NUM_PERM, seed)
        whole.update_batch(found.tolist())
        opening = _minhash(LEAD_PERM, seed)
        lead_start = len(tokens) - len(body)
        opening.update_batch(_shingle_hashes(hashes[lead_start : lead_start + LEAD_WORDS]).tolist())
        return cls(whole.hashvalues.astype(np.uint32), opening.hashvalues.astype(np.uint32), len(found))

    @classmethod
    def from_bytes(cls, data: bytes, shingle_count: int) -> Fingerprint:
        values = np.frombuffer(bytes(data), dtype="<u4").astype(np.uint32)
        if values.shape != (NUM_PERM + LEAD_PERM,):
            raise ValueError(f"a stored signature has {NUM_PERM + LEAD_PERM} values, this one {values.size}")
        return cls(values[:NUM_PERM], values[NUM_PERM:], shingle_count)

    def to_bytes(self) -> bytes:
        return np.concatenate([self.signature, self.lead]).astype("<u4").tobytes()

    @property
    def usable(self) -> bool:
        return self.shingle_count >= MIN_SHINGLES

    def bands(self) -> list[tuple[int, int]]:
        """``(band number, band hash)`` pairs; one equal pair makes two stories candidates.

        Numbers ``0..BANDS-1`` are bands of the whole text, the next ``LEAD_BANDS`` of the lead.
        """
        whole = self.signature[: BANDS * ROWS_PER_BAND].reshape(BANDS, ROWS_PER_BAND)
        opening = self.lead[: LEAD_BANDS * ROWS_PER_BAND].reshape(LEAD_BANDS, ROWS_PER_BAND)
        rows = [*whole, *opening]
        return [(number, band_hash(number, row.astype("<u4").tobytes())) for number, row in enumerate(rows)]

    def similarity(self, other: Fingerprint) -> Similarity:
        return Similarity.estimate(
            _agreement(self.signature, other.signature),
            _agreement(self.lead, other.lead),
            self.shingle_count,
            other.shingle_count,
        )


@dataclass(frozen=True)
class Similarity:
    """How much two stories resemble each other, estimated from their signatures.

    ``jaccard`` is shared shingles over all shingles of the two. ``containment`` is the share of
    the shorter story's shingles found in the longer one, derived from the Jaccard estimate and
    the two sizes: a partner's trimmed copy or teaser of a long wire story has a low Jaccard but a
    high containment. ``lead`` is the Jaccard of the two openings, ``size_ratio`` shorter over longer.
    """

    jaccard: float
    containment: float
    lead: float
    size_ratio: float

    @classmethod
    def estimate(cls, jaccard: float, lead: float, size_a: int, size_b: int) -> Similarity:
        smaller, larger = sorted((size_a, size_b))
        if smaller == 0:
            return cls(jaccard, 0.0, lead, 0.0)
        shared = jaccard * (size_a + size_b) / (1 + jaccard)
        return cls(jaccard, min(1.0, shared / smaller), lead, smaller / larger)


def band_hash(number: int, row: bytes) -> int:
    """A signed 64-bit hash of one band, so it fits a BigIntegerField on every database."""
    digest = hashlib.blake2b(row, digest_size=8, person=b"readwire-lsh", salt=number.to_bytes(2, "big")).digest()
    return int.from_bytes(digest, "big", signed=True)


def _agreement(a: np.ndarray, b: np.ndarray) -> float:
    """The MinHash estimate of Jaccard: the share of positions where the signatures agree.

    Empty sets leave every value at the maximum; two empty sets are not alike.
    """
    agree = (a == b) & (a != _EMPTY)
    return float(np.count_nonzero(agree)) / a.size


# Odd multipliers that make a shingle's hash depend on the order of its words.
_POSITION = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9][:SHINGLE_WORDS], dtype=np.uint64)


def _word_hashes(tokens: list[str]) -> np.ndarray:
    # Each distinct word once: a story uses its words about twice on average.
    table = {word: _word_hash(word) for word in dict.fromkeys(tokens)}
    return np.array([table[word] for word in tokens], dtype=np.uint64)


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def _shingle_hashes(word_hashes: np.ndarray) -> np.ndarray:
    """The distinct 32-bit hashes of the text's shingles, each mixed from its words' hashes.

    The same as hashing every shingle's text, at a fraction of the cost: each word is hashed once.
    """
    n = len(word_hashes) - SHINGLE_WORDS + 1
    if n < 1:
        if not len(word_hashes):
            return np.empty(0, dtype=np.uint32)
        n, word_hashes = 1, np.concatenate([word_hashes, np.zeros(SHINGLE_WORDS - len(word_hashes), np.uint64)])
    mixed = np.zeros(n, dtype=np.uint64)
    for position, multiplier in enumerate(_POSITION):
        mixed += word_hashes[position : position + n] * multiplier
    return np.unique((_fmix64(mixed) >> np.uint64(32)).astype(np.uint32))


def _fmix64(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser: every input bit flips about half of the output bits."""
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xFF51AFD7ED558CCD)
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xC4CEB9FE1A85EC53)
    return x ^ (x >> np.uint64(33))


def _already_hashed(value):
    return value


@functools.cache
def _permutations(seed: int) -> np.ndarray:
    return MinHash(num_perm=NUM_PERM, seed=seed, scheme=PERMUTATION_SCHEME).permutations


def _minhash(num_perm: int, seed: int) -> MinHash:
    # The lead's signature uses the first permutations of the same family.
    a, b = _permutations(seed)
    return MinHash(
        num_perm=num_perm,
        seed=seed,
        scheme=PERMUTATION_SCHEME,
        hashfunc=_already_hashed,
        permutations=(a[:num_perm], b[:num_perm]),
    )
