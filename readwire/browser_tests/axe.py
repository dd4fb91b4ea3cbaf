"""axe-core, run inside the page, for the WCAG 2.x A and AA rules.

``vendor/axe.min.js`` is axe-core 4.14.1 from npm (``npm pack axe-core``), kept as published with
its MPL-2.0 licence header; nothing is fetched at test time. To update it, unpack a newer
``npm pack axe-core`` and copy ``package/axe.min.js`` over it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

AXE_SOURCE = Path(__file__).with_name("vendor") / "axe.min.js"

# WCAG 2.0, 2.1 and 2.2, levels A and AA: what the issue promises (WCAG 2.2 AA).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    page: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        where = ", ".join(self.targets[:3]) + (" ..." if len(self.targets) > 3 else "")
        return f"{self.page}: {self.rule} ({self.impact}): {self.help} at {where}"


@cache
def _axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


def audit(page, label: str) -> list[Violation]:
    """Every WCAG A/AA violation axe finds in ``page`` as it is now; ``label`` names it in reports."""
    # Evaluated through the DevTools protocol rather than a <script> tag, so a Content-Security-Policy
    # that (rightly) forbids inline scripts does not keep axe out.
    page.evaluate(_axe_source() + "\n;true")
    results = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})""",
        WCAG_TAGS,
    )
    return [
        Violation(
            rule=found["id"],
            impact=found.get("impact") or "minor",
            help=found["help"],
            page=label,
            targets=tuple(" ".join(map(str, node["target"])) for node in found["nodes"]),
        )
        for found in results["violations"]
    ]


def blocking(violations: list[Violation]) -> list[Violation]:
    return [violation for violation in violations if violation.impact in BLOCKING_IMPACTS]
