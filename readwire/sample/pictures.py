"""Small SVG pictures for the sample wire: a desk's colours and motif, varied per picture, and a label.

They stand in for agency photographs: light (a few kilobytes), no external fonts or images, and
different enough from one another that a page of stories does not look like one picture repeated.
"""

from __future__ import annotations

import math
import random
from html import escape

WIDTH, HEIGHT = 1200, 675

# Two gradient stops and an accent per desk.
PALETTES = {
    "national": ("#1f4e79", "#6fa8dc", "#f6d365"),
    "world": ("#0b3954", "#087e8b", "#bfd7ea"),
    "politics": ("#3d2c8d", "#916bbf", "#f4e1ff"),
    "courts": ("#2d2d2d", "#7a6f5d", "#e8dcc2"),
    "business": ("#123c69", "#ac3b61", "#eee2dc"),
    "finance": ("#0f3057", "#00587a", "#00e0a0"),
    "sport": ("#1b5e20", "#66bb6a", "#ffffff"),
    "entertainment": ("#4a0e4e", "#c2185b", "#ffd54f"),
    "science": ("#0d1b2a", "#1b263b", "#a9d6e5"),
    "health": ("#006d77", "#83c5be", "#ffddd2"),
    "environment": ("#1d3557", "#2a9d8f", "#e9f5db"),
    "agriculture": ("#7f5539", "#ddb892", "#fefae0"),
    "future-economies": ("#023047", "#219ebc", "#ffb703"),
    "arts": ("#5f0f40", "#e36414", "#fb8b24"),
    "refugee-issues": ("#33415c", "#5c677d", "#f4a261"),
}


def _hills(rng, accent):
    shapes = [
        f'<circle cx="{rng.randint(800, 1050)}" cy="{rng.randint(120, 220)}" r="70" fill="{accent}" opacity=".85"/>'
    ]
    for i, base in enumerate((470, 540, 610)):
        peak = base - rng.randint(60, 140)
        mid = rng.randint(300, 900)
        shapes.append(
            f'<path d="M0 {base} Q{mid} {peak} 1200 {base + rng.randint(-30, 30)} V675 H0Z" '
            f'fill="#fff" opacity="{0.12 + i * 0.08:.2f}"/>'
        )
    return shapes


