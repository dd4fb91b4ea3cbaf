"""``readwire evaluate_tagging``: the figures in docs/tagging.md, as Markdown tables.

First, how the classifier's minimum confidence was chosen: for each level, the stories left unplaced
and the scores, on the training part (each story scored by a model trained on the other four fifths),
on the held-out stories and on the fresh ones.

The shipped classifier on the held-out labelled stories and on the fresh stories, alone and as
placement uses it (with the rule that moves home-desk stories from abroad to World, which needs
the sections in the database); the entity rules
on the held-out stories (the rules were developed looking at them) and on the fresh ones (written
after the rules were frozen).
"""

from django.core.management.base import BaseCommand

from readwire.topics import entities, labelled
from readwire.topics.classifier import MIN_CONFIDENCE, classifier
from readwire.topics.evaluation import abstention_table, entities_report, out_of_fold_probabilities, sections_report
from readwire.topics.placement import SectionRules, StoryText, decide


class Command(BaseCommand):
    help = "Measure the section classifier and the entity rules on the labelled stories."

    def handle(self, *args, **options):
        training, held_out = labelled.split(labelled.load())
        fresh = labelled.load_fresh()
        model = classifier()

        levels = (0.0, 0.15, 0.2, 0.22, 0.25, 0.28, 0.3)
        out_of_fold = out_of_fold_probabilities(training)
        for title, stories, probabilities in (
            (f"training part, out of fold ({len(training)})", training, lambda s: out_of_fold[s.id]),
            (f"held-out stories ({len(held_out)})", held_out, lambda s: model.probabilities(s.text)),
            (f"fresh stories ({len(fresh)})", fresh, lambda s: model.probabilities(s.text)),
        ):
            table = abstention_table(stories, probabilities, levels, MIN_CONFIDENCE)
            self.stdout.write(f"\n### Minimum confidence, {title}\n\n{table}\n")

        def predict(story):
            return [g.section for g in model.classify(story.text)]

        rules = SectionRules.load()
        slugs = {pk: slug for slug, pk in rules.by_slug.items()}

        def place(story):
            return [slugs[pk] for pk in decide(StoryText(story.headline, body_text=story.body), rules).sections]

        for title, stories in (("held-out stories", held_out), ("fresh stories", fresh)):
            for how, predictor in (("classifier alone", predict), ("as placed", place)):
                report = sections_report(stories, predictor)
                self.stdout.write(f"\n### Sections, {title} ({report.stories}), {how}\n\n{report.table()}\n")
        for title, stories in (("held-out stories", held_out), ("fresh stories", fresh)):
            report = entities_report(stories, entities.extract)
            table = report.table().replace("| section | stories |", "| kind | names |")
            self.stdout.write(f"\n### Entities, {title} ({report.stories})\n\n{table}\n")
