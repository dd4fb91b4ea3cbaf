"""Draw the app's icons: the SVG and the PNGs the web app manifest names.

Run once after changing the design, and commit what it writes:

    .venv/bin/python scripts/make_app_icons.py

The PNGs are drawn in pure Python (zlib and the PNG chunk format), so no imaging library is needed.
The mark is an "R" with a dot beside it, white on the brand's navy. It is drawn on a 512-unit grid,
and kept inside the central circle of radius 204 that a maskable icon must keep clear (the launcher
may cut the rest away).
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "readwire" / "site" / "static" / "site" / "icons"

NAVY = (11, 61, 145)
WHITE = (255, 255, 255)
AMBER = (255, 176, 0)
CORNER_RADIUS = 96  # of 512, for the "any" icon; the maskable one fills its square

# The letter, in 512 units: a stem, a bowl (an outer half-disc on a box, minus an inner one) and a leg.
STEM = (152, 112, 212, 400)
BOWL_OUTER = (152, 112, 272, 288, (272, 200), 88)
BOWL_INNER = (212, 164, 268, 236, (268, 200), 36)
LEG = [(236, 288), (304, 288), (372, 400), (304, 400)]
DOT = ((376, 136), 30)

SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect width="512" height="512" rx="{CORNER_RADIUS}" fill="#0b3d91"/>
<path fill="#fff" fill-rule="evenodd" d="M152 112h120a88 88 0 0 1 0 176h-60v112h-60z\
M212 164h56a36 36 0 0 1 0 72h-56z"/>
<path fill="#fff" d="M236 288h68l68 112h-68z"/>
<circle cx="376" cy="136" r="30" fill="#ffb000"/>
</svg>
"""


def _in_box_with_round_right(x: float, y: float, shape) -> bool:
    left, top, right, bottom, (cx, cy), radius = shape
    if not (top <= y <= bottom) or x < left:
        return False
    if x <= cx:
        return True
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2 and x <= right + radius


def _in_polygon(x: float, y: float, points) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _letter(x: float, y: float) -> bool:
    left, top, right, bottom = STEM
    if left <= x <= right and top <= y <= bottom:
        return True
    if _in_box_with_round_right(x, y, BOWL_OUTER) and not _in_box_with_round_right(x, y, BOWL_INNER):
        return True
    return _in_polygon(x, y, LEG)


def _in_rounded_square(x: float, y: float, radius: float) -> bool:
    cx = min(max(x, radius), 512 - radius)
    cy = min(max(y, radius), 512 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def _sample(x: float, y: float, maskable: bool) -> tuple[int, int, int, int]:
    if not maskable and not _in_rounded_square(x, y, CORNER_RADIUS):
        return (0, 0, 0, 0)
    (dx, dy), dr = DOT
    if math.hypot(x - dx, y - dy) <= dr:
        return (*AMBER, 255)
    if _letter(x, y):
        return (*WHITE, 255)
    return (*NAVY, 255)


def draw(size: int, *, maskable: bool, samples: int = 3) -> bytes:
    """RGBA rows of the icon at ``size`` pixels, antialiased by averaging samples² points a pixel."""
    scale = 512 / size
    offsets = [(i + 0.5) / samples for i in range(samples)]
    rows = bytearray()
    for py in range(size):
        rows.append(0)  # PNG filter type: none
        for px in range(size):
            total = [0, 0, 0, 0]
            for oy in offsets:
                for ox in offsets:
                    r, g, b, a = _sample((px + ox) * scale, (py + oy) * scale, maskable)
                    total[0] += r * a
                    total[1] += g * a
                    total[2] += b * a
                    total[3] += a
            alpha = total[3]
            if alpha:
                rows.extend((round(total[0] / alpha), round(total[1] / alpha), round(total[2] / alpha)))
            else:
                rows.extend((0, 0, 0))
            rows.append(round(alpha / samples**2))
    return bytes(rows)


def png(size: int, rows: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


ICONS = {
    "icon-192.png": (192, False),
    "icon-512.png": (512, False),
    "maskable-192.png": (192, True),
    "maskable-512.png": (512, True),
    # iOS ignores the manifest's icons and rounds the corners itself.
    "apple-touch-icon.png": (180, True),
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon.svg").write_text(SVG)
    for name, (size, maskable) in ICONS.items():
        (OUT / name).write_bytes(png(size, draw(size, maskable=maskable)))
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
