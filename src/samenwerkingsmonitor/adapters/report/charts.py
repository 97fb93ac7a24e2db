"""Charts of the report: Vega-Lite specs of the report model rendered without a browser.

vl-convert bundles its own Vega engine (Deno/V8), so rendering needs no network and no
browser: SVG for HTML and PDF (inline, with role="img" and a text alternative), PNG for DOCX.
Altair checks every spec against the Vega-Lite schema before it is rendered, so a broken spec
fails loudly instead of drawing an empty picture.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

import altair as alt
import vl_convert as vlc
from markupsafe import Markup, escape

PNG_SCALE = 2.0  # 2× pixels: sharp in Word at the printed width


def validated(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as Altair reads it back after checking it against the Vega-Lite schema."""
    chart_type = alt.LayerChart if "layer" in spec else alt.Chart
    return chart_type.from_dict(_without_usermeta(spec), validate=True).to_dict()


def _without_usermeta(spec: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in spec.items() if k != "usermeta"}


def _locale(spec: dict[str, Any]) -> str:
    return str(spec.get("usermeta", {}).get("format_locale", "nl-NL"))


@lru_cache(maxsize=256)
def _svg_cached(spec_json: str, locale: str) -> str:
    return str(vlc.vegalite_to_svg(json.loads(spec_json), format_locale=locale))


def chart_svg(spec: dict[str, Any]) -> str:
    """The chart as an SVG document (a string). The schema check (validated) is left to the
    tests: it costs more than the drawing itself."""
    return _svg_cached(json.dumps(_without_usermeta(spec), sort_keys=True), _locale(spec))


def chart_png(spec: dict[str, Any]) -> bytes:
    """The chart as PNG bytes, for DOCX (python-docx add_picture)."""
    return bytes(vlc.vegalite_to_png(_without_usermeta(spec), scale=PNG_SCALE,
                                     format_locale=_locale(spec)))


_ID = re.compile(r'\bid="([^"]+)"')


def inline_svg(spec: dict[str, Any], figure_id: str, labelled_by: str,
               described_by: str = "", *, title: str = "", description: str = "") -> Markup:
    """The chart as an `<svg>` element for inline use in HTML.

    Its own ids get the figure's id as prefix (several charts share one page), it is one image
    for assistive technology (role="img", named by the figure's title and described by its
    text alternative), and it scales to the width of the page. `title` and `description` go
    into the SVG itself as `<title>` (both sentences: WeasyPrint takes a figure's /Alt from the
    SVG's `<title>` only) and `<desc>`; a browser names it by the ARIA attributes.
    """
    svg = chart_svg(spec)
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg.strip())
    prefix = f"{figure_id}-"
    ids = set(_ID.findall(svg))
    for old in sorted(ids, key=len, reverse=True):
        svg = re.sub(rf'\bid="{re.escape(old)}"', f'id="{prefix}{old}"', svg)
        svg = svg.replace(f"url(#{old})", f"url(#{prefix}{old})")
        svg = svg.replace(f'href="#{old}"', f'href="#{prefix}{old}"')
    # One image: the parts inside carry no roles of their own.
    svg = re.sub(r'\s(?:role|aria-roledescription|aria-label)="[^"]*"', "", svg)
    svg = svg.replace('class="marks"', 'class="marks chart"', 1)
    attributes = (f' role="img" aria-labelledby="{escape(labelled_by)}"'
                  + (f' aria-describedby="{escape(described_by)}"' if described_by else "")
                  + ' focusable="false"')
    svg = re.sub(r"<svg\b", "<svg" + attributes, svg, count=1)
    if title or description:
        alternative = ". ".join(t.strip().rstrip(".") for t in (title, description) if t.strip())
        inside = f"<title>{escape(alternative)}.</title>"
        if description:
            inside += f"<desc>{escape(description)}</desc>"
        svg = re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + inside, svg, count=1)
    return Markup(svg)
