"""SQLite FTS5 and PostgreSQL find the same stories for the same query on the same wire.

The expected sets are written out here, so this file passing on SQLite and on PostgreSQL (the
suite runs on both) proves the two agree: the order may differ, the membership may not.
"""

from datetime import timedelta

import pytest

from readwire.search import search
from readwire.search.tests.conftest import NOW, slugs

CORPUS = {
    "flood-nsw": dict(
        headline="Flood warning for the Hawkesbury-Nepean",
        standfirst="Thousands told to leave homes in western Sydney",
        body="Residents of Windsor and Richmond were told to evacuate as the river rose. The State Emergency "
        "Service said the flood would peak on Tuesday.",
        places=["Sydney", "Windsor"],
        captions=["SES volunteers fill sandbags in Windsor"],
    ),
    "flood-qld": dict(
        headline="Floodwaters cut the Bruce Highway",
        body="Queensland police closed the highway north of Gympie after flooding overnight.",
        places=["Gympie"],
    ),
    "pm-budget": dict(
        headline="Prime minister defends budget",
        body="The prime minister said the budget would ease the cost of living for families.",
        people=["Anthony Albanese"],
    ),
    "pm-floods": dict(
        headline="Prime minister tours flood-hit towns",
        body="The prime minister visited Windsor and promised disaster payments for flood victims.",
        people=["Anthony Albanese"],
        places=["Windsor"],
    ),
    "treasurer": dict(
        headline="Treasurer says budget surplus is on track",
        body="The treasurer told parliament the surplus of $4.2 billion was the first in 15 years.",
        people=["Jim Chalmers"],
    ),
    "covid": dict(
        headline="COVID-19 cases fall in Victoria",
        body="Health officials reported a fall in COVID-19 hospitalisations for a third week.",
        places=["Victoria"],
    ),
    "us-election": dict(
        headline="U.S. election: polls open in swing states",
        body="Voters in Pennsylvania and Georgia queued before dawn in the presidential election.",
        places=["Pennsylvania", "Georgia"],
    ),
    "cricket": dict(
        headline="Australia win the third Test in Adelaide",
        body="The captain praised the bowlers after a day of prime batting conditions at the Adelaide Oval.",
        people=["Pat Cummins"],
        places=["Adelaide"],
    ),
    "minister-sport": dict(
        headline="Sport minister opens new stadium",
        body="The minister for sport said the stadium would host the prime event of the season.",
    ),
    "reserve-bank": dict(
        headline="Reserve Bank holds interest rates",
        body="The Reserve Bank of Australia kept the cash rate at 4.35 per cent, citing sticky inflation.",
        organisations=["Reserve Bank of Australia"],
    ),
    "bank-england": dict(
        headline="Bank of England cuts rates",
        body="The Bank of England lowered its benchmark rate as inflation eased in Britain.",
        organisations=["Bank of England"],
        places=["London"],
    ),
    "bushfire": dict(
        headline="Bushfire threatens homes near Lithgow",
        body="Firefighters battled a bushfire in the Blue Mountains as hot, dry winds fanned the flames.",
        places=["Lithgow"],
        captions=["A water-bombing helicopter over the fire front"],
    ),
    "drought": dict(
        headline="Drought relief for farmers",
        body="Farmers in the west will receive drought payments, the agriculture minister announced.",
    ),
    "cafe": dict(
        headline="Café owners brace for rent rises",
        body="Owners of cafés in Melbourne's laneways said rents had risen by a third.",
        places=["Melbourne"],
    ),
    "whale": dict(
        headline="Humpback whales return to Hervey Bay",
        body="Whale-watching operators reported the earliest sightings in a decade.",
    ),
    "court": dict(
        headline="Court hears appeal over mine approval",
        body="Lawyers for the traditional owners told the Federal Court the approval was unlawful.",
    ),
}

QUERIES = {
    "flood": {"flood-nsw", "flood-qld", "pm-floods"},
    "floods": {"flood-nsw", "flood-qld", "pm-floods"},
    "floodwaters": {"flood-qld"},
    "flood windsor": {"flood-nsw", "pm-floods"},
    "prime minister": {"pm-budget", "pm-floods", "minister-sport"},
    '"prime minister"': {"pm-budget", "pm-floods"},
    '"prime minister" -budget': {"pm-floods"},
    "budget -surplus": {"pm-budget"},
    "budget OR drought": {"pm-budget", "treasurer", "drought"},
    "minister budget OR payments": {"pm-budget", "pm-floods", "drought"},
    "COVID-19": {"covid"},
    "covid 19": {"covid"},
    '"covid 19"': {"covid"},
    "U.S.": {"us-election"},
    "hawkesbury-nepean": {"flood-nsw"},
    "nepean": {"flood-nsw"},
    '"bank of england"': {"bank-england"},
    "bank -england": {"reserve-bank"},
    "rates": {"reserve-bank", "bank-england"},
    "inflation": {"reserve-bank", "bank-england"},
    "sandbags": {"flood-nsw"},
    "helicopter": {"bushfire"},
    "albanese": {"pm-budget", "pm-floods"},
    "anthony albanese": {"pm-budget", "pm-floods"},
    '"anthony albanese"': {"pm-budget", "pm-floods"},
    "gympie": {"flood-qld"},
    "café": {"cafe"},
    "whale": {"whale"},
    "whales": {"whale"},
    "watching": {"whale"},
    "4.35": {"reserve-bank"},
    "bushfire -lithgow": set(),
    "court appeal mine": {"court"},
    "election": {"us-election"},
    '"swing states"': {"us-election"},
    '"states swing"': set(),
    "adelaide oval": {"cricket"},
    "-flood": set(),
    "the of and": set(),
    '"flood warning" OR "bank of england"': {"flood-nsw", "bank-england"},
    "(flood) AND NOT windsor*": {"flood-nsw", "pm-floods"},
    'hawkesbury"': {"flood-nsw"},
    # "NEAR(flood," is read as the phrase "near flood", which no story has.
    "NEAR(flood, sydney)": set(),
    "flood, sydney": {"flood-nsw"},
}

# Filters combine with words the same way everywhere too.
FILTERED = [
    ("flood", dict(place="Windsor"), {"flood-nsw", "pm-floods"}),
    ("minister", dict(person="anthony albanese"), {"pm-budget", "pm-floods"}),
    ("rates", dict(since=NOW - timedelta(days=9, hours=12)), {"reserve-bank"}),
    ("flood", dict(until=NOW - timedelta(days=1)), {"flood-qld", "pm-floods"}),
]


@pytest.fixture
def corpus(publish):
    for age, (slug, fields) in enumerate(CORPUS.items()):
        fields = dict(fields)
        publish(slug, fields.pop("headline"), fields.pop("body"), version_created=NOW - timedelta(days=age), **fields)


def test_every_query_finds_the_same_stories_on_every_backend(corpus):
    # One corpus, every query: the mismatches are listed together so a failure shows them all.
    wrong = {}
    for query, expected in QUERIES.items():
        for sort in ("relevance", "newest"):
            page = search(query, sort=sort, per_page=100, now=NOW)
            if set(slugs(page)) != expected or page.total != len(expected):
                wrong[f"{query} ({sort})"] = sorted(slugs(page))
    for query, filters, expected in FILTERED:
        if set(slugs(search(query, per_page=100, now=NOW, **filters))) != expected:
            wrong[f"{query} {filters}"] = sorted(slugs(search(query, per_page=100, now=NOW, **filters)))
    assert wrong == {}
