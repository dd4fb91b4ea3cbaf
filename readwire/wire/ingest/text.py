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

What each kind of line looks like (credits, furniture, bylines, dates) is in ``page_lines.py``.
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
from readwire.wire.ingest.page_lines import (
    END,
    NEUTRAL,
    bbc_caption,
    bbc_source,
    byline_name,
    credit_line,
    dateline_of,
    furniture_kind,
    has_caption_cue,
    is_date_line,
    is_labelled_credit,
    is_link_intro,
    is_pitch,
    is_sentence,
    is_tail_heading,
    promo_words,
    split_credit,
)
from readwire.wire.item import Picture, Rejection, WireItem

FORMAT = "text"
# A news page's text is tens of kilobytes; a megabyte is a book, or an attempt to burn CPU.
MAX_TEXT_BYTES = 1024 * 1024

# --- line shapes ------------------------------------------------------------------------------

_BULLET = re.compile(r"^(?:[•·▪●◦‣*]|-|–)\s+")
_RULE = re.compile(r"^[-=_*~#.·•+]{3,}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_WORD = re.compile(r"[\w’'-]+")
_SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "from", "as", "vs"}
_STOPWORDS = _SMALL_WORDS | {"his", "her", "their", "its", "this", "that", "after", "before", "is", "was", "are"}

_LONGEST_CAPTION = 400

# What a unit of a page is; NEUTRAL and END furniture come from page_lines.
PROSE, SHORT, TAIL_HEADING, PICTURE, CREDIT = "prose", "short", "tail", "picture", "credit"
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
        page.dateline = dateline_of(page.paragraphs[0])
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


def _kind(text: str, bullet: bool = False) -> str:
    furniture = furniture_kind(text)
    if furniture:
        return furniture
    if is_tail_heading(text):
        return TAIL_HEADING
    if bullet and len(text.split()) < 6:
        return SHORT
    if is_sentence(text) or len(text.split()) >= 30:
        return PROSE
    return SHORT


def _is_picture_title(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 8
        and len(text) <= 60
        and text[0].isupper()
        and not re.search(r"[.!?:;,\"“”'’]$", text)
        and not furniture_kind(text)
        and not is_date_line(text)
        and not byline_name(text)
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
        source, caption = bbc_source(lines[0]), bbc_caption(lines[1])
        if source and caption:
            return Picture(caption=caption, credit=source)
    title = ""
    rest = list(lines)
    credit = ""
    if len(rest) >= 2:
        credit = credit_line(rest[-1])
        if credit:
            rest = rest[:-1]
    if len(rest) == 1 and credit and _is_picture_title(rest[0]) and is_labelled_credit(lines[-1]):
        return Picture(title=rest[0], credit=credit)  # a chart or graphic: its title and source
    if len(rest) == 2:
        if not _is_picture_title(rest[0]):
            return None
        title = rest[0]
        rest = rest[1:]
    if len(rest) != 1:
        return None
    bbc = bbc_caption(rest[0])
    caption, own_credit = split_credit(bbc or rest[0])
    credit = credit or own_credit
    if not caption or not _is_caption(caption):
        return None
    if title:
        evidence = 2 * bool(credit) + bool(_names(title) & _names(caption)) + _title_case(title)
        evidence += has_caption_cue(caption)
        if evidence < 2 or not (is_sentence(caption) or credit):
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
        elif credit_line(text):
            units.append(_Unit(text, CREDIT))
        else:
            unit = _Unit(text, _kind(text, bullet), bullet=bullet)
            unit.promo = promo_words(text) if unit.kind == PROSE else 0
            units.append(unit)
    # "Read more" followed by the linked story's headline on the next line.
    for first, second in zip(units, units[1:], strict=False):
        headline_like = second.kind == SHORT or (second.kind == PROSE and second.text.endswith("?"))
        if is_link_intro(first.text) and headline_like and second.words <= 20:
            second.kind = NEUTRAL
    return units


def _attach_credits(units: list[_Unit]) -> list[_Unit]:
    """A credit on a line of its own belongs to the picture just above it."""
    for previous, unit in zip(units, units[1:], strict=False):
        if unit.kind == CREDIT and previous.kind == PICTURE and previous.picture and not previous.picture.credit:
            previous.picture.credit = credit_line(unit.text)
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
        if not furniture_kind(line) and not credit_line(line)
    ]
    furniture_blocks = {
        b for b, block in enumerate(blocks[:12]) if sum(1 for line in block if furniture_kind(line)) * 2 >= len(block)
    }
    ordinary = [
        (b, i)
        for b, i in candidates
        if b not in furniture_blocks
        and len(blocks[b][i].split()) >= 3
        and not blocks[b][i].isupper()
        and not re.search(r"\.[\"'”’]*$", blocks[b][i])
        and not is_date_line(blocks[b][i])
        and not byline_name(blocks[b][i])
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
        byline = byline_name(unit.text)
        if byline and not page.byline and unit.words <= 12:
            page.byline = byline
        elif is_date_line(unit.text):
            pass
        elif unit.kind in (SHORT, PROSE) and unit.words >= 6 and not unit.bullet and not page.standfirst:
            page.standfirst = unit.text
        unit.kind = NEUTRAL
    return units


def _story_start(units: list[_Unit]) -> int | None:
    """The first paragraph of the story: the first sentence that is not followed by a byline or
    a date line (a standfirst written as a full sentence sits above the byline)."""
    prose = [i for i, u in enumerate(units) if u.kind == PROSE and not byline_name(u.text)]
    for i in prose:
        following = [u for u in units[i + 1 :] if u.kind != PICTURE][:3]
        if not any(byline_name(u.text) or is_date_line(u.text) for u in following):
            return i
    return prose[0] if prose else None


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
    while story and (story[-1].kind in (SHORT, TAIL_HEADING) or is_pitch(story[-1].text)):
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