def _globe(rng, accent):
    cx, cy, r = rng.randint(780, 960), 330, rng.randint(190, 230)
    shapes = [f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="{accent}" stroke-width="4" opacity=".8"/>']
    for k in (0.35, 0.7):
        shapes.append(
            f'<ellipse cx="{cx}" cy="{cy}" rx="{r * k:.0f}" ry="{r}" fill="none" stroke="{accent}" stroke-width="2" opacity=".6"/>'
        )
    for dy in (-0.5, 0, 0.5):
        half = r * math.sqrt(1 - dy * dy)
        shapes.append(
            f'<line x1="{cx - half:.0f}" y1="{cy + dy * r:.0f}" x2="{cx + half:.0f}" y2="{cy + dy * r:.0f}" stroke="{accent}" stroke-width="2" opacity=".6"/>'
        )
    return shapes


def _dome(rng, accent):
    cx = rng.randint(700, 900)
    shapes = [f'<path d="M{cx - 180} 420 A180 150 0 0 1 {cx + 180} 420Z" fill="{accent}" opacity=".55"/>']
    for i in range(7):
        x = cx - 170 + i * 56
        shapes.append(f'<rect x="{x}" y="430" width="18" height="150" fill="{accent}" opacity=".6"/>')
    shapes.append(f'<rect x="{cx - 200}" y="580" width="400" height="22" fill="{accent}" opacity=".7"/>')
    shapes.append(f'<line x1="{cx}" y1="270" x2="{cx}" y2="150" stroke="{accent}" stroke-width="5"/>')
    return shapes


def _columns(rng, accent):
    left = rng.randint(560, 700)
    shapes = [f'<path d="M{left - 30} 220 L{left + 250} 130 L{left + 530} 220Z" fill="{accent}" opacity=".7"/>']
    for i in range(5):
        shapes.append(
            f'<rect x="{left + i * 115}" y="240" width="46" height="330" rx="6" fill="{accent}" opacity=".55"/>'
        )
    shapes.append(f'<rect x="{left - 40}" y="575" width="580" height="30" fill="{accent}" opacity=".7"/>')
    return shapes


def _skyline(rng, accent):
    shapes, x = [], 520
    while x < 1180:
        w, h = rng.randint(50, 110), rng.randint(160, 460)
        shapes.append(
            f'<rect x="{x}" y="{675 - h}" width="{w}" height="{h}" fill="{accent}" opacity="{rng.uniform(0.35, 0.75):.2f}"/>'
        )
        x += w + rng.randint(6, 20)
    return shapes


def _chart(rng, accent):
    points, y = [], rng.randint(380, 520)
    for i in range(12):
        y = max(120, min(560, y + rng.randint(-70, 55)))
        points.append(f"{500 + i * 58},{y}")
    bars = [
        f'<rect x="{505 + i * 58}" y="{675 - (h := rng.randint(40, 160))}" width="34" height="{h}" fill="#fff" opacity=".18"/>'
        for i in range(12)
    ]
    return [
        *bars,
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{accent}" stroke-width="8" stroke-linejoin="round"/>',
    ]


def _field(rng, accent):
    cx = rng.randint(760, 900)
    return [
        f'<ellipse cx="{cx}" cy="360" rx="330" ry="230" fill="none" stroke="{accent}" stroke-width="6" opacity=".7"/>',
        f'<line x1="{cx}" y1="130" x2="{cx}" y2="590" stroke="{accent}" stroke-width="4" opacity=".5"/>',
        f'<circle cx="{cx}" cy="360" r="60" fill="none" stroke="{accent}" stroke-width="4" opacity=".6"/>',
        f'<circle cx="{cx + rng.randint(-200, 200)}" cy="{rng.randint(220, 500)}" r="22" fill="{accent}"/>',
    ]


def _spotlights(rng, accent):
    shapes = []
    for _ in range(3):
        x = rng.randint(560, 1150)
        shapes.append(f'<path d="M{x} 0 L{x - 160} 675 H{x + 160}Z" fill="{accent}" opacity=".16"/>')
    for _ in range(14):
        shapes.append(
            f'<circle cx="{rng.randint(480, 1180)}" cy="{rng.randint(20, 400)}" r="{rng.randint(2, 6)}" fill="{accent}" opacity=".9"/>'
        )
    return shapes


def _orbits(rng, accent):
    cx, cy = rng.randint(780, 940), rng.randint(300, 380)
    shapes = [f'<circle cx="{cx}" cy="{cy}" r="26" fill="{accent}"/>']
    for angle in (0, 60, 120):
        shapes.append(
            f'<ellipse cx="{cx}" cy="{cy}" rx="230" ry="80" fill="none" stroke="{accent}" stroke-width="3" '
            f'opacity=".7" transform="rotate({angle + rng.randint(-8, 8)} {cx} {cy})"/>'
        )
    for _ in range(30):
        shapes.append(
            f'<circle cx="{rng.randint(420, 1190)}" cy="{rng.randint(10, 665)}" r="{rng.choice([1, 1, 2, 3])}" fill="#fff" opacity=".7"/>'
        )
    return shapes


def _pulse(rng, accent):
    y, x = rng.randint(330, 420), rng.randint(820, 960)
    line = f"M480 {y} H{x - 90} L{x - 60} {y - 140} L{x - 20} {y + 120} L{x + 10} {y - 60} L{x + 40} {y} H1200"
    return [
        f'<path d="{line}" fill="none" stroke="{accent}" stroke-width="8" stroke-linejoin="round"/>',
        f'<path d="M{x + 150} 140 h50 v50 h50 v50 h-50 v50 h-50 v-50 h-50 v-50 h50z" fill="#fff" opacity=".35"/>',
    ]


def _waves(rng, accent):
    shapes = []
    for i in range(5):
        y = 380 + i * 55
        amp = rng.randint(15, 35)
        shapes.append(
            f'<path d="M0 {y} C300 {y - amp} 500 {y + amp} 800 {y} S1100 {y - amp} 1200 {y}" fill="none" '
            f'stroke="{accent}" stroke-width="5" opacity="{0.3 + i * 0.12:.2f}"/>'
        )
    cx = rng.randint(850, 1000)
    shapes.append(
        f'<path d="M{cx} 120 C{cx + 160} 150 {cx + 150} 300 {cx} 320 C{cx - 150} 300 {cx - 160} 150 {cx} 120Z" fill="{accent}" opacity=".6"/>'
    )
    return shapes


def _rows(rng, accent):
    shapes = [f'<circle cx="{rng.randint(900, 1080)}" cy="150" r="80" fill="{accent}" opacity=".8"/>']
    for i in range(9):
        shapes.append(f'<path d="M600 330 L{120 + i * 130} 675" stroke="{accent}" stroke-width="6" opacity=".45"/>')
    shapes.append('<rect x="0" y="320" width="1200" height="12" fill="#fff" opacity=".3"/>')
    return shapes


def _turbines(rng, accent):
    shapes = []
    for _ in range(3):
        x, top = rng.randint(520, 1120), rng.randint(140, 260)
        shapes.append(f'<line x1="{x}" y1="{top}" x2="{x}" y2="675" stroke="{accent}" stroke-width="8"/>')
        turn = rng.randint(0, 119)
        for blade in range(3):
            shapes.append(
                f'<path d="M{x} {top} l-9 -120 l9 -10 l9 10z" fill="{accent}" '
                f'transform="rotate({turn + blade * 120} {x} {top})"/>'
            )
    return shapes


def _strokes(rng, accent):
    shapes = []
    for _ in range(6):
        cx, cy = rng.randint(520, 1120), rng.randint(100, 580)
        shapes.append(
            f'<circle cx="{cx}" cy="{cy}" r="{rng.randint(60, 160)}" fill="{accent}" opacity="{rng.uniform(0.15, 0.45):.2f}"/>'
        )
    shapes.append(
        '<path d="M480 560 C700 380 900 640 1180 300" fill="none" stroke="#fff" stroke-width="14" stroke-linecap="round" opacity=".5"/>'
    )
    return shapes


def _horizon(rng, accent):
    shapes = [f'<circle cx="{rng.randint(760, 1000)}" cy="420" r="120" fill="{accent}" opacity=".75"/>']
    shapes.append('<rect x="0" y="420" width="1200" height="255" fill="#000" opacity=".25"/>')
    shapes.append(
        '<path d="M640 675 C700 560 760 500 860 420" fill="none" stroke="#fff" stroke-width="10" opacity=".35"/>'
    )
    for _ in range(5):
        x, y = rng.randint(600, 1150), rng.randint(120, 300)
        shapes.append(
            f'<path d="M{x} {y} q15 -14 30 0 q15 -14 30 0" fill="none" stroke="#fff" stroke-width="4" opacity=".7"/>'
        )
    return shapes


MOTIFS = {
    "national": _hills,
    "world": _globe,
    "politics": _dome,
    "courts": _columns,
    "business": _skyline,
    "finance": _chart,
    "sport": _field,
    "entertainment": _spotlights,
    "science": _orbits,
    "health": _pulse,
    "environment": _waves,
    "agriculture": _rows,
    "future-economies": _turbines,
    "arts": _strokes,
    "refugee-issues": _horizon,
}


def render_svg(desk: str, label: str, title: str, seed: str) -> str:
    """The picture for one story: deterministic for a given ``seed``."""
    rng = random.Random(seed)
    start, end, accent = PALETTES[desk]
    angle = rng.randint(0, 60)
    lines = _wrap(label.upper(), 22)[:3]
    first_baseline = 560 - (len(lines) - 1) * 58
    text = "".join(
        f'<text x="60" y="{first_baseline + i * 58}" font-family="Helvetica, Arial, sans-serif" '
        f'font-size="48" font-weight="700" fill="#fff">{escape(line)}</text>'
        for i, line in enumerate(lines)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<defs><linearGradient id="g" gradientTransform="rotate({angle})">'
        f'<stop offset="0" stop-color="{start}"/><stop offset="1" stop-color="{end}"/></linearGradient>'
        '<linearGradient id="shade" x1="0" y1="0" x2="0" y2="1">'
        '<stop offset="0" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity=".55"/>'
        "</linearGradient></defs>"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="url(#g)"/>'
        + "".join(MOTIFS[desk](rng, accent))
        # A shade behind the label keeps it legible over any motif.
        + f'<rect y="{first_baseline - 140}" width="{WIDTH}" height="{HEIGHT - first_baseline + 140}" fill="url(#shade)"/>'
        + f'<rect x="40" y="{first_baseline - 40}" width="8" height="{(len(lines) - 1) * 58 + 52}" fill="{accent}"/>'
        + text
        + '<text x="60" y="630" font-family="Helvetica, Arial, sans-serif" font-size="22" letter-spacing="4" '
        'fill="#fff" opacity=".8">READWIRE NEWSWIRE · SAMPLE</text></svg>\n'
    )


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
