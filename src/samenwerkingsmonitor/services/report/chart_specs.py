"""Vega-Lite specifications of the report's trend charts, as plain JSON-ready dicts.

A spec is data, not a drawing: adapters/report/charts.py renders it to SVG (HTML, PDF) or PNG
(DOCX). Colour is never the only carrier of meaning: every series also has its own dash
pattern or point shape, a legend entry and a direct label at its last point. The palette is
colour-blind safe (after Okabe & Ito, darkened) and every colour reaches 3:1 against the
background (WCAG 1.4.11 for graphical objects); text reaches 4.5:1. tests/report/test_report_html.py
computes both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BACKGROUND = "#ffffff"
TEXT = "#1a1a1a"
AXIS = "#595959"
GRID = "#e0e0e0"  # decorative: the axis labels carry the values
FONT = "DejaVu Sans, Noto Sans, Liberation Sans, Arial, sans-serif"
VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"  # an identifier only


@dataclass(frozen=True, slots=True)
class SeriesStyle:
    """How one series is drawn. `mark` is "line" (with or without points) or "points"."""

    colour: str
    dash: tuple[int, ...]  # () is a solid line
    shape: str  # point shape in Vega terms; "stroke" for a line without points
    mark: str = "line"
    points: bool = False


STYLES: dict[str, SeriesStyle] = {
    "own": SeriesStyle("#0a5a9c", (), "circle", points=True),
    "own_current": SeriesStyle("#6a3d9a", (4, 2), "square", points=True),
    "own_not_comparable": SeriesStyle("#a3195b", (), "triangle-up", mark="points"),
    "baseline": SeriesStyle(TEXT, (8, 3, 2, 3), "stroke"),
    "target": SeriesStyle("#00704a", (6, 3), "stroke"),
    "signal": SeriesStyle("#b34a00", (2, 2), "stroke"),
    "peers": SeriesStyle("#5c5c5c", (), "diamond", mark="points"),
    "peers_not_comparable": SeriesStyle("#5c5c5c", (), "cross", mark="points"),
}
"""Series roles and their style; the palette the contrast test reads."""


@dataclass(frozen=True, slots=True)
class Series:
    role: str  # a key of STYLES
    name: str  # shown in legend and direct label
    points: tuple[tuple[int, float], ...]  # (year, value)
    part: str = ""  # separates the two lines of a band (lower, upper) within one series
    label: str = ""  # the short direct label at the line's end; "" for none


def _rows(series: list[Series]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for s in series:
        rows += [{"jaar": str(year), "waarde": value, "reeks": s.name, "deel": s.name + s.part,
                  "rol": s.role} for year, value in s.points]
    return rows


FONT_SIZE = 14  # px: at the print width of a chart (62 % of a landscape page) about 9 pt
LABEL_GAP = 17  # px between two direct labels
HEIGHT = 220
MARGIN = 0.06  # share of the value range left free above and below the lines


def value_domain(series: list[Series]) -> tuple[float, float]:
    """The y domain: every value with a margin. Fixed (not 'nice'), so that the labels can be
    placed in pixels: a nice domain would widen the scale after the labels were nudged apart
    and let them overlap again."""
    values = [v for s in series for _y, v in s.points]
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    spread = high - low if high > low else max(abs(high), 1.0)
    return low - MARGIN * spread, high + MARGIN * spread


def _labels(series: list[Series], domain: tuple[float, float]) -> list[dict[str, Any]]:
    """A direct label at the last point of every line, nudged apart so none overlap;
    lines that end at the same height share one label. Labels stay inside `domain`:
    a stack that would rise above it is pushed down from the top instead."""
    ends: dict[str, tuple[str, float]] = {}
    for s in series:
        if s.points and s.label and STYLES[s.role].mark == "line" and s.part != "onder":
            ends.setdefault(s.label, (str(s.points[-1][0]), s.points[-1][1]))
    if not ends:
        return []
    low, high = domain
    per_px = (high - low) / HEIGHT
    gap = LABEL_GAP * per_px
    merged: list[tuple[str, str, float]] = []
    for label, (year, value) in sorted(ends.items(), key=lambda item: item[1][1]):
        if merged and abs(value - merged[-1][2]) < gap / 2:
            merged[-1] = (merged[-1][0] + " = " + label, year, merged[-1][2])
        else:
            merged.append((label, year, value))
    placed: list[float] = []
    for _label, _year, value in merged:
        placed.append(max(value, placed[-1] + gap) if placed else value)
    ceiling = high - gap / 2
    for k in range(len(placed) - 1, -1, -1):  # from the top down: keep inside the chart
        limit = ceiling if k == len(placed) - 1 else placed[k + 1] - gap
        placed[k] = min(placed[k], limit)
    return [{"jaar": year, "waarde": at, "rol": "label", "label": label}
            for (label, year, _v), at in zip(merged, placed, strict=True)]


def _encoding(names: list[str], styles: list[SeriesStyle]) -> dict[str, Any]:
    """Colour, dash and shape share one domain, so the legend shows them merged."""
    return {
        "color": {"field": "reeks", "type": "nominal", "title": None,
                  "scale": {"domain": names, "range": [s.colour for s in styles]},
                  "legend": {"orient": "bottom", "columns": 2, "symbolStrokeWidth": 2,
                             "labelLimit": 320, "symbolSize": 120}},
        "strokeDash": {"field": "reeks", "type": "nominal", "title": None,
                       "scale": {"domain": names, "range": [list(s.dash) or [1, 0]
                                                            for s in styles]}},
        "shape": {"field": "reeks", "type": "nominal", "title": None,
                  "scale": {"domain": names, "range": [s.shape for s in styles]}},
    }


def trend_spec(title: str, y_title: str, years: list[int], series: list[Series],
               description: str, locale: str) -> dict[str, Any]:
    """A layered line chart over `years`: lines, points, and a direct label per series."""
    shown = [s for s in series if s.points]
    names = list(dict.fromkeys(s.name for s in shown))
    styles = [STYLES[next(s.role for s in shown if s.name == name)] for name in names]
    encoding = _encoding(names, styles)
    x = {"field": "jaar", "type": "ordinal", "title": None, "sort": [str(y) for y in years],
         "scale": {"domain": [str(y) for y in years]}, "axis": {"labelAngle": 0}}
    domain = value_domain(shown)
    y = {"field": "waarde", "type": "quantitative", "title": y_title,
         "scale": {"zero": False, "nice": False, "domain": list(domain)},
         "axis": {"format": ",~r", "tickCount": 6}}
    line_roles = [r for r, s in STYLES.items() if s.mark == "line"]
    point_roles = [r for r, s in STYLES.items() if s.mark == "points" or s.points]
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": description,
        "width": 440, "height": HEIGHT, "background": BACKGROUND,
        "padding": {"left": 8, "right": 8, "top": 8, "bottom": 8},
        "data": {"values": _rows(series) + _labels(series, domain)},
        "encoding": {"x": x, "y": y},
        "layer": [
            {"transform": [{"filter": {"field": "rol", "oneOf": line_roles}}],
             "mark": {"type": "line", "strokeWidth": 2.5},
             "encoding": {"color": encoding["color"], "strokeDash": encoding["strokeDash"],
                          "detail": {"field": "deel", "type": "nominal"}}},
            {"transform": [{"filter": {"field": "rol", "oneOf": point_roles}}],
             "mark": {"type": "point", "filled": True, "size": 70, "opacity": 1},
             "encoding": {"color": encoding["color"], "shape": encoding["shape"]}},
            {"transform": [{"filter": "datum.rol === 'label'"}],
             "mark": {"type": "text", "align": "left", "dx": 8, "fontSize": FONT_SIZE,
                      "color": TEXT, "limit": 230},
             "encoding": {"text": {"field": "label"}}},
        ],
        "config": _config(),
        # Read by the renderer: number notation of the axes (1.000,5 in Dutch).
        "usermeta": {"format_locale": locale, "title": title},
    }


def _config() -> dict[str, Any]:
    return {
        "font": FONT,
        "aria": False,  # the figure carries the text alternative; the marks stay silent
        "view": {"stroke": None},
        "axis": {"labelColor": TEXT, "titleColor": TEXT, "domainColor": AXIS,
                 "tickColor": AXIS, "gridColor": GRID, "labelFontSize": FONT_SIZE,
                 "titleFontSize": FONT_SIZE, "titleFontWeight": "normal"},
        "legend": {"labelColor": TEXT, "titleColor": TEXT, "labelFontSize": FONT_SIZE},
        "title": {"color": TEXT},
        "text": {"color": TEXT},
    }
