"""Plain-text dumps of news pages (what "select all, copy" or a reader view gives).

Such a dump has no markup, so the story is recovered from the shape of its lines:

- the headline is the first line that is not site furniture (navigation, cookie banner,
  masthead, a one- or two-word section label);
- right after it, a header zone until the first story paragraph: a ``By ...`` line becomes the
  byline, a long line without a full stop the standfirst, date lines and share bars go;
- a picture title (a short line with no closing punctuation) followed by its caption (a sentence)
  becomes a captioned picture; so does a lone caption ending in a credit such as ``(AP PHOTO)``,
  ``Photo: Reuters`` or ``REUTERS/Name``, and BBC-style ``Image source, X`` / ``Image caption, Y``
  lines. Credits are kept as credits and taken out of the caption. The pictures have no image URL;
- lines that are always furniture (share buttons, advertisement slots, newsletter boxes,
  app-store links, prices, copyright) are dropped wherever they stand;
- the story ends at the first *furniture box* (a run of lines holding at least one strong
  furniture line such as "License this article" or "Related stories", or a run of three or more
  short headline-like lines) that is not followed by two story paragraphs in a row. A newsletter
  box in the middle of a story is therefore cut out, while a promotion after the story, even one
  with sentences in it, ends it.

How well this works is measured on the page dumps in ``tests/fixtures/web/text`` and reported in
``docs/text-import.md``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from html import escape

from readwire.wire.ingest import UnsupportedDocument
from readwire.wire.item import Picture, Rejection, WireItem

FORMAT = "text"
# A news page's text is tens of kilobytes; a megabyte is a book, or an attempt to burn CPU.
MAX_TEXT_BYTES = 1024 * 1024

# --- line shapes ------------------------------------------------------------------------------

_TERMINAL = re.compile(r"[.!?…](?:[\"'”’)\]]+)?$")
_BULLET = re.compile(r"^(?:[•·▪●◦‣*]|-|–)\s+")
_RULE = re.compile(r"^[-=_*~#.·•+]{3,}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_WORD = re.compile(r"[\w’'-]+")
_SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "from", "as", "vs"}
_STOPWORDS = _SMALL_WORDS | {"his", "her", "their", "its", "this", "that", "after", "before", "is", "was", "are"}

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?"
_DATE_LINE = re.compile(
    rf"^(?:(?:updated|published|posted|first published|last updated|modified)\b:?.*"
    rf"|.*\b\d{{1,2}}\s+{_MONTH}\b.*|.*\b{_MONTH}\.?\s+\d{{1,2}}\b.*|.*\b\d{{4}}-\d{{2}}-\d{{2}}\b.*"
    rf"|.*\b{_WEEKDAY}\b.*\d.*|.*\b\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm)\b.*|\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago)$",
    re.I,
)
_BYLINE = re.compile(r"^(?:by|words by|written by)\s+(?P<name>[^|]{2,120}?)\s*(?:\|.*)?$", re.I)
_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z'’.-]{2,}(?:\s+[A-Z][A-Z'’.-]+){0,3}"
    r"(?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,3})?(?:\s*\([A-Za-z][\w ]{0,20}\))?)\s+(?:--|[-–—])\s+\S"
)

# --- credits ----------------------------------------------------------------------------------

_CREDIT_WORD = re.compile(
    r"\b(?:photo(?:graph)?s?|pictures?|pic|images?|foto|bild|getty|reuters|ap|aap|afp|epa|pa|dpa|ansa|xinhua|"
    r"bloomberg|shutterstock|alamy|newspix|supplied|courtesy|file)\b",
    re.I,
)
_PAREN_CREDIT = re.compile(r"^(?P<caption>.*?)\s*\((?P<credit>[^()]{2,80})\)\s*$")
_LABEL = r"(?:photo(?:graph)?s?|pictures?|pic|images?|foto|bild|credit|photo credit|image credit|chart|graphic|illustration|map)"
_LABELLED_CREDIT = re.compile(
    rf"^(?P<caption>.*?[.!?\"”’)])?\s*(?:[|–—-]\s*)?{_LABEL}\s*(?:by\s+|[:/]\s*)(?P<credit>(?:[^.!?|]|\.(?=\S)){{2,80}})$",
    re.I,
)
_LEADING_LABEL = re.compile(rf"^{_LABEL}\s*:\s*(?P<rest>.+)$", re.I)
_AGENCY_CREDIT = re.compile(
    r"^(?P<caption>.*?[.!?\"”’)])\s+(?P<credit>(?:REUTERS|AP Photo|AFP|EPA(?:-EFE)?|AAP Image|Getty Images|PA Wire|PA)"
    r"\s*/\s*\S.{0,60})$"
)
# "... without a zoning change. Fred Lum/The Globe and Mail"
_PHOTOGRAPHER_CREDIT = re.compile(
    r"^(?P<caption>.*?[.!?\"”’])\s+(?P<credit>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*/\s*[A-Z][\w&.'’ -]{1,40})$"
)
_CREDIT_ONLY = re.compile(
    r"^(?:(?:AAP|AP|AFP|EPA|PA|DPA|Reuters|REUTERS|Getty Images|Supplied|SUPPLIED)(?:\s*(?:Photo|Image|Images|Wire))?"
    r"(?:\s*/\s*\S.{0,60})?"
    # "Sam Pope for The Quarterly": a photographer on assignment
    r"|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s+for\s+(?:the\s+)?[A-Z][\w&'’ -]{1,40})$"
)
_GALLERY_PREFIX = re.compile(r"^(?:item|image|photo|picture)\s+\d+\s+of\s+\d+\s*[:.-]?\s*", re.I)
_LICENSING_SUFFIX = re.compile(r"\s*(?:purchase licensing rights)?(?:,?\s*opens new tab)?\s*$", re.I)
_BBC_SOURCE = re.compile(r"^image source,\s*(?P<credit>.+)$", re.I)
_BBC_CAPTION = re.compile(r"^image caption,\s*(?P<caption>.+)$", re.I)
_CAPTION_CUE = re.compile(
    r"\b(?:reacts?|looks? on|is seen|are seen|pictured|poses?|arrives?|speaks?|gestures?|celebrates?|waves?|"
    r"holds?|attends?|stands?|walks?|sits?|leaves?|shelter|inspects?|carried|carries)\b",
    re.I,
)

# --- furniture --------------------------------------------------------------------------------


def _full(*patterns: str) -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(patterns) + r")[.:!]?$", re.I)


_SOCIAL = r"(?:facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|telegram|messenger|instagram|youtube|tiktok|flipboard|threads|bluesky|email|e-mail|print|copy link|sms)"

# Always furniture, but no sign that the story has ended (slots and buttons inside stories).
_NEUTRAL = _full(
    r"advertisement(?:\s*·\s*scroll to continue)?",
    r"advertising|anzeige|werbung|publicité|publicidad|pubblicità|advertentie|reklame",
    r"ad",
    r"sponsored(?: content)?",
    r"promoted",
    r"report this ad",
    r"scroll to continue(?: with content)?",
    r"(?:story|article) continues below(?: (?:this )?(?:advertisement|ad))?|continue reading below",
    r"click to (?:share|print|email|open)\b.*|.*\(opens in (?:a )?new (?:window|tab)\)",
    r"open this (?:photo|image|picture) in gallery|view (?:photo|image) gallery",
    r"share(?: this)?(?: article| story| page| post)?(?: on \w+| via \w+)?",
    r"share this story:.*",
    rf"{_SOCIAL}(?:\s*[|,·/]?\s*{_SOCIAL})*",
    r"tweet",
    r"save(?: article| story)?",
    r"copy link|link copied",
    r"read more|read next|continue reading|more:?|also read|see also|related|watch|listen",
    r"(?:read more|read next|see also|related|also read|watch|listen|more)\s*:.+",
    r"watch (?:the )?video|play video|video|audio|gallery|view gallery|open gallery|expand|enlarge|zoom",
    r"(?:image|photo|item|picture)?\s*\d+\s+of\s+\d+",
    r"photos?|images?",
    r"loading(?:\.\.\.|…)?",
    r"listen to (?:this )?(?:article|story)(?:\s.*)?",
    r"\d+\s*min(?:ute)?s?\s+(?:read|listen)",
    r"(?:estimated )?reading time.*",
    r"skip to .*|jump to .*|back to top|go to top",
    r"menu|search|home|log ?in|sign ?in|log ?out|register|my account|account|profile|close",
    r"(?:normal|larger|very large|small|large|increase|decrease) text size|text size|font size",
    r"purchase licensing rights.*|.*,? opens new tab",
    r"comments?(?:\s*\(?\d+\)?)?|\d+\s+comments?",
    r"image source,.*|image caption,.*",
)
# Furniture that also means the story is over when it is not followed by more story.
_END = _full(
    r"licen[cs]e this (?:article|story|content)|republish(?: this (?:article|story))?|reuse this content",
    r"reprints?(?: (?:and|&) permissions)?",
    r"related(?: stories| articles| coverage| content| news| posts| links| topics| reading| internet links)",
    r"more on this (?:story|topic)|more (?:stories|news|from .*|in .*|on .*|\w+ news|\w+ stories)",
    r"most (?:read|popular|viewed|shared)(?: .*)?",
    r"trending(?: now| stories)?|recommended(?: for you| stories| reading)?|you (?:may|might) also like",
    r"top stories|latest(?: news| stories)?|editor'?s picks|popular(?: now)?|don'?t miss|in other news",
    r"explore more on these topics|suggested topics|topics|tags|filed under|categories",
    r"(?:topics|tags|filed under|categories)\s*:.+",
    r"comments are (?:closed|open).*|join the conversation|leave a comment|add a comment|show comments",
    r"(?:sign up|subscribe)(?: now| today| here| for free)?",
    r"(?:sign up|subscribe|register) (?:to|for|from|with) .*",
    r"get (?:the|our) .*(?:newsletter|briefing|bulletin|edition|wrap)",
    r"newsletters?(?: sign[- ]?up)?|.*newsletter sign[- ]?up.*",
    r"enter your email(?: address)?|your email(?: address)?|email address",
    r"by (?:signing up|subscribing|registering|clicking).*",
    r"after newsletter promotion",
    r"privacy notice:.*",
    r"accept(?: all)?(?: cookies)?|reject(?: all| non-essential)?(?: cookies)?|allow all(?: cookies)?",
    r"manage (?:cookies|preferences|settings|consent|cookie settings)|cookie (?:settings|preferences|policy)",
    r"yes,? i'?m happy|i accept|i agree|got it|ok(?:ay)?|agree(?: and close)?",
    r"subscription plans|choose (?:a|your|the) plan.*|join now|join today|subscribe now",
    r"start (?:your )?free trial|(?:start|try)(?: it)? (?:for )?free|\w+ days? free(?: trial)?|free for \d+ days",
    r"(?:become|join as) a (?:member|subscriber|supporter)|support (?:our|independent) journalism.*|donate(?: now)?",
    r"unlimited (?:digital )?access.*",
    r"(?:[A-Z]{1,3})?\s?[$£€]\s?\d+(?:[.,]\d{1,2})?(?:\s?(?:/|per|a)\s?\w+)?",
    r"download (?:the|our) .*app.*|get the .*app|.*\b(?:app store|google play)\b.*|available on .*",
    r"follow us(?: on)?(?: .*)?|follow @\w+|connect via (?:email|twitter|x|facebook)|contact us",
    r"learn more(?: about .*)?|find out more(?: about .*)?",
    r"got a (?:story|news tip)\?.*|send us (?:a|your) (?:tip|story).*",
    r"(?:©|\(c\)|copyright).*|.*all rights reserved.*",
    r"privacy(?: policy| notice)?(?:\s*\|.*)?|terms (?:of use|of service|and conditions)(?:\s*\|.*)?",
    r"our standards:.*",
)
# Questions and "about" headings that end a page's promotion, but can be subheadings in a story.
_TAIL_HEADING = _full(r"what is [^?]{1,40}\?", r"about (?:the author|us|[A-Z][\w]+)", r"why (?:subscribe|join)\??")
_COOKIE = re.compile(r"\bcookies?\b", re.I)
_COOKIE_CONTEXT = re.compile(
    r"\b(?:we use|this (?:web)?site uses|uses cookies|accept|consent|settings|preferences|policy|personalise)\b", re.I
)
# Words of a subscription pitch; a paragraph full of them is promotion, not story.
_PROMO = re.compile(
    r"\b(?:subscri\w+|sign[- ]?up|newsletters?|inbox|app|apps|download|devices?|notifications?|plans?|billed|billing|"
    r"free trial|for free|\d+ days free|accounts?|members?|membership|donat\w+|ad-free|ads|discount|renew\w*|"
    r"unlimited access|premium|log in|privacy policy|terms of (?:use|service)|our journalism|delivered straight)\b",
    re.I,
)
# A closing paragraph that asks the reader for something is the site talking, not the story.
_PITCH = re.compile(
    r"\b(?:subscribe|subscription|sign up|newsletter|download (?:the|our)|become a member|donate|"
    r"this (?:article|story) (?:appears|appeared|first appeared)|thanks for reading)\b",
    re.I,
)
_LINK_INTRO = re.compile(r"^(?:read more|read next|see also|related|also read|more)$", re.I)

_LONGEST_CAPTION = 400

PROSE, SHORT, NEUTRAL, END, TAIL_HEADING, PICTURE, CREDIT = (
    "prose",
    "short",
    "neutral",
    "end",
    "tail",
    "picture",
    "credit",
)
_FURNITURE = {NEUTRAL, END, CREDIT}


@dataclass
class _Unit:
    text: str
    kind: str
    bullet: bool = False
    picture: Picture | None = None
    promo: int = 0
    absorbed: bool = False

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class TextPage:
    headline: str = ""
    standfirst: str = ""
    byline: str = ""
    dateline: str = ""
    paragraphs: list[str] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- entry point ------------------------------------------------------------------------------


def parse(data: bytes) -> list[WireItem | Rejection]:
    text, warnings = _decode(data)
    page = read_page(text)
    if not page.headline:
        raise UnsupportedDocument("the text holds no line that could be a headline")
    page.warnings[:0] = warnings
    if not page.paragraphs:
        page.warnings.append("no story paragraphs were found under the headline")
    return [
        WireItem(
            uri=text_uri(page.headline),
            headline=page.headline,
            format=FORMAT,
            version=None,
            standfirst=page.standfirst,
            body_text="\n\n".join(page.paragraphs),
            body_html="".join(f"<p>{escape(p, quote=False)}</p>" for p in page.paragraphs),
            byline=page.byline,
            dateline=page.dateline,
            pictures=page.pictures,
            warnings=page.warnings,
            original=text,
        )
    ]


def text_uri(headline: str) -> str:
    """The same page imported again keeps its URI: a hash of the normalised headline."""
    normal = unicodedata.normalize("NFKC", headline).casefold()
    normal = " ".join(re.sub(r"[\W_]+", " ", normal).split())
    return "urn:readwire:text:" + hashlib.sha1(normal.encode(), usedforsecurity=False).hexdigest()[:20]


def _decode(data: bytes) -> tuple[str, list[str]]:
    if not isinstance(data, bytes | bytearray):
        raise UnsupportedDocument("a text page must be given as bytes")
    data = bytes(data)
    if len(data) > MAX_TEXT_BYTES:
        raise UnsupportedDocument(
            f"a plain-text page of {len(data)} bytes is too long to be one story (the limit is {MAX_TEXT_BYTES})"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") > max(3, len(text) // 20):
        raise UnsupportedDocument("the document is not UTF-8 text")
    return text, ["some bytes were not UTF-8 and were replaced"]


# --- reading a page ---------------------------------------------------------------------------


def read_page(text: str) -> TextPage:
    blocks, one_per_line = _blocks(text)
    page = TextPage()
    blocks = _take_headline(blocks, page)
    if not page.headline:
        return page
    units = _units(blocks, one_per_line)
    units = _take_header(units, page)
    story = _story(units)
    for unit in story:
        if unit.kind == PICTURE and unit.picture is not None:
            page.pictures.append(unit.picture)
        else:
            page.paragraphs.append(unit.text)
    if page.paragraphs:
        match = _DATELINE.match(page.paragraphs[0])
        if match:
            page.dateline = match.group("dateline")
    return page


def _clean_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ").replace("\t", " ")
    return " ".join(_CONTROL.sub("", line).split())


def _blocks(text: str) -> tuple[list[list[str]], bool]:
    """Lines grouped by blank lines (rule lines like ``-----`` separate too), and whether the
    dump has one paragraph per line.

    A dump with few blank lines has one paragraph per line, and every line is then a block of
    its own; hard-wrapped text (lines cut near one width) has its lines joined up again.
    """
    blocks: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = _clean_line(raw)
        if not line or _RULE.match(line):
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    blocks = [b for b in blocks if b]
    lines = [line for block in blocks for line in block]
    if not lines:
        return [], False
    if _hard_wrapped(lines):
        width = max(len(line) for line in lines)
        return [_unwrap(block, width) for block in blocks], False
    if len(blocks) < 0.3 * len(lines) and len(lines) > 3:
        return [[line] for line in lines], True
    return blocks, False


def _hard_wrapped(lines: list[str]) -> bool:
    width = max(len(line) for line in lines)
    near_width = sum(1 for line in lines if len(line) >= 0.75 * width)
    return len(lines) >= 6 and 50 <= width <= 100 and near_width >= 0.3 * len(lines)


def _unwrap(block: list[str], width: int) -> list[str]:
    joined: list[str] = []
    for line in block:
        previous = joined[-1] if joined else ""
        if previous and len(previous) >= 0.6 * width and not _BULLET.match(line):
            joined[-1] = f"{previous} {line}"
        else:
            joined.append(line)
    return joined


# --- classifying lines ------------------------------------------------------------------------


def _is_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text)) and len(text.split()) >= 3


def _furniture_kind(text: str) -> str | None:
    if len(text) <= 2:
        return NEUTRAL
    if _COOKIE.search(text) and _COOKIE_CONTEXT.search(text):
        return END
    if len(text) > 300 or len(text.split()) > 30:
        return END if re.match(r"^(?:privacy notice|by (?:signing|subscribing)|©|copyright)", text, re.I) else None
    if _NEUTRAL.match(text):
        return NEUTRAL
    if _END.match(text):
        return END
    return None


def _kind(text: str, bullet: bool = False) -> str:
    furniture = _furniture_kind(text)
    if furniture:
        return furniture
    if _TAIL_HEADING.match(text):
        return TAIL_HEADING
    if bullet and len(text.split()) < 6:
        return SHORT
    if _is_sentence(text) or len(text.split()) >= 30:
        return PROSE
    return SHORT


def split_credit(text: str) -> tuple[str, str]:
    """A caption and the credit at its end: ``"Fans cheer. (AAP Image/Dan Himbrechts)"``
    gives ``("Fans cheer.", "AAP Image/Dan Himbrechts")``; no credit gives ``(text, "")``."""
    text = _LICENSING_SUFFIX.sub("", _GALLERY_PREFIX.sub("", text.strip()))
    leading = _LEADING_LABEL.match(text)
    if leading and _is_sentence(_PAREN_CREDIT.sub(r"\g<caption>", leading.group("rest"))):
        text = leading.group("rest")  # "Photo: Fans cheer on the hill. (ABC News: Jane Doe)"
    match = _PAREN_CREDIT.match(text)
    if match and _looks_like_credit(match.group("credit")):
        return match.group("caption").strip(), match.group("credit").strip()
    for pattern in (_LABELLED_CREDIT, _AGENCY_CREDIT, _PHOTOGRAPHER_CREDIT):
        match = pattern.match(text)
        if match and match.group("credit").strip():
            return (match.group("caption") or "").strip(), match.group("credit").strip()
    if _CREDIT_ONLY.match(text):
        return "", text
    return text, ""


def _looks_like_credit(credit: str) -> bool:
    if re.search(r"[.!?]\s", credit) or len(credit.split()) > 8:
        return False
    if _CREDIT_WORD.search(credit):
        return True
    # "Dan Himbrechts/AAP", "ABC News: Danielle Bonica", "AP PHOTO"
    return bool(
        re.fullmatch(r"[A-Z][\w.'’ -]*\s*/\s*[A-Z][\w.'’ /-]*", credit)
        or re.fullmatch(r"[A-Z][\w&.'’ -]{1,40}:\s*[A-Z][\w.'’ -]+", credit)
        or (credit.isupper() and len(re.sub(r"\W", "", credit)) >= 2)
    )


def _credit_line(text: str) -> str:
    """The credit of a line that is nothing but a credit (``Photo: Reuters``), else ``""``."""
    if len(text) > 200:
        return ""
    bbc = _BBC_SOURCE.match(text)
    if bbc:
        return bbc.group("credit").strip()
    if _is_sentence(text) and not text.endswith(")"):
        return ""
    caption, credit = split_credit(text)
    return credit if credit and not caption else ""


def _is_picture_title(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 8
        and len(text) <= 60
        and text[0].isupper()
        and not re.search(r"[.!?:;,\"“”'’]$", text)
        and not _furniture_kind(text)
        and not _is_date_line(text)
        and not _BYLINE.match(text)
    )


def _is_caption(text: str) -> bool:
    return (
        len(text.split()) >= 3 and len(text) <= _LONGEST_CAPTION and (text[0].isupper() or text[0] in "\"“‘'0123456789")
    )


def _title_case(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if w.lower() not in _SMALL_WORDS]
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)


def _names(text: str) -> set[str]:
    return {
        w.lower().removesuffix("'s").removesuffix("’s")
        for w in _WORD.findall(text)
        if len(w) >= 3 and w.lower() not in _STOPWORDS
    }


def _picture(lines: list[str]) -> Picture | None:
    """The picture these 1–3 lines describe, if they are a title, a caption and a credit."""
    if not 1 <= len(lines) <= 3 or any(len(line) > _LONGEST_CAPTION for line in lines):
        return None
    if len(lines) == 2:
        source, caption = (_BBC_SOURCE.match(lines[0]), _BBC_CAPTION.match(lines[1]))
        if source and caption:
            return Picture(caption=caption.group("caption").strip(), credit=source.group("credit").strip())
    title = ""
    rest = list(lines)
    credit = ""
    if len(rest) >= 2:
        credit = _credit_line(rest[-1])
        if credit:
            rest = rest[:-1]
    if len(rest) == 1 and credit and _is_picture_title(rest[0]) and _LABELLED_CREDIT.match(lines[-1]):
        return Picture(title=rest[0], credit=credit)  # a chart or graphic: its title and source
    if len(rest) == 2:
        if not _is_picture_title(rest[0]):
            return None
        title = rest[0]
        rest = rest[1:]
    if len(rest) != 1:
        return None
    bbc = _BBC_CAPTION.match(rest[0])
    caption, own_credit = split_credit(bbc.group("caption") if bbc else rest[0])
    credit = credit or own_credit
    if not caption or not _is_caption(caption):
        return None
    if title:
        evidence = 2 * bool(credit) + bool(_names(title) & _names(caption)) + _title_case(title)
        evidence += bool(_CAPTION_CUE.search(caption))
        if evidence < 2 or not (_is_sentence(caption) or credit):
            return None
    elif not credit and not bbc:
        return None
    return Picture(title=title, caption=caption, credit=credit)


def _units(blocks: list[list[str]], one_per_line: bool) -> list[_Unit]:
    """Lines as classified units; picture lines are folded into picture units.

    A block of one to three lines that reads as title + caption + credit is a picture; in a dump
    with one paragraph per line (every block one line) the same is tried on neighbouring lines.
    """
    units: list[_Unit] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if one_per_line:
            window = [b[0] for b in blocks[index : index + 3]]
            for size in (3, 2, 1):
                picture = _picture(window[:size]) if len(window) >= size else None
                if picture:
                    units.append(_Unit(" ".join(window[:size]), PICTURE, picture=picture))
                    index += size
                    break
            else:
                units += _line_units(block)
                index += 1
            continue
        picture = _picture(block)
        if picture:
            units.append(_Unit(" ".join(block), PICTURE, picture=picture))
        else:
            units += _line_units(block)
        index += 1
    return _attach_credits(units)


def _line_units(block: list[str]) -> list[_Unit]:
    units = []
    for line in block:
        bullet = bool(_BULLET.match(line))
        text = _BULLET.sub("", line) if bullet else line
        picture = _picture([text]) if not bullet else None
        if picture:
            units.append(_Unit(text, PICTURE, picture=picture))
        elif _credit_line(text):
            units.append(_Unit(text, CREDIT))
        else:
            unit = _Unit(text, _kind(text, bullet), bullet=bullet)
            unit.promo = len(_PROMO.findall(text)) if unit.kind == PROSE else 0
            units.append(unit)
    # "Read more" followed by the linked story's headline on the next line.
    for first, second in zip(units, units[1:], strict=False):
        if _LINK_INTRO.match(first.text.rstrip(":")) and second.kind in (SHORT, PROSE) and second.words <= 20:
            second.kind = NEUTRAL
    return units


def _attach_credits(units: list[_Unit]) -> list[_Unit]:
    """A credit on a line of its own belongs to the picture just above it."""
    for previous, unit in zip(units, units[1:], strict=False):
        if unit.kind == CREDIT and previous.kind == PICTURE and previous.picture and not previous.picture.credit:
            previous.picture.credit = _credit_line(unit.text)
    return units


# --- headline and header ----------------------------------------------------------------------


def _take_headline(blocks: list[list[str]], page: TextPage) -> list[list[str]]:
    """Skip the page's leading furniture and take the headline.

    Skipped: blocks that are mostly furniture (navigation, cookie banners), one- and two-word
    lines (section labels, mastheads) and lines in capitals (mastheads), when an ordinary
    headline-like line (three words or more, not ending in a full stop) follows near the top.
    """
    candidates = [
        (b, i)
        for b, block in enumerate(blocks[:12])
        for i, line in enumerate(block)
        if not _furniture_kind(line) and not _credit_line(line)
    ]
    furniture_blocks = {
        b for b, block in enumerate(blocks[:12]) if sum(1 for line in block if _furniture_kind(line)) * 2 >= len(block)
    }
    ordinary = [
        (b, i)
        for b, i in candidates
        if b not in furniture_blocks
        and len(blocks[b][i].split()) >= 3
        and not blocks[b][i].isupper()
        and not re.search(r"\.[\"'”’]*$", blocks[b][i])
        and not _is_date_line(blocks[b][i])
        and not _BYLINE.match(blocks[b][i])
    ]
    chosen = ordinary[0] if ordinary else (candidates[0] if candidates else None)
    if chosen is None:
        return []
    b, i = chosen
    page.headline = _strip_bullet(blocks[b][i])
    rest = blocks[b][i + 1 :]
    return ([rest] if rest else []) + blocks[b + 1 :]


def _strip_bullet(text: str) -> str:
    return _BULLET.sub("", text)


def _take_header(units: list[_Unit], page: TextPage) -> list[_Unit]:
    """Byline, standfirst, date lines and buttons between the headline and the story."""
    first = _story_start(units[:16])
    if first is None:
        return units
    for unit in units[:first]:
        if unit.kind == PICTURE:
            continue
        byline = _BYLINE.match(unit.text)
        if byline and not page.byline and unit.words <= 12:
            page.byline = byline.group("name").strip()
        elif _is_date_line(unit.text):
            pass
        elif unit.kind in (SHORT, PROSE) and unit.words >= 6 and not unit.bullet and not page.standfirst:
            page.standfirst = unit.text
        unit.kind = NEUTRAL
    return units


def _story_start(units: list[_Unit]) -> int | None:
    """The first paragraph of the story: the first sentence that is not followed by a byline or
    a date line (a standfirst written as a full sentence sits above the byline)."""
    prose = [i for i, u in enumerate(units) if u.kind == PROSE and not _BYLINE.match(u.text)]
    for i in prose:
        following = [u for u in units[i + 1 :] if u.kind != PICTURE][:3]
        if not any(_BYLINE.match(u.text) or _is_date_line(u.text) for u in following):
            return i
    return prose[0] if prose else None


def _is_date_line(text: str) -> bool:
    return len(text) <= 160 and len(text.split()) <= 14 and not _TERMINAL.search(text) and bool(_DATE_LINE.match(text))


# --- where the story ends ---------------------------------------------------------------------


def _is_story_paragraph(unit: _Unit) -> bool:
    return unit.kind == PROSE and not unit.absorbed and unit.promo == 0 and unit.words >= 8


def _story(units: list[_Unit]) -> list[_Unit]:
    """The story's paragraphs and pictures, furniture boxes and the page's tail removed."""
    is_furniture = [u.kind in _FURNITURE or u.kind == TAIL_HEADING or u.promo >= 2 for u in units]
    # A short sentence between two furniture lines is a newsletter or promotion blurb.
    for index in range(1, len(units) - 1):
        unit = units[index]
        if unit.kind == PROSE and unit.words <= 25 and is_furniture[index - 1] and is_furniture[index + 1]:
            unit.absorbed = True
            is_furniture[index] = True

    runs = _runs(units, is_furniture)
    # story_before[i]: how many story paragraphs units[:i] holds
    story_before = [0]
    for unit in units:
        story_before.append(story_before[-1] + _is_story_paragraph(unit))
    cut = len(units)
    for start, end in runs:
        run = units[start:end]
        strong = any(u.kind == END for u in run)
        headings = sum(1 for u in run if u.kind in (SHORT, TAIL_HEADING))
        tail_headings = any(u.kind == TAIL_HEADING for u in run)
        if not (strong or headings >= 3 or (tail_headings and headings >= 2)):
            continue
        following = units[end : end + 2]
        continues = len(following) == 2 and all(_is_story_paragraph(u) for u in following)
        # Furniture is never most of the prose: a box with more story after it than before is
        # the page's header or a box inside the story, not its end.
        before, after = story_before[start], story_before[-1] - story_before[end]
        if not continues and after < before:
            cut = start
            break
        if strong:  # a box inside the story (a newsletter sign-up): every line of it goes
            for unit in run:
                if unit.kind in (SHORT, TAIL_HEADING, PROSE):
                    unit.absorbed = True

    story = [
        u for u in units[:cut] if u.kind not in _FURNITURE and not u.absorbed and not (u.kind == PROSE and u.promo >= 2)
    ]
    # Headings, sign-offs ("Reporting by ...; Editing by ...") and a closing subscription pitch
    # after the last paragraph.
    while story and (story[-1].kind in (SHORT, TAIL_HEADING) or _PITCH.search(story[-1].text)):
        story.pop()
    return story


def _runs(units: list[_Unit], is_furniture: list[bool]) -> list[tuple[int, int]]:
    """Maximal stretches of furniture-like units (furniture, short lines, promotion), as slices.

    Pictures neither start nor end a run; short lines only extend one (a subheading alone is not
    a run, a list of related headlines after a "Related" line is).
    """
    runs = []
    index = 0
    while index < len(units):
        if not is_furniture[index] and units[index].kind != SHORT:
            index += 1
            continue
        start = index
        while index < len(units) and (is_furniture[index] or units[index].kind in (SHORT, PICTURE)):
            index += 1
        end = index
        while end > start and units[end - 1].kind == PICTURE:
            end -= 1
        runs.append((start, end))
        index = max(end, start + 1)
    return runs
