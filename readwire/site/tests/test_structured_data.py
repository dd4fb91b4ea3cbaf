"""What search engines and link previews read from a story page: NewsArticle JSON-LD, Open Graph."""

import json

import lxml.html
from django.utils import timezone

from readwire.site.tests.conftest import picture, publish


def json_ld(page: str) -> dict:
    [script] = lxml.html.fromstring(page).xpath('//script[@type="application/ld+json"]')
    return json.loads(script.text)


def meta(page: str) -> dict[str, str]:
    tree = lxml.html.fromstring(page)
    found = {}
    for tag in tree.xpath("//head/meta"):
        key = tag.get("property") or tag.get("name")
        if key and key not in found:
            found[key] = tag.get("content")
    return found


def test_json_ld_is_a_news_article_with_the_story_uri_as_identifier(client, agency, national, settings):
    settings.SITE_URL = "https://news.example"
    fields = dict(
        headline="Dam spills after record rain",
        standfirst="Residents were evacuated.",
        byline="Jane Citizen and Sam Lee, Political Reporter",
        dateline="WINDSOR, NSW",
        pictures=[picture("dam", "The spillway")],
    )
    story = publish(agency, "urn:newsml:agency.example:20260302:dam", sections=[national], **fields)
    publish(agency, "urn:newsml:agency.example:20260302:dam", 2, **fields)
    data = json_ld(client.get(story.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["identifier"] == "urn:newsml:agency.example:20260302:dam"
    assert data["headline"] == "Dam spills after record rain"
    assert data["url"] == f"https://news.example/story/{story.pk}/"
    assert [a["name"] for a in data["author"]] == ["Jane Citizen", "Sam Lee"]
    assert data["image"] == ["https://pictures.example/dam-1200.jpg"]
    assert data["publisher"]["name"] == "Readwire" and data["publisher"]["logo"]["url"].startswith(
        "https://news.example/"
    )
    published, modified = (timezone.datetime.fromisoformat(data[k]) for k in ("datePublished", "dateModified"))
    assert published <= modified
    assert data["dateline"] == "WINDSOR, NSW" and data["articleSection"] == ["National"]


def test_json_ld_marks_the_paywalled_part_and_the_page_has_it(client, agency):
    story = publish(agency)
    page = client.get(story.get_absolute_url()).content.decode()
    data = json_ld(page)
    assert data["isAccessibleForFree"] is False
    assert data["hasPart"] == {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".story-body"}
    assert lxml.html.fromstring(page).xpath('//div[@class="story-body"]')


def test_json_ld_escapes_what_could_end_its_script_element(client, agency):
    story = publish(agency, headline="Rates < 4% & inflation > forecast")
    page = client.get(story.get_absolute_url()).content.decode()
    script = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script and "&" not in script
    assert json_ld(page)["headline"] == "Rates < 4% & inflation > forecast"


def test_open_graph_and_twitter_tags_describe_the_story(client, agency, settings):
    settings.SITE_URL = "https://news.example"
    story = publish(agency, standfirst="Residents were evacuated.", pictures=[picture("dam", "The spillway")])
    tags = meta(client.get(story.get_absolute_url()).content.decode())
    assert tags["og:type"] == "article" and tags["og:title"] == "Dam spills after record rain"
    assert tags["og:description"] == "Residents were evacuated." == tags["description"]
    assert tags["og:url"] == f"https://news.example/story/{story.pk}/"
    assert tags["og:image"] == "https://pictures.example/dam-1200.jpg" and tags["og:image:alt"] == "The spillway"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:site_name"] == "Readwire" and "article:published_time" in tags


def test_description_without_a_standfirst_is_the_preview_opening_only(client, agency):
    story = publish(agency, body_html="<p>Opening words.</p><p>Paid paragraph.</p>")
    tags = meta(client.get(story.get_absolute_url()).content.decode())
    assert tags["description"] == "Opening words." and tags["twitter:card"] == "summary"


def test_every_page_has_its_own_title(client, agency, national):
    story = publish(agency, sections=[national])
    titles = {
        path: lxml.html.fromstring(client.get(path).content).findtext(".//title")
        for path in ("/", "/desk/national/", story.get_absolute_url(), "/search/", f"/license/{story.pk}/")
    }
    assert titles["/"] == "Readwire"
    assert titles["/desk/national/"] == "National | Readwire"
    assert titles[story.get_absolute_url()] == "Dam spills after record rain | Readwire"
    assert len(set(titles.values())) == len(titles)
