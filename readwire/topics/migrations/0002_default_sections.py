"""The default desks and Topics in Focus, so that every fresh install has them.

Operators change them in the admin afterwards; this migration never touches a section that
already exists (matched by slug). The codes are IPTC Media Topics (docs/tagging.md explains
each choice); a story lands in the section that claims the nearest concept up its subject's
``broader`` chain.
"""

from django.db import migrations

DESK, TOPIC = "desk", "topic"
HOME, ABROAD = "home", "abroad"

DEFAULT_SECTIONS = [
    # kind, slug, name, geography, Media Topics (the first is given to stories the classifier places here), keywords, description
    (DESK, "national", "National", HOME,
     ["14000000", "03000000", "17000000", "05000000", "08000000", "12000000", "20000152"],
     [],
     "News from around the country: emergencies, weather, communities, schools and the stories people talk about."),
    (DESK, "world", "World", ABROAD,
     ["20000638", "16000000"],
     ["international news", "world news"],
     "News from abroad and between nations: diplomacy, conflict, elections and disasters overseas."),
    (DESK, "politics", "Politics", HOME,
     ["11000000", "20000634"],
     [],
     "Parliament, government, elections and policy, federal and state."),
    (DESK, "courts", "Courts", HOME,
     ["02000000"],
     ["crime", "law"],
     "Crime, police, courts, inquests and the law."),
    (DESK, "business", "Business", "",
     ["04000000", "20000170", "20000209", "09000000"],
     [],
     "Companies, industries, jobs and the workplace."),
    (DESK, "finance", "Finance", "",
     ["20000385", "20000344", "20000274", "20000280"],
     ["markets"],
     "Markets, interest rates, the dollar, banking and the economy."),
    (DESK, "sport", "Sport", "",
     ["15000000"],
     [],
     "Every code, at home and abroad."),
    (DESK, "entertainment", "Entertainment", "",
     ["01000000", "20000002", "20000005", "20000006", "20000051", "20000045", "20000026", "20000505", "20001179", "20000003", "10000000"],
     [],
     "Film, television, music, celebrities and what people do for fun."),
    (DESK, "science", "Science", "",
     ["13000000", "20000737"],
     [],
     "Research and discovery, from space to the sea floor."),
    (DESK, "health", "Health", "",
     ["07000000", "20000737"],
     [],
     "Illness and medicine, hospitals and health policy."),
    (TOPIC, "environment", "Environment", "",
     ["06000000", "20000436"],
     ["climate"],
     "Climate, conservation, pollution, wildlife and the natural world."),
    (TOPIC, "agriculture", "Agriculture", "",
     ["20000210", "20000759", "20000493", "20000728", "20000152"],
     ["farming"],
     "Farms and farmers: crops, livestock, fishing, forestry, biosecurity and drought."),
    (TOPIC, "future-economies", "Future Economies", "",
     ["20000225", "20000763", "20000257", "20000436", "20001171", "20001275"],
     ["artificial intelligence", "electric vehicles"],
     "Technology, the energy transition, new industries and new kinds of work."),
    (TOPIC, "arts", "Arts", "",
     ["20000002", "20000038", "20000007", "20000013", "20000018", "20000029", "20000031", "20001135", "20001181"],
     [],
     "Visual art, theatre, dance, books, classical music, museums and festivals."),
    (TOPIC, "refugee-issues", "Refugee Issues", "",
     ["20000645", "20000634", "20000771", "20000772"],
     ["refugees", "asylum seekers"],
     "Refugees and asylum seekers, displacement and resettlement, here and abroad."),
]


def create_default_sections(apps, schema_editor):
    Section = apps.get_model("topics", "Section")
    for position, (kind, slug, name, geography, codes, keywords, description) in enumerate(DEFAULT_SECTIONS, 1):
        Section.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "name": name,
                "geography": geography,
                "media_topics": [f"medtop:{code}" for code in codes],
                "keywords": keywords,
                "description": description,
                "position": position,
                "active": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("topics", "0001_initial")]

    operations = [migrations.RunPython(create_default_sections, migrations.RunPython.noop)]
