"""The partner's content: a regional publisher's RSS feed, and one of its pages as a plain-text dump."""

from __future__ import annotations

FEED_TITLE = "Riverina Courier — Partner Press"
FEED_LINK = "https://courier.partnerpress.example/"
FEED_DESCRIPTION = "Local news from the Riverina and the Murray, from the Partner Press network."

# (minutes before BASE_TIME, title, path, description, author, category)
ENTRIES = [
    (
        75,
        "Wagga council approves $38m aquatic centre after decade-long campaign",
        "news/wagga-aquatic-centre-approved",
        "<p>Wagga Wagga City Council has voted 7-2 to approve a new $38 million aquatic centre at Bolton Park, "
        "ending a campaign by swimming clubs and parents that began more than a decade ago.</p>"
        "<p>Construction is expected to start next year, with the 50-metre indoor pool to open in time for the 2028 season.</p>",
        "Erin Gallagher",
        "Local news",
    ),
    (
        260,
        "Griffith school's robotics team heads to world championships",
        "news/griffith-robotics-world-championships",
        "<p>Six students from a Griffith high school will represent Australia at the world robotics championships "
        "in Texas, after their rubbish-sorting robot won the national title.</p>"
        "<p>The team is raising money for flights through a sausage sizzle and an online appeal.</p>",
        "Deepa Nair",
        "Education",
    ),
    (
        610,
        "Sturt Highway bridge works to close lanes for six weeks",
        "news/sturt-highway-bridge-works",
        "<p>Drivers on the Sturt Highway near Narrandera face delays of up to 20 minutes from Monday, when lanes close "
        "for six weeks of repairs to the Murrumbidgee River bridge.</p>",
        "Tom Walsh",
        "Transport",
    ),
    (
        1390,
        "Farmers' market celebrates 20 years with record crowd",
        "news/farmers-market-20-years",
        "<p>More than 4000 people turned out for the 20th birthday of the Albury farmers' market, where stallholders "
        "sold out of cherries, lamb and sourdough by 10am.</p>",
        "Mei Lin Zhou",
        "Community",
    ),
    (
        2480,
        "Netball club raises $60,000 for flood-hit families",
        "news/netball-club-flood-appeal",
        "<p>A Leeton netball club has raised $60,000 for families whose homes were flooded last month, with a "
        "round-robin tournament that drew teams from across the Riverina.</p>"
        "<p>The money will be shared among 23 families, the club said.</p>",
        "Saoirse Quinn",
        "Sport",
    ),
]

# A page of the partner's site, copied from the browser: the story, its pictures' titles and
# captions, and the site's furniture after it, which the text importer must leave out.
PAGE_DUMP = """\
Riverina vineyard's shiraz named best red at national wine show

Winemaker Giulia Rossi in the barrel room at her family's vineyard near Griffith. (PARTNER PRESS PHOTO)

A family vineyard near Griffith has won the top red wine trophy at the National Wine Show in Canberra, beating more than 2000 entries from some of the country's best-known producers.

The 2023 shiraz from the Rossi family's 40-hectare vineyard was named best red wine of the show, the first time a Riverina wine has taken the trophy in more than a decade.

"My grandfather planted these vines in 1962 with cuttings he brought from Calabria," winemaker Giulia Rossi said.

"He always said the Riverina could make wine as good as anywhere in the world. I wish he could have been here to see this."

The judges praised the wine's "plush dark fruit, fine tannins and remarkable length for the price", which is $28 a bottle at the cellar door.

Rossi Vineyard Harvest
Pickers bring in shiraz grapes at the Rossi family vineyard in February.

The Riverina produces about a quarter of Australia's wine grapes, but its wines have long been seen as cheap and cheerful by critics who favour cooler regions.

Chief judge Andrew Pallister said the result should change that perception.

"This is a wine of real quality and character. Blind tasting is a great leveller, and it does not care where a wine comes from," he said.

The Rossi family sells most of its grapes to large wineries and bottles only about 3000 cases under its own label.

Rossi said the phone had not stopped ringing since the announcement, and the cellar door had sold out of the winning wine within hours.

"We will have to make a lot more next year," she said.

License this article

More from Partner Press

Regional news you can trust
Subscribe to the Riverina Courier for $4 a week and get unlimited access to local news, sport and the weekend magazine.

Subscribe now
Download on the App Store
Get it on Google Play

Most read
Wagga council approves $38m aquatic centre after decade-long campaign
Griffith school's robotics team heads to world championships
Sturt Highway bridge works to close lanes for six weeks

© Partner Press 2025. All rights reserved.
"""
