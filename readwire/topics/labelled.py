"""The labelled stories the classifier learns from and is measured on (``data/labelled/``).

One file per section; in each, a story starts with a line ``@ slug [slug ...]`` naming every section
it belongs to, then the headline, then the body; ``people:``, ``places:`` and ``orgs:`` lines (names
separated by ``;``) after the headline list the names the text mentions. Lines starting with ``#`` are comments. Every fourth story of a file
(the 4th, 8th, ...) is held out of training, and those carry the entity annotations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

LABELLED_DIR = Path(__file__).resolve().parent / "data" / "labelled"
HELD_OUT_EVERY = 4
ANNOTATIONS = {"people:": "people", "places:": "places", "orgs:": "organisations"}


@dataclass
class LabelledStory:
    id: str
    sections: list[str]
    headline: str
    body: str
    held_out: bool
    people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    # Whether people/places/organisations were annotated (an empty list then means "none named").
    annotated: bool = False

    @property
    def text(self) -> str:
        return f"{self.headline}\n{self.body}"


def load(directory: Path = LABELLED_DIR) -> list[LabelledStory]:
    stories: list[LabelledStory] = []
    for path in sorted(directory.glob("*.txt")):
        stories.extend(_read(path))
    return stories


def load_fresh(directory: Path = LABELLED_DIR / "fresh") -> list[LabelledStory]:
    """Stories written after the rules and the classifier were frozen: evaluation only."""
    stories = []
    for path in sorted(directory.glob("*.txt")):
        for story in _read(path):
            story.held_out = True
            stories.append(story)
    return stories


def split(stories: list[LabelledStory]) -> tuple[list[LabelledStory], list[LabelledStory]]:
    """(training, held out)."""
    return [s for s in stories if not s.held_out], [s for s in stories if s.held_out]


def _read(path: Path) -> list[LabelledStory]:
    blocks: list[tuple[list[str], list[str]]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            continue
        if line.startswith("@"):
            blocks.append((line[1:].split(), []))
        elif blocks and line:
            blocks[-1][1].append(line)
    stories = []
    for number, (sections, lines) in enumerate(blocks, 1):
        if not sections or not lines:
            raise ValueError(f"{path.name}: story {number} has no sections or no text")
        story = LabelledStory(
            id=f"{path.stem}-{number:02d}",
            sections=sections,
            headline="",
            body="",
            held_out=number % HELD_OUT_EVERY == 0,
        )
        text = []
        for line in lines:
            prefix = line.split(" ", 1)[0]
            if prefix in ANNOTATIONS:
                names = [name.strip() for name in line[len(prefix) :].split(";") if name.strip()]
                setattr(story, ANNOTATIONS[prefix], names)
                story.annotated = True
            else:
                text.append(line)
        if len(text) < 2:
            raise ValueError(f"{path.name}: story {number} needs a headline and a body")
        story.headline, story.body = text[0], "\n".join(text[1:])
        stories.append(story)
    return stories
