#!/usr/bin/env python3
"""Draws the default theme's raster images, once, with the standard library only (no fetch):

- themes/default/static/share-card.png  1200x630, the card a shared link shows when the site
  has no `share_image:` of its own (social networks do not render SVG for og:image);
- themes/default/static/favicon.png     32x32, the icon when the site has no `favicon:`.

Both show the theme's emblem, a document with its lines under a rising sun («арай», a ray of
dawn), in the theme's colours (style.css: --brand, --gold). Run from the repository root:
    python3 scripts/make-theme-images.py
The output is deterministic; commit the PNGs it writes.
"""

import math
import struct
import zlib

BRAND = (0x0A, 0x3A, 0x6B)
GOLD = (0xE0, 0xA8, 0x00)
WHITE = (0xFF, 0xFF, 0xFF)
LINE = (0xAA, 0xB4, 0xBF)


def png(path, width, height, pixel):
    """Writes an RGB PNG whose colour at (x, y) is pixel(x, y)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows.extend(pixel(x, y))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
    with open(path, "wb") as f:
        f.write(data + chunk(b"IEND", b""))


def emblem(cx, cy, s):
    """The emblem centred at (cx, cy), s pixels across: gives pixel(x, y) or None outside."""
    sun_r = s * 0.22
    sun_cy = cy - s * 0.28
    doc = (cx - s * 0.30, cy - s * 0.12, cx + s * 0.30, cy + s * 0.5)

    def at(x, y):
        dx, dy = x - cx, y - sun_cy
        r = math.hypot(dx, dy)
        if doc[0] <= x <= doc[2] and doc[1] <= y <= doc[3]:
            # The document: white, with four text lines.
            inner = (y - doc[1]) / (doc[3] - doc[1])
            in_margin = doc[0] + s * 0.08 <= x <= doc[2] - s * 0.08
            for k in range(4):
                top = 0.22 + k * 0.18
                if in_margin and top <= inner <= top + 0.07:
                    return LINE
            return WHITE
        if r <= sun_r:
            return GOLD
        if sun_r * 1.25 <= r <= s * 0.42 and dy < 0:
            angle = math.degrees(math.atan2(-dy, dx))
            if min(abs(angle - a) for a in range(0, 181, 30)) < 5:
                return GOLD
        return None

    return at


def card(x, y, e=emblem(600, 330, 360)):
    c = e(x, y)
    if c is not None:
        return c
    # A gold rule along the bottom, the rest brand blue.
    return GOLD if y >= 600 else BRAND


def icon(x, y, e=emblem(16, 17, 30)):
    c = e(x + 0.5, y + 0.5)
    return BRAND if c is None else c


if __name__ == "__main__":
    png("themes/default/static/share-card.png", 1200, 630, card)
    png("themes/default/static/favicon.png", 32, 32, icon)
