"""A slice of the IPTC Media Topics vocabulary: the 17 top-level topics and their current children.

Taken from the IPTC Media Topics release of 2019-04-06 (cptall-x-all.json), published by IPTC, the
International Press Telecommunications Council, under Creative Commons Attribution 4.0
(https://creativecommons.org/licenses/by/4.0/). Each desk carries a weight: roughly how much of an
English-language general news wire it fills (politics, business and sport dominate; religion is rare).
"""

from __future__ import annotations

MEDIA_TOPIC_URI = "http://cv.iptc.org/newscodes/mediatopic/"

# (code, English label, share of the wire, ((child code, child label), ...))
DESKS: tuple[tuple[str, str, int, tuple[tuple[str, str], ...]], ...] = (
    (
        "01000000",
        "arts, culture, entertainment and media",
        5,
        (
            ("20000002", "arts and entertainment"),
            ("20000038", "culture"),
            ("20000045", "mass media"),
        ),
    ),
    (
        "02000000",
        "crime, law and justice",
        12,
        (
            ("20000082", "crime"),
            ("20000106", "judiciary"),
            ("20000119", "justice"),
            ("20000121", "law"),
            ("20000129", "law enforcement"),
        ),
    ),
    (
        "03000000",
        "disaster, accident and emergency incident",
        5,
        (
            ("20000139", "accident and emergency incident"),
            ("20000148", "disaster"),
            ("20000168", "emergency response"),
        ),
    ),
    (
        "04000000",
        "economy, business and finance",
        15,
        (
            ("20000170", "business information"),
            ("20000209", "economic sector"),
            ("20000344", "economy"),
            ("20000385", "market and exchange"),
        ),
    ),
    (
        "05000000",
        "education",
        2,
        (
            ("20000398", "parent organisation"),
            ("20000399", "religious education"),
            ("20000400", "school"),
            ("20000410", "social learning"),
            ("20000411", "teaching and learning"),
            ("20001216", "vocational education"),
        ),
    ),
    (
        "06000000",
        "environment",
        4,
        (
            ("20000418", "climate change"),
            ("20000420", "conservation"),
            ("20000423", "environmental politics"),
            ("20000424", "environmental pollution"),
            ("20000430", "natural resources"),
            ("20000441", "nature"),
        ),
    ),
    (
        "07000000",
        "health",
        6,
        (
            ("20000446", "diseases and conditions"),
            ("20000461", "health facility"),
            ("20000463", "health organisations"),
            ("20000464", "health treatment"),
            ("20000479", "healthcare policy"),
            ("20000485", "medical profession"),
            ("20000493", "non-human diseases"),
        ),
    ),
    (
        "08000000",
        "human interest",
        3,
        (
            ("20000497", "accomplishment"),
            ("20000500", "animal"),
            ("20000501", "ceremony"),
            ("20000502", "people"),
            ("20000507", "plant"),
            ("20001237", "anniversary"),
        ),
    ),
    (
        "09000000",
        "labour",
        3,
        (
            ("20000509", "employment"),
            ("20000521", "employment legislation"),
            ("20000523", "labour market"),
            ("20000524", "labour relations"),
            ("20000531", "retirement"),
            ("20000533", "unemployment"),
            ("20000536", "unions"),
        ),
    ),
    (
        "10000000",
        "lifestyle and leisure",
        2,
        (
            ("20000538", "leisure"),
            ("20000565", "lifestyle"),
            ("20001239", "exercise and fitness"),
        ),
    ),
    (
        "11000000",
        "politics",
        18,
        (
            ("20000574", "election"),
            ("20000587", "fundamental rights"),
            ("20000593", "government"),
            ("20000621", "government policy"),
            ("20000638", "international relations"),
            ("20000646", "non-governmental organisation"),
            ("20000647", "political crisis"),
            ("20000648", "political dissent"),
            ("20000649", "political process"),
        ),
    ),
    (
        "12000000",
        "religion and belief",
        1,
        (
            ("20000657", "religious belief"),
            ("20000687", "interreligious dialogue"),
            ("20000688", "religious conflict"),
            ("20000689", "religious event"),
            ("20000697", "religious facilities"),
            ("20000702", "religious institutions and state relations"),
            ("20000703", "religious leader"),
            ("20000705", "religious text"),
        ),
    ),
    (
        "13000000",
        "science and technology",
        4,
        (
            ("20000710", "biomedical science"),
            ("20000715", "mathematics"),
            ("20000717", "natural science"),
            ("20000735", "scientific research"),
            ("20000741", "scientific institution"),
            ("20000742", "social sciences"),
            ("20000755", "scientific standards"),
            ("20000756", "technology and engineering"),
        ),
    ),
    (
        "14000000",
        "society",
        4,
        (
            ("20000768", "communities"),
            ("20000770", "demographics"),
            ("20000771", "immigration"),
            ("20000772", "emigration"),
            ("20000775", "discrimination"),
            ("20000780", "family"),
            ("20000788", "mankind"),
            ("20000799", "social condition"),
            ("20000802", "social problem"),
            ("20000808", "values"),
            ("20000817", "welfare"),
        ),
    ),
    (
        "15000000",
        "sport",
        14,
        (
            ("20000822", "competition discipline"),
            ("20001103", "disciplinary action in sport"),
            ("20001104", "drug use in sport"),
            ("20001108", "sport event"),
            ("20001124", "sport industry"),
            ("20001125", "sport organisation"),
            ("20001126", "sport venue"),
            ("20001148", "transfer"),
            ("20001240", "bodybuilding"),
        ),
    ),
    (
        "16000000",
        "conflict, war and peace",
        8,
        (
            ("20000053", "act of terror"),
            ("20000056", "armed conflict"),
            ("20000065", "civil unrest"),
            ("20000070", "coup d'etat"),
            ("20000071", "massacre"),
            ("20000073", "peace process"),
            ("20000077", "post-war reconstruction"),
            ("20000080", "prisoners of war"),
        ),
    ),
    (
        "17000000",
        "weather",
        2,
        (
            ("20001128", "weather forecast"),
            ("20001129", "weather phenomena"),
            ("20001130", "weather statistic"),
            ("20001131", "weather warning"),
        ),
    ),
)
