"""Charts drawn on the server as SVG markup: bars, stacked bars and lines over time.

Written by hand rather than with a charting library: the markup is inlined into pages
whose Content-Security-Policy refuses inline styles and scripts, so it may carry only
presentation attributes (``fill``, ``stroke``, ``text-anchor``), and it must run from
the right in Arabic and show a hidden count as a gap. A library's output would need
more rewriting than these few shapes take to draw.

What every chart promises, so that it can be inlined as it is (``bar_chart``,
``line_chart`` return the markup as a string):

- ``role="img"`` with ``aria-labelledby`` naming its ``<title>`` and ``<desc>``: a
  screen reader announces the title and the description, not the shapes. The numbers
  themselves belong in a data table beside the chart, always.
- No ``<script>``, no event attributes, no ``href``, no ``style``: nothing runs,
  nothing is fetched. Every text is escaped.
- Right to left (``rtl=True``): the category axis runs from the right (the first bar
  or month is rightmost, horizontal bars grow leftwards) and the root carries
  ``direction="rtl"``, so ``text-anchor`` start/end keep their meaning mirrored.
- A value of ``None`` is a count hidden by disclosure control: no bar and no point
  (never a zero), and the mark ("•") where it would be.
- Colours tell series apart also for colour-blind readers: blue, orange, purple, teal
  and grey differ in lightness, each has at least 3:1 contrast on white, stacked
  segments are separated by a white line, and lines differ by dash and marker too.
"""

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

HIDDEN_MARK = "•"
# Blue, orange, purple, teal, grey: told apart by hue and lightness with every common
# colour-vision deficiency, and dark enough for 3:1 against white (WCAG 1.4.11).
PALETTE = ("#0b5cad", "#b85600", "#6a3d9a", "#00796b", "#5f6b7a")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2")
INK = "#1b1f24"
MUTED = "#4a5360"
GRID = "#c9d0d8"
PAPER = "#ffffff"

WIDTH = 480
FONT_SIZE = 13
# A rough width of one character at FONT_SIZE, to lay out legends and trim labels.
CHAR_WIDTH = 7.2
FONT_FAMILY = "Noto Sans, Noto Sans Arabic, system-ui, sans-serif"

Value = int | float | None


@dataclass(frozen=True)
class Series:
    """One coloured set of values, one per category (``None`` = hidden)."""

    label: str
    values: Sequence[Value]


