"""Which of a story's short fields hold a query word, read from the fields' own text.

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
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Iterable

import Stemmer

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
        self.beginnings = sorted({s[: max(1, len(s) - _STEM_TAIL)] for seq in sequences for s in seq})
        self._stems: dict[str, str] = {}

    def _stem(self, word: str) -> str:
        known = self._stems.get(word)
        if known is None:
            known = self._stems[word] = stem(word)
        return known

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
        for beginning in self.beginnings:
            at = joined.find(beginning)
            while at != -1:
                if at == 0 or not joined[at - 1].isalnum():  # the start of a word, as unicode61 cuts words
                    index = bisect_right(starts, at) - 1
                    if not held[index]:
                        term = self._stem(WORD_RE.match(joined, at).group())  # type: ignore[union-attr]
                        if term in self.single:
                            held[index] = True
                        elif term in self.first_words:
                            phrase_starts.add(index)
                at = joined.find(beginning, at + 1)
        for index in phrase_starts:
            if not held[index]:
                words = [self._stem(word) for word in WORD_RE.findall(lowered[index])]
                held[index] = any(_contains(words, sequence) for sequence in self.longer)
        return held


def _contains(words: list[str], sequence: tuple[str, ...]) -> bool:
    size = len(sequence)
    return any(tuple(words[i : i + size]) == sequence for i, word in enumerate(words) if word == sequence[0])
