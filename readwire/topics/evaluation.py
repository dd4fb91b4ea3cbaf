"""Measuring the classifier and the entity rules on labelled stories (docs/tagging.md has the figures)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from readwire.topics.gazetteer import key
from readwire.topics.labelled import LabelledStory


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    actual: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.actual if self.actual else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: set[str], actual: set[str]) -> None:
        self.true_positives += len(predicted & actual)
        self.predicted += len(predicted)
        self.actual += len(actual)


@dataclass
class Report:
    by_label: dict[str, Score] = field(default_factory=dict)
    stories: int = 0

    @property
    def micro(self) -> Score:
        total = Score()
        for score in self.by_label.values():
            total.true_positives += score.true_positives
            total.predicted += score.predicted
            total.actual += score.actual
        return total

    @property
    def macro_f1(self) -> float:
        scores = [s for s in self.by_label.values() if s.actual]
        return sum(s.f1 for s in scores) / len(scores) if scores else 0.0

    def table(self) -> str:
        """A Markdown table of precision, recall and F1 per label, then micro and macro."""
        lines = ["| section | stories | precision | recall | F1 |", "|---|---:|---:|---:|---:|"]
        for label, s in sorted(self.by_label.items()):
            lines.append(f"| {label} | {s.actual} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} |")
        micro = self.micro
        lines.append(f"| **micro** | {micro.actual} | {micro.precision:.2f} | {micro.recall:.2f} | {micro.f1:.2f} |")
        lines.append(f"| **macro F1** | | | | {self.macro_f1:.2f} |")
        return "\n".join(lines)


def sections_report(stories: Iterable[LabelledStory], predict: Callable[[LabelledStory], Iterable[str]]) -> Report:
    report = Report()
    for story in stories:
        report.stories += 1
        predicted, actual = set(predict(story)), set(story.sections)
        for label in predicted | actual:
            report.by_label.setdefault(label, Score()).add(predicted & {label}, actual & {label})
    return report


def entities_report(stories: Iterable[LabelledStory], extract: Callable[[str], object]) -> Report:
    """Precision and recall of people, places and organisations, names compared by ``gazetteer.key``."""
    report = Report(by_label={"people": Score(), "places": Score(), "organisations": Score()})
    for story in stories:
        if not story.annotated:
            continue
        report.stories += 1
        found = extract(story.text)
        for kind, score in report.by_label.items():
            score.add({key(n) for n in getattr(found, kind)}, {key(n) for n in getattr(story, kind)})
    return report


Probabilities = Callable[[LabelledStory], dict[str, float]]


def out_of_fold_probabilities(stories: list[LabelledStory], folds: int = 5) -> dict[str, dict[str, float]]:
    """Each story's section probabilities from a model trained on the other folds (story id → probabilities).

    For choosing settings on the training part without touching the held-out stories.
    """
    from readwire.topics.classifier import SectionClassifier, train

    found: dict[str, dict[str, float]] = {}
    for fold in range(folds):
        fitted = [s for i, s in enumerate(stories) if i % folds != fold]
        model = SectionClassifier(train([s.text for s in fitted], [s.sections for s in fitted]))
        for story in stories[fold::folds]:
            found[story.id] = model.probabilities(story.text)
    return found


def abstention_table(
    stories: list[LabelledStory], probabilities: Probabilities, levels: Iterable[float], chosen: float
) -> str:
    """A Markdown table: for each minimum confidence, how many stories the classifier leaves unplaced,
    how often its lone guess for them would have been right, and the scores that result."""
    from readwire.topics.classifier import THRESHOLD, choose

    probs = {story.id: probabilities(story) for story in stories}
    lines = [
        "| minimum confidence | unplaced | their best guess right | precision | recall | micro F1 | macro F1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for level in sorted(set(levels) | {chosen}):
        found: dict[str, list[str]] = {
            s.id: [g.section for g in choose(probs[s.id], THRESHOLD, level)] for s in stories
        }
        report = sections_report(stories, functools.partial(_lookup, found))
        unplaced = [s for s in stories if not found[s.id]]
        right = sum(1 for s in unplaced if max(probs[s.id], key=probs[s.id].__getitem__) in s.sections)
        micro = report.micro
        mark = " (chosen)" if level == chosen else ""
        lines.append(
            f"| {level:.2f}{mark} | {len(unplaced)} | {right} | {micro.precision:.2f} | {micro.recall:.2f} "
            f"| {micro.f1:.2f} | {report.macro_f1:.2f} |"
        )
    return "\n".join(lines)


def _lookup(found: dict[str, list[str]], story: LabelledStory) -> list[str]:
    return found[story.id]
