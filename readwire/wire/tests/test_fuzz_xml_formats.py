"""Any bytes in, a story or a clear refusal out: the NewsML-G2 and NITF readers never fail in another
way, never expand entity bombs, never read local files through external entities, and what they
hand on is stored whole or not at all."""

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readwire.wire.ingest import UnsupportedDocument, newsmlg2, nitf
from readwire.wire.item import Rejection, WireItem
from readwire.wire.models import Story, Version
from readwire.wire.services import REJECTED, ingest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted([*(FIXTURES / "newsmlg2").glob("*.xml"), *(FIXTURES / "nitf").glob("*.xml")])
SEED_BYTES = [path.read_bytes() for path in SEEDS]
PARSERS = [newsmlg2, nitf]
FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse_or_refuse(parser, data: bytes) -> list:
    try:
        entries = parser.parse(data)
    except UnsupportedDocument as exc:
        assert str(exc)
        return []
    assert isinstance(entries, list)
    for entry in entries:
        assert isinstance(entry, WireItem | Rejection)
        if isinstance(entry, Rejection):
            assert entry.reason
        else:
            assert isinstance(entry.uri, str) and isinstance(entry.headline, str)
            assert entry.version is None or 1 <= entry.version < 2**31
    return entries


def every_text(entry) -> str:
    """All the text an item carries, wherever it sits, to search for leaked file content."""
    if isinstance(entry, Rejection):
        return entry.reason + entry.uri
    return repr(entry.to_dict())


# --- arbitrary bytes, and XML-ish text -----------------------------------------------------------


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(PARSERS))
def test_any_bytes_give_items_or_a_clear_refusal(data, parser):
    parse_or_refuse(parser, data)


ELEMENT_NAMES = [
    # NewsML-G2
    "newsItem", "packageItem", "itemSet", "itemMeta", "itemClass", "pubStatus", "edNote", "signal", "link",
    "embargoed", "versionCreated", "firstCreated", "contentMeta", "headline", "slugline", "urgency", "language",
    "subject", "name", "keyword", "located", "by", "dateline", "description", "creditline", "genre", "rightsInfo",
    "copyrightNotice", "usageTerms", "copyrightHolder", "contentSet", "inlineXML", "inlineData", "remoteContent",
    "groupSet", "group", "itemRef", "creator",
    # NITF
    "nitf", "head", "title", "docdata", "doc-id", "du-key", "date.issue", "date.release", "ed-msg", "correction",
    "key-list", "identified-content", "person", "org", "location", "classifier", "tobject", "tobject.subject",
    "doc.copyright", "doc.rights", "body", "body.head", "hedline", "hl1", "hl2", "byline", "abstract",
    "body.content", "body.end", "p", "block", "bq", "credit", "media", "media-reference", "media-caption",
    "media-producer", "note", "table", "tr", "td", "a", "em", "chron", "tagline",
    # XHTML
    "html", "h1", "ul", "li", "script", "img",
]  # fmt: skip
ATTRIBUTE_NAMES = [
    "guid", "version", "qcode", "uri", "type", "role", "residref", "href", "rel", "contenttype", "rendition",
    "width", "height", "tag", "literal", "encoding", "xml:lang", "id-string", "regsrc", "key", "generation",
    "management-status", "ed-urg", "norm", "info", "idsrc", "value", "source", "mime-type", "alternate-text",
    "media-type", "xmlns", "onclick",
]  # fmt: skip
ATTRIBUTE_VALUES = [
    "", "1", "0", "-3", "99999999999999999999", "stat:canceled", "stat:usable", "stat:withheld", "stat:x",
    "ninat:picture", "ninat:text", "ninat:video", "sig:correction", "cpnat:person", "cpnat:geoArea",
    "cpnat:organisation", "medtop:20000106", "drol:summary", "drol:caption", "base64", "text/plain", "text/html",
    "image/jpeg", "2026-03-12T02:14:00Z", "20260312T0214+1100", "not a date", "0001-01-01T00:00:00+05:00",
    "9999-12-31T23:00:00-05:00", "canceled", "npa", "video",
    "urn:x:1", "urn:x:2", "http://iptc.org/std/nar/2006-10-01/", "http://iptc.org/std/NITF/2006-10-18/",
    "http://www.w3.org/1999/xhtml", "javascript:alert(1)",
]  # fmt: skip
# Bits that are not well-formed on their own, or that test the edges of what XML allows.
RAW_SNIPPETS = ["<", "&", "&nbsp;", "&amp;", "]]>", "<![CDATA[<p>x</p>]]>", "&#1;", "&#x110000;", "</p>", "<!-- c -->"]

