"""Which of a story's fields hold a query word, and where: read from the fields' own text.

Relevance on SQLite is which of the headline, standfirst and names hold a query word or phrase
(``backends.sqlite.FIELD_WEIGHTS``). Asking a full-text index that question for a thousand
candidates means reading every entry of the query's words across the candidates' range of keys,
which is years when the words are rare together (10 to 55 ms at a million stories). Reading the
candidates' three short fields and looking for the words in them costs a few milliseconds whatever
the words.

The words are found the way the index finds them (``search_fts``: ``porter unicode61
remove_diacritics 0``): runs of letters and digits, case folded, reduced to their Porter stems
(PyStemmer's ``porter``, the algorithm FTS5's tokenizer implements; like FTS5, words shorter than
three bytes or longer than 64 are left as they are). The two stemmers disagree on a handful of
English words (FTS5 also reduces ``-logi`` and ``-bli``); both put a word's forms in the same class,
so a field holding ``technologies`` matches ``technology`` either way.

The fields are searched for the beginnings of the query's stems (a word and its stem share all but
the stem's last two letters at most), so only the few words that could match are stemmed.

The same matcher marks the words in a page's headlines and cuts their snippets (``highlight`` and
``passage``, used by ``backends.sqlite``): FTS5's ``snippet()`` seeks every query word's list of
entries once per story shown, up to 24 ms for a page when the words are common.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache

import Stemmer

from readwire.search.documents import MATCH_END, MATCH_START
from readwire.search.query import WORD_RE, Phrase

# FTS5's porter tokenizer passes shorter and longer tokens through unchanged (bytes, in UTF-8).
_SHORTEST_STEMMED = 3
_LONGEST_STEMMED = 64
# How many of a stem's last letters a form of the word may spell otherwise (happy, happi; hope, hoping).
_STEM_TAIL = 2

# PyStemmer's stemmers are not safe to share between threads.
_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("porter")
    return stemmer


# A news archive's words are a few tens of thousands: most searches stem words stemmed before.
@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The index's term for ``word`` (already one word of letters and digits)."""
    word = word.lower()
    if not _SHORTEST_STEMMED <= len(word.encode()) <= _LONGEST_STEMMED:
        return word
    return _stemmer().stemWord(word)


