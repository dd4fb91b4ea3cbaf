"""A plain-text rendering of a story version, for terminals, email and quick reading."""

from __future__ import annotations

import textwrap

from readwire.wire.models import Version


def render(version: Version) -> str:
    lines = [version.headline, "=" * min(len(version.headline), 72), ""]
    if version.standfirst:
        lines += [textwrap.fill(version.standfirst, 72), ""]
    meta = " | ".join(part for part in (version.byline, version.dateline) if part)
    if meta:
        lines += [meta, ""]
    for paragraph in version.body_text.split("\n\n"):
        if paragraph.strip():
            lines += [textwrap.fill(paragraph.strip(), 72), ""]
    for picture in version.pictures:
        caption = " ".join(
            part for part in (picture.get("caption"), picture.get("credit") and f"({picture['credit']})") if part
        )
        if caption:
            lines += [textwrap.fill(f"[Picture] {caption}", 72), ""]
    if version.ed_note:
        lines += [textwrap.fill(f"Editor's note: {version.ed_note}", 72), ""]
    if version.copyright_notice:
        lines += [version.copyright_notice, ""]
    lines.append(f"{version.story.uri} (version {version.version})")
    return "\n".join(lines) + "\n"