xml_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=25)
attribute_values = st.one_of(st.sampled_from(ATTRIBUTE_VALUES), xml_text)
text_nodes = st.one_of(
    xml_text.map(escape), st.sampled_from(ATTRIBUTE_VALUES).map(escape), st.sampled_from(RAW_SNIPPETS)
)


def render_element(name: str, attributes: dict, children: list[str]) -> str:
    rendered = "".join(f" {key}={quoteattr(value)}" for key, value in attributes.items())
    return f"<{name}{rendered}>{''.join(children)}</{name}>"


xml_nodes = st.recursive(
    text_nodes,
    lambda children: st.builds(
        render_element,
        st.sampled_from(ELEMENT_NAMES),
        st.dictionaries(st.sampled_from(ATTRIBUTE_NAMES), attribute_values, max_size=4),
        st.lists(children, max_size=5),
    ),
    max_leaves=30,
)


@st.composite
def xml_documents(draw) -> bytes:
    root = draw(st.sampled_from(["newsMessage", "newsItem", "packageItem", "nitf", "conceptItem"]))
    namespace = draw(
        st.sampled_from(["http://iptc.org/std/nar/2006-10-01/", "http://iptc.org/std/NITF/2006-10-18/", None])
    )
    attributes = draw(st.dictionaries(st.sampled_from(["guid", "version", "xml:lang"]), attribute_values, max_size=3))
    if namespace:
        attributes["xmlns"] = namespace
    children = draw(st.lists(xml_nodes, max_size=4))
    if root == "newsMessage" and draw(st.booleans()):
        children = [render_element("itemSet", {}, children)]
    prolog = draw(st.sampled_from(["", '<?xml version="1.0" encoding="UTF-8"?>\n']))
    return (prolog + render_element(root, attributes, children)).encode()


@FUZZ
@given(xml_documents(), st.sampled_from(PARSERS))
def test_xml_built_from_the_formats_vocabulary_gives_items_or_a_clear_refusal(data, parser):
    parse_or_refuse(parser, data)


# --- mutated fixtures --------------------------------------------------------------------------


@st.composite
def mutated_fixtures(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SEED_BYTES)))
    for _ in range(draw(st.integers(1, 3))):
        if not data:
            break
        position = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["truncate", "flip", "insert", "delete"]))
        if action == "truncate":
            del data[position:]
        elif action == "flip":
            data[position] ^= draw(st.integers(1, 255))
        elif action == "insert":
            snippet = draw(st.one_of(st.sampled_from(RAW_SNIPPETS), xml_nodes)).encode()
            data[position:position] = snippet
        else:
            del data[position : position + draw(st.integers(1, 40))]
    return bytes(data)


@FUZZ
@given(mutated_fixtures(), st.sampled_from(PARSERS))
def test_mutated_fixtures_give_items_or_a_clear_refusal(data, parser):
    parse_or_refuse(parser, data)


# --- hostile DOCTYPEs --------------------------------------------------------------------------

