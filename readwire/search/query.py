"""What a reader types into the search box, parsed into a small query tree.

The language, the same on every backend:

- words: every word must match (``flood warning``);
- ``"exact phrase"``: the words next to each other, in that order;
- ``-word`` or ``-"a phrase"``: stories that have it are left out;
- ``a OR b``: either (``OR`` in capitals; it binds tighter than the implicit AND, so
  ``flood Sydney OR Melbourne`` is flood and one of the two cities).

Anything else is text: parentheses, ``*``, ``:``, ``^``, ``NEAR`` and stray quotes are read as
word separators or as plain words, never as operators, so no input can reach a backend as syntax.
Backends get the tree, never the string (``backends.sqlite.fts5_expression``,
``backends.postgres.tsquery_expression``).

Words are what the search index calls words: runs of letters and digits. ``COVID-19`` is the
phrase ``covid 19``, ``U.S.`` the phrase ``u s``, exactly as the indexes cut the stories' text.
English stop words (PostgreSQL's list) are dropped from the query on both backends, because
PostgreSQL leaves them out of its index; a query of stop words only finds nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Long enough for any real query; bounds the work a hostile one can cause.
MAX_QUERY_CHARS = 500
MAX_PHRASES = 16
MAX_WORDS_PER_PHRASE = 16

WORD_RE = re.compile(r"[^\W_]+")
# Typographic quotes and minus signs count like their ASCII forms: they arrive by copy and paste.
QUOTES = '"“”„‟«»'
MINUSES = "-−–"

# PostgreSQL's english.stop (the Snowball list), so both backends drop the same words.
_ENGLISH_STOP = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
    herself it its itself they them their theirs themselves what which who whom this that these those am is
    are was were be been being have has had having do does did doing a an the and but if or because as until
    while of at by for with about against between into through during before after above below to from up
    down in out on off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will just don should now
"""
STOP_WORDS = frozenset(_ENGLISH_STOP.split())


@dataclass(frozen=True)
class Phrase:
    """Words that must appear next to each other, in order; a single word is a phrase of one."""

    words: tuple[str, ...]

    def __str__(self) -> str:
        return self.words[0] if len(self.words) == 1 else '"' + " ".join(self.words) + '"'


@dataclass(frozen=True)
class AnyOf:
    """At least one of the phrases."""

    phrases: tuple[Phrase, ...]

    def __str__(self) -> str:
        return " OR ".join(map(str, self.phrases))


@dataclass(frozen=True)
class Query:
    """All of ``required`` and none of ``excluded``. A query with nothing required finds nothing."""

    required: tuple[Phrase | AnyOf, ...] = ()
    excluded: tuple[Phrase, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.required

    @property
    def phrases(self) -> list[Phrase]:
        """Every phrase that must or may match, for highlighting."""
        found: list[Phrase] = []
        for clause in self.required:
            found.extend(clause.phrases if isinstance(clause, AnyOf) else [clause])
        return found

    def __str__(self) -> str:
        return " ".join([*map(str, self.required), *(f"-{p}" for p in self.excluded)])


@dataclass
class _Token:
    text: str
    quoted: bool = False
    negated: bool = False

    @property
    def is_or(self) -> bool:
        return self.text == "OR" and not self.quoted and not self.negated


def parse(text: str) -> Query:
    """Parse what a reader typed. Never raises: nonsense becomes words, or an empty query."""
    return _build(_lex(_normalise(text)))


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)[: MAX_QUERY_CHARS * 2])[:MAX_QUERY_CHARS]
    # Control characters (NUL among them) are never part of a word and PostgreSQL refuses NUL.
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cs") else c for c in text)


def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        negated = c in MINUSES and i + 1 < n and not text[i + 1].isspace()
        if negated:
            i += 1
            c = text[i]
        if c in QUOTES:
            end = i + 1
            while end < n and text[end] not in QUOTES:
                end += 1
            tokens.append(_Token(text[i + 1 : end], quoted=True, negated=negated))
            i = end + 1
            continue
        end = i
        while end < n and not text[end].isspace() and text[end] not in QUOTES:
            end += 1
        tokens.append(_Token(text[i:end], negated=negated))
        i = end
    return tokens


def _phrase(token: _Token) -> Phrase | None:
    words = [w.lower() for w in WORD_RE.findall(token.text)][:MAX_WORDS_PER_PHRASE]
    # Stop words at the ends of a phrase constrain nothing in PostgreSQL, so they go on both backends.
    while words and words[0] in STOP_WORDS:
        words.pop(0)
    while words and words[-1] in STOP_WORDS:
        words.pop()
    return Phrase(tuple(words)) if words else None


def _build(tokens: list[_Token]) -> Query:
    required: list[list[Phrase]] = []
    excluded: list[Phrase] = []
    # An OR joins the phrase before it to the one after it; it means nothing at either end.
    join_next = False
    for token in tokens:
        if token.is_or:
            join_next = bool(required)
            continue
        phrase = _phrase(token)
        if phrase is None:
            continue
        if token.negated:
            excluded.append(phrase)
            join_next = False
        elif join_next:
            required[-1].append(phrase)
            join_next = False
        else:
            required.append([phrase])

    clauses: list[Phrase | AnyOf] = []
    budget = MAX_PHRASES
    for group in required:
        group = list(dict.fromkeys(group))[:budget]
        if not group:
            break
        budget -= len(group)
        clauses.append(group[0] if len(group) == 1 else AnyOf(tuple(group)))
    excluded = list(dict.fromkeys(excluded))[: max(budget, 0)]
    return Query(tuple(dict.fromkeys(clauses)), tuple(excluded))
