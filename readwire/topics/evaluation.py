"""Measuring the classifier and the entity rules on labelled stories (docs/tagging.md has the figures)."""

from __future__ import annotations

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
