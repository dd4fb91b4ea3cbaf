"""``readwire evaluate_tagging``: the figures in docs/tagging.md, as Markdown tables.

The shipped classifier on the held-out labelled stories and on the fresh stories, alone and as
placement uses it (with the rule that moves home-desk stories from abroad to World, which needs
the sections in the database); the entity rules
on the held-out stories (the rules were developed looking at them) and on the fresh ones (written
after the rules were frozen).
"""

from django.core.management.base import BaseCommand

from readwire.topics import entities, labelled
from readwire.topics.classifier import classifier
from readwire.topics.evaluation import entities_report, sections_report
from readwire.topics.placement import SectionRules, StoryText, decide


class Command(BaseCommand):
    help = "Measure the section classifier and the entity rules on the labelled stories."

    def handle(self, *args, **options):
        _training, held_out = labelled.split(labelled.load())
        fresh = labelled.load_fresh()
        model = classifier()

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
