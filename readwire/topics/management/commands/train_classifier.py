"""``readwire train_classifier``: learn the section classifier from ``topics/data/labelled/``.

Trains on the training part only (every fourth story of each file is held out), writes
``topics/data/classifier.json`` and prints the held-out scores; commit the file with the stories.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from readwire.topics import classifier, labelled
from readwire.topics.evaluation import sections_report


class Command(BaseCommand):
    help = "Train the section classifier on the labelled stories and write topics/data/classifier.json."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=classifier.MODEL_FILE)

    def handle(self, *args, output: Path, **options):
        training, held_out = labelled.split(labelled.load())
        model = classifier.train([s.text for s in training], [s.sections for s in training])
        output.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        trained = classifier.SectionClassifier(model)
        report = sections_report(held_out, lambda story: [g.section for g in trained.classify(story.text)])
        self.stdout.write(
            f"trained on {len(training)} stories, {len(model['terms'])} terms; wrote {output} "
            f"({output.stat().st_size // 1024} KiB)\n"
            f"held out ({len(held_out)} stories): micro F1 {report.micro.f1:.3f}, macro F1 {report.macro_f1:.3f}"
        )
