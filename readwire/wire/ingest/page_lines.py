"""What the lines of a news page look like, once its markup is gone: picture credits, bylines,
date lines, datelines, and the site furniture around a story.

Used by the plain-text reader (``text.py``) to take a page dump apart, and by the web-page reader
(``html.py``) to split a figure caption from its credit.
"""

from __future__ import annotations

import re

NEUTRAL = "neutral"  # furniture that says nothing about where the story ends (ads, share buttons)
END = "end"  # furniture that appears where a story is over ("Related stories", subscription plans)

_TERMINAL = re.compile(r"[.!?…](?:[\"'”’)\]]+)?$")

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

# --- picture credits --------------------------------------------------------------------------

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
_LINK_INTRO = re.compile(r"^(?:read more|read next|see also|related|also read)$", re.I)


# --- reading a line ---------------------------------------------------------------------------


def is_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text)) and len(text.split()) >= 3


def furniture_kind(text: str) -> str | None:
    """NEUTRAL or END if the line is site furniture, else None."""
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


def split_credit(text: str) -> tuple[str, str]:
    """A caption and the credit at its end: ``"Fans cheer. (AAP Image/Dan Himbrechts)"``
    gives ``("Fans cheer.", "AAP Image/Dan Himbrechts")``; no credit gives ``(text, "")``."""
    text = _LICENSING_SUFFIX.sub("", _GALLERY_PREFIX.sub("", text.strip()))
    leading = _LEADING_LABEL.match(text)
    if leading and is_sentence(_PAREN_CREDIT.sub(r"\g<caption>", leading.group("rest"))):
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


def credit_line(text: str) -> str:
    """The credit of a line that is nothing but a credit (``Photo: Reuters``), else ``""``."""
    if len(text) > 200:
        return ""
    bbc = _BBC_SOURCE.match(text)
    if bbc:
        return bbc.group("credit").strip()
    if is_sentence(text) and not text.endswith(")"):
        return ""
    caption, credit = split_credit(text)
    return credit if credit and not caption else ""


def is_date_line(text: str) -> bool:
    return len(text) <= 160 and len(text.split()) <= 14 and not _TERMINAL.search(text) and bool(_DATE_LINE.match(text))


def byline_name(text: str) -> str:
    """The name in a byline line (``By Jane Citizen``), else ``""``."""
    match = _BYLINE.match(text)
    return match.group("name").strip() if match else ""


def dateline_of(paragraph: str) -> str:
    """The dateline a story's first paragraph opens with (``SYDNEY, March 4 (Reuters)``), else ``""``."""
    match = _DATELINE.match(paragraph)
    return match.group("dateline") if match else ""


def bbc_source(text: str) -> str:
    match = _BBC_SOURCE.match(text)
    return match.group("credit").strip() if match else ""


def bbc_caption(text: str) -> str:
    match = _BBC_CAPTION.match(text)
    return match.group("caption").strip() if match else ""


def is_labelled_credit(text: str) -> bool:
    """``Chart: Data from AEMO``, ``Photo: Reuters``: a credit introduced by what it credits."""
    return bool(_LABELLED_CREDIT.match(text))


def has_caption_cue(text: str) -> bool:
    return bool(_CAPTION_CUE.search(text))


def is_tail_heading(text: str) -> bool:
    return bool(_TAIL_HEADING.match(text))


def promo_words(text: str) -> int:
    return len(_PROMO.findall(text))


def is_pitch(text: str) -> bool:
    return bool(_PITCH.search(text))


def is_link_intro(text: str) -> bool:
    return bool(_LINK_INTRO.match(text.rstrip(":")))