class FieldMatcher:
    """Whether a field's text holds any of ``phrases`` (each a word, or words next to each other)."""

    def __init__(self, phrases: Iterable[Phrase]):
        sequences = {tuple(stem(word) for word in phrase.words) for phrase in phrases if phrase.words}
        self.single = frozenset(s[0] for s in sequences if len(s) == 1)
        self.longer = [s for s in sequences if len(s) > 1]
        self.first_words = frozenset(s[0] for s in self.longer)
        # Lower case, as the texts are searched once lowered.
        self.beginnings = tuple(sorted({s[: max(1, len(s) - _STEM_TAIL)] for seq in sequences for s in seq}))
        self._stems: dict[str, str] = {}

    def _stem(self, word: str) -> str:
        known = self._stems.get(word)
        if known is None:
            known = self._stems[word] = stem(word)
        return known

    def _term(self, word: str) -> str:
        """The stem of ``word`` if it could be a query word's, else "": only a word that begins like
        one of the query's stems is stemmed, as in ``_word_starts``."""
        return self._stem(word) if word.lower().startswith(self.beginnings) else ""

    def matches(self, text: str) -> bool:
        return self.matching([text])[0]

    def matching(self, texts: list[str]) -> list[bool]:
        """For each of ``texts``, whether it holds a query word or phrase.

        The texts are lowered and joined, and each stem's beginning is looked for with ``str.find``
        (a C loop, several times faster than a regular expression of alternatives here); only a word
        that starts where a beginning is found is cut out and stemmed."""
        held = [False] * len(texts)
        lowered = [text.lower() for text in texts]  # lowering may change a text's length: offsets from these
        starts, offset = [], 0
        for text in lowered:
            starts.append(offset)
            offset += len(text) + 1
        joined = "\0".join(lowered)  # no word runs across two texts
        phrase_starts = set()
        for at in self._word_starts(joined):
            index = bisect_right(starts, at) - 1
            if not held[index]:
                term = self._stem(WORD_RE.match(joined, at).group())  # type: ignore[union-attr]
                if term in self.single:
                    held[index] = True
                elif term in self.first_words:
                    phrase_starts.add(index)
        for index in phrase_starts:
            if not held[index]:
                words = [self._stem(word) for word in WORD_RE.findall(lowered[index])]
                held[index] = any(_contains(words, sequence) for sequence in self.longer)
        return held

    # --- where: marking a headline, cutting a snippet ------------------------------------------

    def highlight(self, text: str) -> str:
        """``text`` whole, each match (a phrase as one) between MATCH_START and MATCH_END."""
        return self._marked(text, list(WORD_RE.finditer(text)), 0, None, whole=True)

    def passage(self, text: str, size: int) -> str | None:
        """The ``size`` words of ``text`` from just before its first match, matches marked, with
        "…" where the text goes on; None when nothing in ``text`` matches."""
        at = self._first_match(text)
        if at is None:
            return None
        # Words before the match give it context; a window of characters bounds the work on a long body.
        start = text.rfind(" ", 0, max(0, at - _CONTEXT_CHARS)) + 1
        words = list(WORD_RE.finditer(text, start, _word_end(text, at + _PASSAGE_CHARS)))
        first = next(i for i, word in enumerate(words) if word.start() >= at)
        begin = max(0, first - _CONTEXT_WORDS)
        return self._marked(text, words, begin, begin + size)

    def opening(self, text: str, size: int) -> str:
        """The first ``size`` words of ``text``, as a snippet with no match."""
        return self._marked(text, list(WORD_RE.finditer(text, 0, _word_end(text, _PASSAGE_CHARS))), 0, size)

    def _first_match(self, text: str) -> int | None:
        lowered = text.lower()
        if len(lowered) != len(text):  # a character whose lower case is longer: no offsets to trust
            return next((word.start() for word in WORD_RE.finditer(text) if self._at(text, word.start())), None)
        return next((at for at in sorted(self._word_starts(lowered)) if self._at(text, at)), None)

    def _word_starts(self, lowered: str) -> Iterator[int]:
        """Where a word of ``lowered`` (lower-case text) begins like one of the query's stems."""
        for beginning in self.beginnings:
            at = lowered.find(beginning)
            while at != -1:
                if at == 0 or not lowered[at - 1].isalnum():  # the start of a word, as unicode61 cuts words
                    yield at
                at = lowered.find(beginning, at + 1)

    def _at(self, text: str, at: int) -> bool:
        """Whether a match (a word, or a phrase's words in order) begins at offset ``at``."""
        term = self._stem(WORD_RE.match(text, at).group())  # type: ignore[union-attr]
        if term in self.single:
            return True
        if term not in self.first_words:
            return False
        longest = max(len(sequence) for sequence in self.longer)
        following = [self._stem(word) for word in WORD_RE.findall(text, at, at + _PASSAGE_CHARS)[:longest]]
        return any(tuple(following[: len(sequence)]) == sequence for sequence in self.longer)

    def _marked(self, text: str, words: list, begin: int, end: int | None, *, whole: bool = False) -> str:
        """The text from ``words[begin]`` to ``words[end - 1]`` (all of it if ``whole``), matches
        marked, "…" where it was cut."""
        shown = words[begin:end]
        if not shown:
            return text if whole else ""
        stems = [self._term(word.group()) for word in words[begin : (end or len(words)) + _LONGEST_PHRASE]]
        spans = []
        i = 0
        while i < len(shown):
            length = 1 if stems[i] in self.single else 0
            for sequence in self.longer:
                if tuple(stems[i : i + len(sequence)]) == sequence:
                    length = max(length, min(len(sequence), len(shown) - i))
            if length:
                spans.append((shown[i].start(), shown[i + length - 1].end()))
                i += length
            else:
                i += 1
        cut_from, cut_to = (0, len(text)) if whole else (shown[0].start(), _text_end(text, shown[-1].end()))
        pieces, last = [], cut_from
        for span_start, span_end in spans:
            pieces += [text[last:span_start], MATCH_START, text[span_start:span_end], MATCH_END]
            last = span_end
        pieces.append(text[last:cut_to])
        opening = "…" if text[:cut_from].strip() else ""
        closing = "…" if text[cut_to:].strip() else ""
        return opening + "".join(pieces) + closing


# A snippet starts this many words before its first match, found within this many characters.
_CONTEXT_WORDS = 3
_CONTEXT_CHARS = 60
# Enough characters for a snippet's words after its first match (24 words of news prose are ~160).
_PASSAGE_CHARS = 400
_LONGEST_PHRASE = 16


def _text_end(text: str, at: int) -> int:
    """Past the punctuation that closes the last word shown (a full stop, a quote), if the text ends there."""
    return len(text) if not any(c.isalnum() for c in text[at:]) else at


def _word_end(text: str, at: int) -> int:
    """``at``, or further to the end of the word it falls in, so no word is cut in two."""
    while at < len(text) and text[at].isalnum():
        at += 1
    return at


def _contains(words: list[str], sequence: tuple[str, ...]) -> bool:
    size = len(sequence)
    return any(tuple(words[i : i + size]) == sequence for i, word in enumerate(words) if word == sequence[0])
