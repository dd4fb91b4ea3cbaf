"""Stories with a life: developing stories, corrections, a kill and an embargo, version by version.

Times are minutes before ``BASE_TIME`` (the embargo is minutes after it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from readwire.wire.item import CANCELED


@dataclass(frozen=True)
class Step:
    minutes_before: int
    headline: str
    standfirst: str
    paragraphs: tuple[str, ...]
    urgency: int = 4
    ed_note: str = ""
    signals: tuple[str, ...] = ()
    pub_status: str = "usable"


@dataclass(frozen=True)
class Life:
    desk: str
    slug: str
    byline: str
    dateline: str
    steps: tuple[Step, ...]
    subjects: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    format: str = "ninjs3"
    picture: str = ""
    genre: str = "Current"
    embargo_minutes_after: int | None = None
    kind: str = field(default="developing")


FLOOD = Life(
    desk="national",
    slug="hawkesbury-flood",
    byline="Liam O'Halloran and Grace Whitford",
    dateline="SYDNEY",
    subjects=("20000154", "17000000", "03000000"),
    places=("Windsor", "Hawkesbury River", "North Richmond"),
    organisations=("NSW State Emergency Service", "Bureau of Meteorology"),
    picture="Floodwater surrounds homes in Windsor",
    steps=(
        Step(
            300,
            "Evacuation order for Windsor as Hawkesbury River rises",
            "Residents of low-lying streets have been told to leave before roads are cut.",
            (
                "An evacuation order has been issued for low-lying parts of Windsor in Sydney's northwest as the Hawkesbury River rises rapidly after days of heavy rain.",
                "The NSW State Emergency Service told residents of streets near the river to leave by 6pm, before floodwater cuts the main roads out of the area.",
                "The Bureau of Meteorology expects the river at Windsor to reach the major flood level of 12.2 metres overnight, and possibly go higher.",
                "More details to come.",
            ),
            urgency=2,
        ),
        Step(
            210,
            "Hundreds leave their homes as Hawkesbury heads for major flood",
            "About 2000 people have been told to evacuate, with the river expected to peak overnight.",
            (
                "Hundreds of residents have left their homes in Sydney's northwest as the Hawkesbury River heads for a major flood peak, with about 2000 people now under evacuation orders.",
                "Evacuation centres have opened at Richmond and Castle Hill, and the SES says it has carried out 37 flood rescues since midday, most of them of drivers who entered floodwater.",
                '"Please, if you have been told to go, go now," SES chief superintendent Ashleigh Dunmore said. "Our volunteers are working flat out, and every rescue of someone who could have left earlier takes them away from someone who could not."',
                "The Bureau of Meteorology says the river at Windsor could peak at about 13.5 metres, similar to the floods of 2022.",
                "Residents further downstream at Wisemans Ferry and Lower Portland are being told to prepare to leave.",
                "Several roads, including the Windsor Bridge and parts of the Richmond Road, are closed.",
            ),
            urgency=3,
        ),
        Step(
            95,
            "Hawkesbury flood peak lower than feared but homes inundated",
            "The river peaked below forecast at Windsor, though more than 150 homes were flooded.",
            (
                "The Hawkesbury River has peaked lower than feared at Windsor, but more than 150 homes have been inundated and hundreds of people will spend another night away from home.",
                "The river reached 12.9 metres at Windsor shortly after 3am, half a metre below the forecast peak, before beginning to fall slowly.",
                '"We have dodged the worst of it, but for the people whose homes have gone under, that is not much comfort," SES chief superintendent Ashleigh Dunmore said.',
                "Emergency services carried out 58 flood rescues overnight. No deaths or serious injuries have been reported.",
                "Disaster assistance has been activated for the Hawkesbury local government area, giving residents access to emergency payments of $180 per person.",
                '"The mud and the smell are the worst part. We did this in 2022 and we are doing it again," North Richmond resident Kerry Mulligan said as she surveyed her flooded garage.',
                "The evacuation orders remain in place until the SES has assessed the damage.",
            ),
            urgency=4,
        ),
    ),
)

QUAKE = Life(
    desk="world",
    slug="japan-earthquake",
    byline="Oliver Strand in Tokyo",
    dateline="TOKYO",
    subjects=("03000000", "20000643"),
    places=("Japan", "Iwate", "Miyako"),
    organisations=("Japan Meteorological Agency",),
    steps=(
        Step(
            540,
            "Powerful earthquake strikes off northern Japan, tsunami warning issued",
            "The magnitude 7.1 quake struck off the coast of Iwate prefecture.",
            (
                "A powerful magnitude 7.1 earthquake has struck off the coast of northern Japan, prompting a tsunami warning for the Pacific coast of Iwate prefecture.",
                "The Japan Meteorological Agency said the quake struck at a depth of about 30 kilometres and warned of waves of up to one metre.",
                "Residents of coastal areas were told to move to higher ground immediately.",
                "There were no immediate reports of damage.",
            ),
            urgency=1,
        ),
        Step(
            480,
            "Tsunami warning lifted after powerful quake off Japan",
            "Small waves reached the coast but authorities say the danger has passed.",
            (
                "Japan has lifted a tsunami warning for its northern Pacific coast after a powerful magnitude 7.1 earthquake, with only small waves reaching the shore.",
                "Waves of about 40 centimetres were recorded at the port of Miyako, the Japan Meteorological Agency said.",
                "Trains in the region were halted while tracks were inspected and some 20,000 homes lost power.",
                "The operator of a nuclear power station in the region said no abnormalities had been detected.",
                "The Department of Foreign Affairs and Trade said it had no reports of Australians affected.",
            ),
            urgency=2,
        ),
        Step(
            400,
            "Two dead, dozens injured after powerful earthquake in northern Japan",
            "Rescuers are searching collapsed buildings in coastal towns of Iwate prefecture.",
            (
                "Two people have died and dozens have been injured after a powerful earthquake struck off northern Japan, toppling buildings and triggering landslides in coastal towns.",
                "An elderly man was killed when his house collapsed in Miyako, and a woman died after being struck by falling debris, local officials said.",
                '"The shaking went on for a long time, maybe a minute. Everything fell from the shelves," a shop owner in Miyako told public broadcaster NHK.',
                "A tsunami warning was lifted about an hour after the quake, after waves of about 40 centimetres reached the coast.",
                "Prime Minister's office officials said a task force had been set up and the military had been sent to help with rescues.",
                "The region was devastated by a magnitude 9.0 earthquake and tsunami in 2011 that killed more than 18,000 people.",
                "The Department of Foreign Affairs and Trade said it had no reports of Australians among the casualties.",
            ),
            urgency=3,
        ),
    ),
)

RATES = Life(
    desk="finance",
    slug="rba-rates-decision",
    byline="Priya Raman",
    dateline="SYDNEY",
    subjects=("20000350", "20000371", "20000370"),
    people=("Margaret Lindqvist",),
    organisations=("Reserve Bank of Australia",),
    picture="Reserve Bank governor Margaret Lindqvist",
    steps=(
        Step(
            1040,
            "Reserve Bank leaves cash rate on hold at 4.10pc",
            "The board says it wants more evidence that inflation is under control.",
            (
                "The Reserve Bank has left the cash rate unchanged at 4.10 per cent, saying it needs more evidence that inflation is sustainably back within its target band.",
                "The decision was expected by most economists, although financial markets had put a small chance on a cut.",
                "Governor Margaret Lindqvist will hold a media conference later this afternoon.",
                "More to come.",
            ),
            urgency=2,
        ),
        Step(
            1000,
            "Reserve Bank holds rates, governor says cuts are still coming",
            "Margaret Lindqvist says the board is 'in no hurry' but expects to lower rates further this year.",
            (
                "The Reserve Bank has kept interest rates on hold at 4.10 per cent, but governor Margaret Lindqvist says further cuts are likely this year if inflation keeps easing.",
                '"We are in no hurry, and we are not on a pre-set path," Lindqvist told reporters in Sydney. "But if the data come in as we expect, the board will have scope to ease further."',
                "The board said underlying inflation had fallen to 2.7 per cent and the labour market remained tight, with unemployment at 4.1 per cent.",
                "It noted that global trade tensions had added to uncertainty about the outlook for growth.",
                "Treasurer Helen Marsh said the decision was a matter for the independent bank, but the government's responsible budget management was helping to bring inflation down.",
            ),
            urgency=3,
        ),
        Step(
            970,
            "Borrowers wait longer for relief as Reserve Bank holds fire",
            "Shares dipped and the dollar rose after the decision, while economists still expect two more cuts this year.",
            (
                "Mortgage holders will have to wait longer for interest rate relief after the Reserve Bank kept the cash rate on hold at 4.10 per cent, although the governor signalled further cuts are likely this year.",
                '"We are in no hurry, and we are not on a pre-set path," governor Margaret Lindqvist told reporters in Sydney. "But if the data come in as we expect, the board will have scope to ease further."',
                "The Australian share market trimmed its gains after the announcement, with the S&P/ASX200 closing up 0.2 per cent, while the Australian dollar rose a quarter of a cent to 64.8 US cents.",
                "Economists at three of the big four banks still expect two more quarter-point cuts before the end of the year.",
                '"The bank is being cautious, but the direction of travel is clear," CommSec economist Belinda Archer said.',
                "For a borrower with a $600,000 mortgage, each quarter-point cut reduces monthly repayments by about $90.",
                "Consumer groups urged the bank to move faster, saying many households were still struggling with the cost of living.",
                "The board next meets in six weeks.",
            ),
            urgency=4,
        ),
    ),
)

VERDICT = Life(
    desk="courts",
    slug="developer-murder-verdict",
    byline="Samir Haddad",
    dateline="BRISBANE",
    subjects=("20000111", "20000082"),
    people=("Dylan Fraser", "Craig Benson"),
    places=("Gold Coast", "Broadbeach"),
    organisations=("Supreme Court of Queensland",),
    steps=(
        Step(
            1500,
            "Gold Coast man found guilty of murdering business partner",
            "A jury took two days to reach its verdict.",
            (
                "A Gold Coast man has been found guilty of murdering his business partner after a property development between the two men collapsed.",
                "A Supreme Court jury in Brisbane returned its verdict against Dylan Fraser, 44, after two days of deliberations.",
                "Fraser had pleaded not guilty to murdering 51-year-old Craig Benson, whose body was found in a canal at Broadbeach in 2023.",
                "More to come.",
            ),
            urgency=2,
        ),
        Step(
            1470,
            "Jury finds Gold Coast man guilty of business partner's murder",
            "Dylan Fraser showed no emotion as the verdict was read; he faces a mandatory life sentence.",
            (
                "A Gold Coast man has been found guilty of murdering his business partner, whose body was found in a Broadbeach canal after their property development collapsed owing millions of dollars.",
                "Dylan Fraser, 44, showed no emotion as the jury foreperson delivered the verdict in the Supreme Court in Brisbane after two days of deliberations.",
                "The Crown alleged Fraser killed 51-year-old Craig Benson at his home in 2023 after Benson threatened to go to police about money missing from the venture.",
                "Fraser's defence argued there was no direct evidence linking him to the death and that Benson may have fallen into the canal.",
                "Murder carries a mandatory life sentence in Queensland, with a non-parole period of at least 20 years.",
                "Fraser will be sentenced next week.",
            ),
            urgency=3,
        ),
        Step(
            1380,
            "'Justice for Craig': family's relief as Gold Coast man convicted of murder",
            "Craig Benson's sister says the family can finally begin to grieve.",
            (
                "The family of murdered Gold Coast businessman Craig Benson say they can finally begin to grieve, after his business partner was found guilty of killing him.",
                "Dylan Fraser, 44, was convicted by a Supreme Court jury in Brisbane of murdering the 51-year-old at his Broadbeach home in 2023 after their property development collapsed.",
                '"Craig was a generous, funny, loyal man who trusted the wrong person," his sister Michelle Benson said outside court. "Today we got justice for him. Now we can start to grieve."',
                "The Crown alleged Fraser killed Benson after Benson threatened to go to police about $3.2 million missing from the venture.",
                "During the three-week trial the jury heard evidence from 41 witnesses, including forensic accountants who traced money from the project's accounts to Fraser's personal loans.",
                "Fraser's defence argued there was no direct evidence linking him to the death.",
                "Murder carries a mandatory life sentence in Queensland, with a non-parole period of at least 20 years.",
                "Fraser will be sentenced next week.",
            ),
            urgency=4,
        ),
    ),
)

RESHUFFLE = Life(
    desk="politics",
    slug="cabinet-reshuffle",
    byline="Maeve Calloway",
    dateline="CANBERRA",
    subjects=("11000000", "20000615"),
    people=("Daniel Arundel", "Owen Latham", "Nadia Sorell", "Amelia Roper"),
    picture="Prime Minister Daniel Arundel announces the new ministry",
    steps=(
        Step(
            150,
            "Prime minister to announce cabinet reshuffle",
            "Daniel Arundel will unveil changes to his frontbench this morning.",
            (
                "Prime Minister Daniel Arundel will announce a reshuffle of his cabinet this morning, following the resignation of Defence Industry Minister Owen Latham.",
                "Latham announced overnight that he would step down from the frontbench for family reasons and would not recontest his seat at the next election.",
                "The prime minister's office said he would speak to the media at Parliament House at 10am.",
                "More to come.",
            ),
            urgency=3,
        ),
        Step(
            100,
            "Housing minister promoted to defence industry in reshuffle",
            "Nadia Sorell moves to defence industry as the prime minister brings two women into cabinet.",
            (
                "Housing Minister Nadia Sorell has been promoted to the defence industry portfolio in a reshuffle that brings two more women into federal cabinet.",
                "Prime Minister Daniel Arundel announced the changes at Parliament House after the resignation of Owen Latham, who is leaving politics for family reasons.",
                "Social Services Minister Amelia Roper picks up housing, while first-term MP Jasmine Oduya becomes assistant minister for regional development.",
                '"This is a team with experience, energy and a clear focus on the things that matter to Australians: the cost of living, housing and keeping the country safe," Arundel said.',
                "The new ministers will be sworn in at Government House tomorrow.",
            ),
            urgency=4,
        ),
        Step(
            0,
            "Reshuffle puts women in majority of cabinet for first time",
            "The prime minister's new frontbench was welcomed by the crossbench, while the opposition called it 'rearranging deckchairs'.",
            (
                "Women will make up a majority of federal cabinet for the first time after Prime Minister Daniel Arundel's reshuffle, which promotes Housing Minister Nadia Sorell to defence industry.",
                "Arundel announced the changes at Parliament House following the resignation of Owen Latham, who is leaving politics for family reasons after 12 years in parliament.",
                "Social Services Minister Amelia Roper adds housing to her responsibilities, while first-term MP Jasmine Oduya becomes assistant minister for regional development.",
                '"This is a team with experience, energy and a clear focus on the things that matter to Australians: the cost of living, housing and keeping the country safe," Arundel said.',
                '"It is a historic moment, and it reflects the talent on our side of the parliament," Sorell told reporters. "Defence industry is about jobs in every state, and I cannot wait to get started."',
                'Opposition Leader Peter Vance dismissed the changes. "This is rearranging the deckchairs. Australians want lower power bills, not a new seating plan," he said.',
                "Independent MP Sarah Brennock welcomed the appointments, saying a more representative cabinet would make better decisions.",
                "The new ministers will be sworn in at Government House tomorrow.",
            ),
            urgency=4,
        ),
    ),
)

SELECTION = Life(
    desk="sport",
    slug="test-captain-injury",
    byline="Callum Reyes",
    dateline="BRISBANE",
    subjects=("15000000", "20000888"),
    people=("Mitchell Okoro", "Liam Prendergast"),
    organisations=("Cricket Australia",),
    steps=(
        Step(
            60,
            "Test captain in doubt with hamstring injury",
            "Mitchell Okoro left the field during the final session at the Gabba.",
            (
                "Australian Test captain Mitchell Okoro is in doubt for the rest of the first Test against India after injuring his hamstring in the field at the Gabba.",
                "Okoro pulled up while chasing a ball to the boundary in the final session and left the ground with the team physiotherapist.",
                "Cricket Australia said he would be assessed overnight.",
                "Vice-captain Liam Prendergast led the side in his absence.",
            ),
            urgency=3,
        ),
        Step(
            25,
            "Australian captain ruled out of series with hamstring tear",
            "Scans confirm a grade-two tear; the vice-captain will lead the side for the rest of the series.",
            (
                "Australian Test captain Mitchell Okoro has been ruled out of the rest of the series against India after scans confirmed a grade-two tear of his left hamstring.",
                "Okoro was injured while fielding on the second day at the Gabba and is expected to be out for four to six weeks.",
                '"It is gutting, there is no other way to describe it," Okoro said. "But the group is in great shape and Liam will do an outstanding job."',
                "Fast bowler Liam Prendergast, who took six wickets in India's first innings, will captain the side for the remaining four Tests.",
                "Selectors will name a replacement batter before the second Test in Adelaide.",
            ),
            urgency=3,
        ),
    ),
)

JOBS = Life(
    desk="finance",
    slug="jobs-figures",
    byline="Dominic Ferrante",
    dateline="CANBERRA",
    subjects=("20000365", "20000523", "20000344"),
    organisations=("Australian Bureau of Statistics",),
    format="newsmlg2",
    kind="correction",
    picture="Job seekers at an employment expo in Melbourne",
    steps=(
        Step(
            1700,
            "Unemployment falls to 3.9pc as jobs market surprises",
            "The economy added more jobs than expected last month, complicating the Reserve Bank's path.",
            (
                "Australia's unemployment rate has fallen to 3.9 per cent, after the economy added 48,000 jobs last month, far more than economists had expected.",
                "Figures released by the Australian Bureau of Statistics show full-time employment rose by 31,000, while the participation rate held at a near-record 67.1 per cent.",
                '"The labour market is proving remarkably resilient," ABS head of labour statistics Kirsty Lowden said.',
                "Economists had expected the unemployment rate to hold steady at 4.1 per cent, with about 20,000 jobs added.",
                "The stronger result could make the Reserve Bank more cautious about cutting interest rates further.",
            ),
            urgency=3,
        ),
        Step(
            1620,
            "Unemployment falls to 3.9pc as jobs market surprises",
            "The economy added more jobs than expected last month, complicating the Reserve Bank's path.",
            (
                "Australia's unemployment rate has fallen to 3.9 per cent, after the economy added 38,000 jobs last month, far more than economists had expected.",
                "Figures released by the Australian Bureau of Statistics show full-time employment rose by 31,000, while the participation rate held at a near-record 67.1 per cent.",
                '"The labour market is proving remarkably resilient," ABS head of labour statistics Kirsty Lowden said.',
                "Economists had expected the unemployment rate to hold steady at 4.1 per cent, with about 20,000 jobs added.",
                "The stronger result could make the Reserve Bank more cautious about cutting interest rates further.",
            ),
            urgency=4,
            ed_note="Correction: An earlier version of this story said 48,000 jobs were added last month. The correct figure is 38,000.",
            signals=("correction",),
        ),
    ),
)

PORTRAIT = Life(
    desk="arts",
    slug="portrait-prize-finalists",
    byline="Harriet Lowe",
    dateline="SYDNEY",
    subjects=("20000031", "20001135"),
    people=("Aroha Whitaker",),
    organisations=("Art Gallery of New South Wales",),
    kind="correction",
    steps=(
        Step(
            2000,
            "Young Archibald finalist paints her grandmother's hands",
            "A 24-year-old from New Zealand is the youngest finalist this year.",
            (
                "A 24-year-old painter is the youngest finalist in this year's Archibald Prize, with a portrait of her grandmother that shows only her hands.",
                "Aroha Whittaker, who grew up in western Sydney, said she painted the work over six months in her grandmother's kitchen in Mount Druitt.",
                '"Her hands raised eight kids and worked in a biscuit factory for 30 years. They say more about her than her face does," she said.',
                "The finalists go on show at the Art Gallery of New South Wales from next week.",
            ),
            urgency=5,
        ),
        Step(
            1900,
            "Young Archibald finalist paints her grandmother's hands",
            "A 24-year-old from western Sydney is the youngest finalist this year.",
            (
                "A 24-year-old painter is the youngest finalist in this year's Archibald Prize, with a portrait of her grandmother that shows only her hands.",
                "Aroha Whitaker, who grew up in western Sydney, said she painted the work over six months in her grandmother's kitchen in Mount Druitt.",
                '"Her hands raised eight kids and worked in a biscuit factory for 30 years. They say more about her than her face does," she said.',
                "The finalists go on show at the Art Gallery of New South Wales from next week.",
            ),
            urgency=5,
            ed_note="Corrects the spelling of the artist's surname to Whitaker, and her family background in the standfirst.",
        ),
    ),
)

KILLED = Life(
    desk="courts",
    slug="melbourne-assault-charge",
    byline="Joanna Kellett",
    dateline="MELBOURNE",
    subjects=("20000084", "20000133"),
    organisations=("Victoria Police",),
    kind="kill",
    steps=(
        Step(
            800,
            "Footballer charged over alleged nightclub assault",
            "Police say a 26-year-old man will appear in court next month.",
            (
                "A 26-year-old footballer has been charged over an alleged assault outside a nightclub in Melbourne's CBD.",
                "Police allege a man was punched and kicked outside the venue on King Street early on Sunday morning.",
                "The victim was taken to hospital with facial injuries.",
                "The man has been bailed to appear in the Melbourne Magistrates Court next month.",
            ),
            urgency=4,
        ),
        Step(
            700,
            "Footballer charged over alleged nightclub assault",
            "",
            (),
            urgency=4,
            pub_status=CANCELED,
            ed_note="KILL: This story has been withdrawn for legal reasons. It must not be published. Remove it from all platforms and archives.",
        ),
    ),
)

EMBARGOED = Life(
    desk="health",
    slug="child-health-report",
    byline="Nadia Petrovic",
    dateline="CANBERRA",
    subjects=("07000000", "20000479", "14000000"),
    organisations=("Australian Institute of Health and Welfare",),
    kind="embargo",
    embargo_minutes_after=120,
    steps=(
        Step(
            25,
            "One in four Australian children overweight or obese, national report finds",
            "The report also finds children in remote areas are twice as likely to go without a GP.",
            (
                "One in four Australian children is overweight or obese, and children in remote areas are twice as likely to go without seeing a GP, according to a national report on children's health.",
                "The Australian Institute of Health and Welfare's report brings together data on more than five million children and young people.",
                '"Most Australian children are healthy, and that is worth saying. But where a child lives still shapes their health far too much," institute spokesperson Dr Ruth Ellery said.',
                "The report found rates of asthma and anxiety had risen over the past decade, while vaccination rates for young children had fallen slightly since the pandemic.",
                "Children's health groups called for more school-based health services and free dental care for all children.",
                "The report is released as health ministers prepare to meet next month.",
            ),
            urgency=4,
            ed_note="Strictly embargoed: not for publication before the embargo time in this item.",
        ),
    ),
)

LIVES = (FLOOD, QUAKE, RATES, VERDICT, RESHUFFLE, SELECTION, JOBS, PORTRAIT, KILLED, EMBARGOED)
