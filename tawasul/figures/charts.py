"""Bar charts as small inline SVG, made at build time: no JavaScript, no images to fetch.

Text stays text (`<text>`), so the browser (or WeasyPrint) shapes and joins the Arabic;
Matplotlib would draw it as paths and break the joining. The chart reads right to left like the
page: labels on the right, bars growing leftwards from a baseline beside them, the value at the
bar's end. A `<title>` and `<desc>` name it for screen readers; the same figures are always in a
table beside it. Colours are attributes, not `style`, so the site's Content-Security-Policy holds.
"""
from __future__ import annotations

from typing import Sequence

from markupsafe import Markup, escape

from .presentation import SHOWN, Bar

WIDTH = 360
LABEL_WIDTH = 138   # room for «طوباس والأغوار الشمالية» at 12px
VALUE_WIDTH = 58    # room for «أقل من 5»
ROW = 26
BAR = 16
COLOUR = "#5a2a6e"  # the site's primary colour (theme/assets/css/tawasul.css)
MUTED = "#6b6b6b"   # hidden counts: text only, no bar (a bar would pretend to know the size)


def bar_chart(chart_id: str, title: str, desc: str, bars: Sequence[Bar]) -> Markup:
    numbers = [b.value for b in bars if isinstance(b.value, int)]
    largest = max(numbers, default=0) or 1
    baseline = WIDTH - LABEL_WIDTH - 6               # bars start here and grow leftwards
    room = baseline - VALUE_WIDTH
    height = ROW * len(bars) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tw-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'direction="rtl" font-size="12" font-family="inherit">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>',
        f'<line x1="{baseline + 0.5}" y1="0" x2="{baseline + 0.5}" y2="{height}" stroke="{MUTED}" stroke-width="1"/>',
    ]
    for i, bar in enumerate(bars):
        y = 2 + i * ROW
        text_y = y + ROW / 2 + 4
        parts.append(f'<text x="{WIDTH - 2}" y="{text_y}" text-anchor="start" fill="#1a1a1a">{escape(bar.label)}</text>')
        if isinstance(bar.value, int):
            length = round(room * bar.value / largest, 1) if bar.value else 0
            if length:
                parts.append(f'<rect x="{baseline - length}" y="{y + (ROW - BAR) / 2}" width="{length}" '
                             f'height="{BAR}" fill="{COLOUR}"/>')
            parts.append(f'<text x="{baseline - length - 4}" y="{text_y}" text-anchor="start" fill="#1a1a1a">{bar.value}</text>')
        else:
            parts.append(f'<text x="{baseline - 4}" y="{text_y}" text-anchor="start" fill="{MUTED}">'
                         f'{SHOWN[bar.value]}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_lengths(bars: Sequence[Bar]) -> list[tuple[Bar, float]]:
    """Each bar with its length in percent of the largest: the printed report draws its charts
    with CSS boxes, because WeasyPrint's SVG renderer draws text glyph by glyph, unshaped (the
    Arabic came out in separate, reversed letters); its HTML text goes through Pango."""
    largest = max((b.value for b in bars if isinstance(b.value, int)), default=0) or 1
    return [(b, round(100 * b.value / largest, 1) if isinstance(b.value, int) else 0.0) for b in bars]