SECRET = "readwire-secret-4bb1c9d0-never-to-be-read"
BILLION_LAUGHS = "".join(
    ['<!ENTITY lol "lol">']
    + [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
)
# Places inside every fixture where an entity reference could carry a file's content into a story.
TARGETS = ["<headline>", "<hl1>", "<title>", "<p>", "<edNote>", '<description role="drol:caption">']


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("xxe") / "secret.txt"
    path.write_text(SECRET + "\n")
    return path


def with_doctype(data: bytes, internal_subset: str, reference: str) -> bytes:
    """The document with its DOCTYPE replaced, and ``reference`` placed in every text target."""
    text = data.decode("latin-1")
    declaration = ""
    if text.startswith("<?xml"):
        declaration, text = text.split("?>", 1)
        declaration += "?>"
    while "<!DOCTYPE" in text:
        start = text.index("<!DOCTYPE")
        text = text[:start] + text[text.index(">", start) + 1 :]
    for target in TARGETS:
        text = text.replace(target, target + reference)
    return f"{declaration}<!DOCTYPE root [{internal_subset}]>{text}".encode("latin-1")


def external_entities(secret_file: Path) -> list[tuple[str, str]]:
    """(internal subset, reference) pairs that try to read a local file."""
    secret_url = secret_file.as_uri()
    return [
        (f'<!ENTITY xxe SYSTEM "{secret_url}">', "&xxe;"),
        ('<!ENTITY xxe SYSTEM "file:///etc/passwd">', "&xxe;"),
        (f'<!ENTITY % remote SYSTEM "{secret_url}"> %remote;', ""),
        (f'<!ENTITY % file SYSTEM "{secret_url}"><!ENTITY % wrap "<!ENTITY xxe \'%file;\'>"> %wrap;', "&xxe;"),
    ]


def passwd_lines() -> list[str]:
    try:
        lines = Path("/etc/passwd").read_text().splitlines()
    except OSError:
        return []
    return [line for line in lines if len(line) > 12]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_external_entities_never_bring_local_files_into_a_story(seed, secret_file):
    leaked = [SECRET, *passwd_lines()]
    for subset, reference in external_entities(secret_file):
        data = with_doctype(seed.read_bytes(), subset, reference)
        for parser in PARSERS:
            for entry in parse_or_refuse(parser, data):
                text = every_text(entry)
                assert not [line for line in leaked if line in text], (seed.name, subset)


def test_external_entity_is_dropped_and_the_story_still_read(secret_file):
    seed = (FIXTURES / "newsmlg2" / "message-story-with-pictures.xml").read_bytes()
    subset, reference = external_entities(secret_file)[0]
    (item,) = parse_or_refuse(newsmlg2, with_doctype(seed, subset, reference))
    assert item.headline == "Bushfire forces evacuations in the Blue Mountains"
    assert item.body_html.startswith("<p>Hundreds of residents")
    assert SECRET not in every_text(item)


def test_external_dtd_is_never_loaded(secret_file):
    data = f'<?xml version="1.0"?><!DOCTYPE nitf SYSTEM "{secret_file.as_uri()}"><nitf><head><title>T</title></head></nitf>'
    (item,) = parse_or_refuse(nitf, data.encode())
    assert SECRET not in every_text(item)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SEED_BYTES), st.sampled_from(PARSERS), st.booleans())
def test_entity_bombs_are_refused_or_left_unexpanded(seed, parser, in_attribute):
    data = with_doctype(seed, BILLION_LAUGHS, "&lol9;")
    if in_attribute:
        data = data.replace(b'version="', b'version="&lol9;', 1)
    for entry in parse_or_refuse(parser, data):
        # "lol" expanded even once a thousand times would dwarf the document
        assert every_text(entry).count("lol") < 200


# --- nothing half-stored -----------------------------------------------------------------------


@pytest.mark.django_db
@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.one_of(mutated_fixtures(), xml_documents()))
def test_ingesting_fuzzed_documents_stores_whole_stories_or_nothing(wire_source, data):
    with transaction.atomic():
        results = ingest(data, wire_source)
        assert results
        for result in results:
            if result.result == REJECTED:
                assert result.error
                continue
            story = Story.objects.get(uri=result.uri)
            assert story.versions.filter(version=story.current_version).exists()
            assert story.headline
        stored_uris = set(Story.objects.values_list("uri", flat=True))
        assert stored_uris <= {r.uri for r in results if r.result != REJECTED}
        assert Version.objects.filter(story__uri__in=stored_uris).count() >= len(stored_uris)
        transaction.set_rollback(True)