def _ident(text: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")
    return cleaned if cleaned[:1].isalpha() else f"chart-{cleaned}"


def _trim(text: str, width: float) -> str:
    most = max(int(width // CHAR_WIDTH), 4)
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _num(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick values from 0 up to at least ``top``: 0, 5, 10, 15 for 13. Counts have
    whole-number steps: a step of 2.5 would be labelled 0, 2, 5, 7, 10."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(
        m * magnitude
        for m in (1, 2, 2.5, 5, 10)
        if m * magnitude >= raw and float(m * magnitude).is_integer()
    )
    if step < 1:
        step = 1
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


class _Canvas:
    """Collects the elements of one chart and mirrors x for right-to-left."""

    def __init__(self, width: int, rtl: bool):
        self.width = width
        self.rtl = rtl
        self.parts: list[str] = []

    def x(self, x: float) -> float:
        return self.width - x if self.rtl else x

    def rect(self, x: float, y: float, w: float, h: float, fill: str, css: str = "") -> None:
        left = self.width - x - w if self.rtl else x
        self.parts.append(
            f'<rect x="{_num(left)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" '
            f'fill="{fill}" stroke="{PAPER}" stroke-width="1"'
            + (f' class="{css}"' if css else "")
            + "/>"
        )

    def outline(self, x: float, y: float, w: float, h: float) -> None:
        """A part of a stack whose parts are hidden: a dashed outline, no colour."""
        left = self.width - x - w if self.rtl else x
        self.parts.append(
            f'<rect x="{_num(left)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" '
            f'fill="{PAPER}" stroke="{MUTED}" stroke-width="1" stroke-dasharray="3 2" '
            'class="hidden-part"/>'
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = GRID) -> None:
        self.parts.append(
            f'<line x1="{_num(self.x(x1))}" y1="{_num(y1)}" x2="{_num(self.x(x2))}" '
            f'y2="{_num(y2)}" stroke="{stroke}" stroke-width="1"/>'
        )

    def text(
        self,
        x: float,
        y: float,
        text: str,
        anchor: str = "start",
        fill: str = INK,
        css: str = "",
        full: str = "",
    ) -> None:
        """``anchor`` is logical: "start" is the left edge in LTR, the right one in RTL."""
        tooltip = f"<title>{escape(full)}</title>" if full and full != text else ""
        # The mark of a hidden value is larger than the text, so that it is seen.
        size = ' font-size="18" font-weight="700"' if css == "hidden" else ""
        self.parts.append(
            f'<text x="{_num(self.x(x))}" y="{_num(y)}" text-anchor="{anchor}" fill="{fill}"'
            + size
            + (f' class="{css}"' if css else "")
            + f">{tooltip}{escape(text)}</text>"
        )

    def raw(self, markup: str) -> None:
        self.parts.append(markup)


def _svg(
    canvas: _Canvas, height: float, chart_id: str, title: str, description: str, kind: str
) -> str:
    ident = _ident(chart_id)
    direction = "rtl" if canvas.rtl else "ltr"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {canvas.width} '
        f'{_num(height)}" width="{canvas.width}" height="{_num(height)}" '
        f'direction="{direction}" font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}" '
        f'data-direction="{direction}">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>' + "".join(canvas.parts) + "</svg>"
    )


def _legend(canvas: _Canvas, labels: Sequence[str], y: float, lines: bool = False) -> float:
    """Swatches and labels from the start edge, wrapping; returns the height used."""
    x, row = 8.0, 0
    for index, label in enumerate(labels):
        shown = _trim(label, canvas.width / 2)
        needed = 22 + len(shown) * CHAR_WIDTH + 14
        if x + needed > canvas.width and x > 8:
            x, row = 8.0, row + 1
        top = y + row * 20
        colour = PALETTE[index % len(PALETTE)]
        if lines:
            dash = DASHES[index % len(DASHES)]
            canvas.raw(
                f'<line x1="{_num(canvas.x(x))}" y1="{_num(top + 7)}" '
                f'x2="{_num(canvas.x(x + 16))}" y2="{_num(top + 7)}" stroke="{colour}" '
                f'stroke-width="2.5"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>"
            )
        else:
            canvas.rect(x, top, 14, 14, colour, css="swatch")
        canvas.text(x + 20, top + 12, shown, full=label, css="legend")
        x += needed
    return (row + 1) * 20 if labels else 0


def _hidden_rest(series: Sequence[Series], totals: Sequence[Value] | None, index: int) -> float:
    """The sum of a stack's hidden parts, when its total is known and a part is hidden."""
    if totals is None or totals[index] is None:
        return 0
    values = [s.values[index] for s in series]
    if all(v is not None for v in values):
        return 0
    return max(float(totals[index] or 0) - sum(v for v in values if v is not None), 0)


def _label(value: Value, number: Callable[[float], str], mark: str) -> str:
    return mark if value is None else number(value)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    horizontal: bool = True,
    stacked: bool = False,
    totals: Sequence[Value] | None = None,
    rtl: bool = False,
    number: Callable[[float], str] = lambda value: f"{value:g}",
    hidden_mark: str = HIDDEN_MARK,
) -> str:
    """Bars per category, one per series side by side, or stacked (``stacked=True``).

    Horizontal bars (the default) suit long labels and phones; vertical ones suit a
    few short categories. A stack with a hidden segment draws the segments it knows
    and ends with the mark; ``totals`` (each stack's own total, ``None`` if hidden)
    labels the stacks instead of the sum of what is drawn.
    """
    canvas = _Canvas(WIDTH, rtl)
    legend_height = _legend(canvas, [s.label for s in series], 6) if len(series) > 1 else 0
    top = legend_height + 10
    if stacked:
        ends = [
            sum(v for s in series if (v := s.values[i]) is not None) for i in range(len(categories))
        ]
    else:
        ends = [v for s in series for v in s.values if v is not None]
    if totals:
        ends += [t for t in totals if t is not None]
    ticks = nice_ticks(max(ends, default=0))
    high = ticks[-1]

    def stack_label(index: int) -> str:
        if totals is not None:
            return _label(totals[index], number, hidden_mark)
        values = [s.values[index] for s in series]
        if any(v is None for v in values):
            return hidden_mark
        return number(sum(v for v in values if v is not None))

    if horizontal:
        label_width = 150.0
        start, end = label_width + 8, WIDTH - 48
        band = 26.0 if stacked or len(series) == 1 else 8 + 16 * len(series)
        bar = 18.0 if stacked or len(series) == 1 else 14.0
        height = top + band * len(categories) + 26
        scale = (end - start) / high
        for tick in ticks:
            x = start + tick * scale
            canvas.line(x, top, x, top + band * len(categories))
            canvas.text(x, height - 8, number(tick), anchor="middle", fill=MUTED, css="tick")
        for index, category in enumerate(categories):
            y = top + index * band
            canvas.text(
                label_width,
                y + band / 2 + 4,
                _trim(category, label_width),
                anchor="end",
                css="category",
                full=category,
            )
            if stacked:
                x = start
                for s_index, s in enumerate(series):
                    value = s.values[index]
                    if value:
                        w = value * scale
                        canvas.rect(x, y + (band - bar) / 2, w, bar, PALETTE[s_index % 5], "bar")
                        x += w
                if rest := _hidden_rest(series, totals, index):
                    # What the hidden parts add up to (the total less the shown parts,
                    # as the table lets anyone work out): outlined, never coloured.
                    w = rest * scale
                    canvas.outline(x, y + (band - bar) / 2, w, bar)
                    canvas.text(x + w / 2, y + band / 2 + 4, hidden_mark, "middle", MUTED, "hidden")
                    x += w
                canvas.text(x + 4, y + band / 2 + 4, stack_label(index), css="value")
                continue
            for s_index, s in enumerate(series):
                value = s.values[index]
                y_bar = y + 4 + s_index * 16 if len(series) > 1 else y + (band - bar) / 2
                w = (value or 0) * scale
                if value:
                    canvas.rect(start, y_bar, w, bar, PALETTE[s_index % 5], "bar")
                shown = _label(value, number, hidden_mark)
                canvas.text(start + w + 4, y_bar + bar - 3, shown, css="value")
        return _svg(canvas, height, chart_id, title, description, "hbar")

    # Vertical bars: categories along the bottom, from the start edge.
    axis_width = 40.0
    plot_height = 180.0
    base = top + plot_height
    height = base + 40
    start, end = axis_width, WIDTH - 8
    slot = (end - start) / max(len(categories), 1)
    scale = plot_height / high
    for tick in ticks:
        y = base - tick * scale
        canvas.line(start, y, end, y)
        canvas.text(start - 6, y + 4, number(tick), anchor="end", fill=MUTED, css="tick")
    for index, category in enumerate(categories):
        left = start + index * slot
        canvas.text(
            left + slot / 2,
            base + 18,
            _trim(category, slot),
            anchor="middle",
            css="category",
            full=category,
        )
        if stacked:
            y = base
            width = slot * 0.6
            for s_index, s in enumerate(series):
                value = s.values[index]
                if value:
                    h = value * scale
                    canvas.rect(left + slot * 0.2, y - h, width, h, PALETTE[s_index % 5], "bar")
                    y -= h
            if rest := _hidden_rest(series, totals, index):
                h = rest * scale
                canvas.outline(left + slot * 0.2, y - h, width, h)
                canvas.text(left + slot / 2, y - h / 2 + 4, hidden_mark, "middle", MUTED, "hidden")
                y -= h
            canvas.text(left + slot / 2, y - 4, stack_label(index), anchor="middle", css="value")
            continue
        width = slot * 0.8 / max(len(series), 1)
        for s_index, s in enumerate(series):
            value = s.values[index]
            x = left + slot * 0.1 + s_index * width
            h = (value or 0) * scale
            if value:
                canvas.rect(x, base - h, width, h, PALETTE[s_index % 5], "bar")
            shown = _label(value, number, hidden_mark)
            canvas.text(x + width / 2, base - h - 4, shown, anchor="middle", css="value")
    return _svg(canvas, height, chart_id, title, description, "vbar")


MARKERS = ("circle", "square", "diamond", "triangle", "circle")


def _marker(canvas: _Canvas, kind: str, x: float, y: float, colour: str) -> None:
    cx = canvas.x(x)
    if kind == "circle":
        canvas.raw(f'<circle cx="{_num(cx)}" cy="{_num(y)}" r="3.5" fill="{colour}"/>')
    elif kind == "square":
        canvas.raw(
            f'<rect x="{_num(cx - 3.5)}" y="{_num(y - 3.5)}" width="7" height="7" fill="{colour}"/>'
        )
    elif kind == "diamond":
        points = f"{_num(cx)},{_num(y - 4.5)} {_num(cx + 4.5)},{_num(y)} "
        points += f"{_num(cx)},{_num(y + 4.5)} {_num(cx - 4.5)},{_num(y)}"
        canvas.raw(f'<polygon points="{points}" fill="{colour}"/>')
    else:
        points = f"{_num(cx)},{_num(y - 4.5)} {_num(cx + 4.5)},{_num(y + 3.5)} "
        points += f"{_num(cx - 4.5)},{_num(y + 3.5)}"
        canvas.raw(f'<polygon points="{points}" fill="{colour}"/>')


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    rtl: bool = False,
    number: Callable[[float], str] = lambda value: f"{value:g}",
    hidden_mark: str = HIDDEN_MARK,
) -> str:
    """Lines over time: ``categories`` are the points in time, earliest first.

    A hidden value breaks its line (the segments either side stop short of it) and
    shows the mark where the point would be, just above the time axis.
    """
    canvas = _Canvas(WIDTH, rtl)
    legend_height = _legend(canvas, [s.label for s in series], 6, lines=True)
    top = legend_height + 14
    plot_height = 180.0
    base = top + plot_height
    height = base + 40
    start, end = 44.0, WIDTH - 36
    ticks = nice_ticks(max((v for s in series for v in s.values if v is not None), default=0))
    scale = plot_height / ticks[-1]
    for tick in ticks:
        y = base - tick * scale
        canvas.line(start, y, end, y)
        canvas.text(start - 6, y + 4, number(tick), anchor="end", fill=MUTED, css="tick")
    count = len(categories)
    step = (end - start) / max(count - 1, 1)

    def x_of(index: int) -> float:
        return start + index * step if count > 1 else (start + end) / 2

    # At most about six labels along the time axis.
    every = max(1, math.ceil(count / 6))
    for index, category in enumerate(categories):
        if index % every == 0 or index == count - 1:
            canvas.text(
                x_of(index),
                base + 18,
                _trim(category, step * every),
                anchor="middle",
                css="category",
                full=category,
            )
    for s_index, s in enumerate(series):
        colour = PALETTE[s_index % len(PALETTE)]
        dash = DASHES[s_index % len(DASHES)]
        runs: list[list[tuple[float, float]]] = [[]]
        for index, value in enumerate(s.values):
            if value is None:
                canvas.text(
                    x_of(index),
                    base - 6 - 12 * s_index,
                    hidden_mark,
                    anchor="middle",
                    fill=colour,
                    css="hidden",
                )
                runs.append([])
                continue
            runs[-1].append((x_of(index), base - value * scale))
        for run in runs:
            if len(run) > 1:
                points = " ".join(f"{_num(canvas.x(x))},{_num(y)}" for x, y in run)
                canvas.raw(
                    f'<polyline points="{points}" fill="none" stroke="{colour}" '
                    f'stroke-width="2.5"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>"
                )
            for x, y in run:
                _marker(canvas, MARKERS[s_index % len(MARKERS)], x, y, colour)
    return _svg(canvas, height, chart_id, title, description, "line")
