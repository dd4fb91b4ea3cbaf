"""Precision and recall of the duplicate finder on labelled pairs of stories.

``python -m readwire.wire.duplicates.measure PATH`` prints the tables of docs/duplicates.md for a
corpus in the format of ``readwire/wire/tests/fixtures/duplicates/corpus.json``: stories (key,
source, slugline, headline, paragraphs, first_created) and pairs (a, b, duplicate, kind). An
operator can measure the finder on pairs taken from their own wire the same way.

A pair is called a duplicate exactly as ``linking`` would call it: the two share an LSH band, are
not one source's story and its follow-up, are within the window, both have enough text, and pass
``rules.is_duplicate``. MinHash estimates vary with the permutations drawn, so figures can be
averaged over several permutation seeds; the stored fingerprints use one fixed seed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from readwire.wire.duplicates import rules
from readwire.wire.duplicates.fingerprints import PERMUTATION_SEED, Fingerprint, Similarity


@dataclass(frozen=True)
class LabelledStory:
    key: str
    source: str
    slugline: str
    headline: str
    body: str
    first_created: datetime


@dataclass(frozen=True)
class LabelledPair:
    a: str
    b: str
    duplicate: bool
    kind: str


@dataclass(frozen=True)
class Corpus:
    stories: dict[str, LabelledStory]
    pairs: list[LabelledPair]

    @classmethod
    def load(cls, path: Path | str) -> Corpus:
        data = json.loads(Path(path).read_text())
        stories = {
            s["key"]: LabelledStory(
                key=s["key"],
                source=s["source"],
                slugline=s["slugline"],
                headline=s["headline"],
                body="\n\n".join(s["paragraphs"]),
                first_created=datetime.fromisoformat(s["first_created"]),
            )
            for s in data["stories"]
        }
        pairs = [LabelledPair(p["a"], p["b"], p["duplicate"], p["kind"]) for p in data["pairs"]]
        return cls(stories, pairs)


@dataclass(frozen=True)
class ScoredPair:
    pair: LabelledPair
    # Would the candidate query find one from the other, and may they be linked at all?
    comparable: bool
    similarity: Similarity

    def called_duplicate(self, threshold: float) -> bool:
        return self.comparable and rules.is_duplicate(self.similarity, threshold)


@dataclass(frozen=True)
class Quality:
    threshold: float
    true_positives: float
    false_positives: float
    false_negatives: float

    @property
    def precision(self) -> float:
        called = self.true_positives + self.false_positives
        return self.true_positives / called if called else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0


def score(corpus: Corpus, seed: int = PERMUTATION_SEED) -> list[ScoredPair]:
    prints = {key: Fingerprint.of(story.headline, "", story.body, seed=seed) for key, story in corpus.stories.items()}
    scored = []
    for pair in corpus.pairs:
        a, b = corpus.stories[pair.a], corpus.stories[pair.b]
        fa, fb = prints[pair.a], prints[pair.b]
        comparable = (
            fa.usable
            and fb.usable
            and bool(set(fa.bands()) & set(fb.bands()))
            and rules.within_window(a.first_created, b.first_created)
            and not rules.same_line(_source_id(a.source), a.slugline, _source_id(b.source), b.slugline)
        )
        scored.append(ScoredPair(pair, comparable, fa.similarity(fb)))
    return scored


def quality(scored: list[ScoredPair], threshold: float) -> Quality:
    tp = fp = fn = 0
    for item in scored:
        called = item.called_duplicate(threshold)
        if called and item.pair.duplicate:
            tp += 1
        elif called:
            fp += 1
        elif item.pair.duplicate:
            fn += 1
    return Quality(threshold, tp, fp, fn)


def sweep(corpus: Corpus, thresholds: list[float], seeds: list[int]) -> list[Quality]:
    """Quality at each threshold, counts averaged over the permutation seeds."""
    runs = [score(corpus, seed) for seed in seeds]
    averaged = []
    for threshold in thresholds:
        each = [quality(run, threshold) for run in runs]
        averaged.append(
            Quality(
                threshold,
                sum(q.true_positives for q in each) / len(each),
                sum(q.false_positives for q in each) / len(each),
                sum(q.false_negatives for q in each) / len(each),
            )
        )
    return averaged


def by_kind(scored: list[ScoredPair], threshold: float) -> dict[str, tuple[int, int]]:
    """For each kind of pair: how many pairs, and how many were called duplicates."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in scored:
        # Rule-made rewrites carry their edits in the kind ("rewrite:reordered+trimmed"); one row for all.
        kind = "rewrite" if item.pair.kind.startswith("rewrite:") else item.pair.kind
        counts[kind][0] += 1
        counts[kind][1] += item.called_duplicate(threshold)
    return {kind: (n, called) for kind, (n, called) in sorted(counts.items())}


def _source_id(name: str) -> int:
    # Source names stand in for ids; only equality matters.
    return hash(name)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m readwire.wire.duplicates.measure", description=__doc__.split("\n")[0]
    )
    parser.add_argument("corpus", type=Path, help="labelled pairs, as in tests/fixtures/duplicates/corpus.json")
    parser.add_argument("--seeds", type=int, default=20, help="permutation seeds to average over (default 20)")
    args = parser.parse_args(argv)
    corpus = Corpus.load(args.corpus)
    seeds = list(range(1, args.seeds + 1))
    thresholds = [round(0.15 + 0.05 * i, 2) for i in range(12)]
    positives = sum(p.duplicate for p in corpus.pairs)
    print(f"{len(corpus.pairs)} pairs, {positives} duplicates, averaged over {len(seeds)} permutation seeds\n")
    print("| threshold | precision | recall | false positives | false negatives |")
    print("|---|---|---|---|---|")
    for q in sweep(corpus, sorted({*thresholds, rules.THRESHOLD}), seeds):
        mark = " (chosen)" if q.threshold == rules.THRESHOLD else ""
        print(
            f"| {q.threshold:.2f}{mark} | {q.precision:.3f} | {q.recall:.3f} "
            f"| {q.false_positives:.2f} | {q.false_negatives:.2f} |"
        )
    print(f"\nAt {rules.THRESHOLD} with the stored seed ({PERMUTATION_SEED}):\n")
    print("| kind of pair | pairs | called duplicates |")
    print("|---|---|---|")
    for kind, (n, called) in by_kind(score(corpus), rules.THRESHOLD).items():
        print(f"| {kind} | {n} | {called} |")


if __name__ == "__main__":
    main(sys.argv[1:])
