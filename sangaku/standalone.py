"""Self-contained HTML: the map of the current view as one file that opens with no
network, Leaflet's script, style sheet and images embedded rather than linked."""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import pandas as pd

from . import maps

_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.M)
_CSS_URL = re.compile(r"url\((images/[^)]+)\)")
# What the browser would fetch: script and image sources, style sheets, CSS urls.
_FETCHED = re.compile(r"""<(?:script|img|iframe|source)[^>]*\ssrc=["'](?!data:)([^"']+)"""
                      r"""|<link[^>]*\shref=["'](?!data:)([^"']+)"""
                      r"""|url\(\s*["']?((?:https?:)?//[^)"']+)""", re.I)


def leaflet_assets(source: Path | None = None) -> tuple[str, str]:
    """Leaflet's script and its style sheet with the images it refers to inlined."""
    source = source or maps.leaflet_source_dir()
    script = _SOURCE_MAP.sub("", (source / "leaflet.js").read_text(encoding="utf-8"))
    css = (source / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match) -> str:
        image = source / match.group(1)
        if not image.exists():
            return "none"
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return script, _CSS_URL.sub(inline, css)


def external_references(document: str) -> list[str]:
    """Every URL the document would make a browser fetch (links to follow are fine)."""
    return [next(g for g in m.groups() if g) for m in _FETCHED.finditer(document)]


def _header(title: str, lines: list[str]) -> str:
    body = "".join(f"<div>{html.escape(line)}</div>" for line in lines if line)
    return ("<div class='sangaku-title' style='position:absolute;top:10px;left:54px;"
            "z-index:1000;max-width:60%;background:rgba(255,255,255,.94);padding:8px 12px;"
            "border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);"
            "font:13px/1.4 sans-serif'>"
            f"<div style='font-size:17px;font-weight:700'>{html.escape(title)}</div>{body}</div>")


def map_html(layers: dict, regions: pd.DataFrame, partners: pd.DataFrame,
             fields: pd.DataFrame, lang: str, *, shown: tuple[str, ...] = maps.ALL_LAYERS,
             title: str, lines: list[str]) -> str:
    """The Map page's folium map for these rows as a standalone HTML document: no tiles
    (the base layer is our own prefecture outlines), Leaflet embedded, a title box with
    the filters and sources (`lines`), the MLIT credit in the legend."""
    m = maps.region_map(layers, regions, partners, fields, lang, shown=shown, tiles=None)
    m.get_root().html.add_child(maps.folium.Element(_header(title, lines)))
    document = m.get_root().render()
    script, css = leaflet_assets()
    # Leaflet's style sheet goes first in the head, so that the map's own styles (the
    # sea behind the prefectures) come after it and win; its script stays where it was
    # linked, before the map's. Replaced by functions: the inlined code must not be
    # read as a replacement pattern.
    document = re.sub(r'\s*<link rel="stylesheet" href="' + re.escape(maps.LEAFLET_CSS)
                      + r'"/>', lambda _: "", document)
    document = re.sub(r"<head>", lambda _: (f"<head><meta charset=\"utf-8\">"
                                            f"<title>{html.escape(title)}</title>"
                                            f"<style>{css}</style>"), document, count=1)
    document = re.sub(r'<script src="' + re.escape(maps.LEAFLET_JS) + r'"></script>',
                      lambda _: f"<script>{script}</script>", document)
    document = re.sub(r"<html>", lambda _: f'<html lang="{html.escape(lang)}">', document,
                      count=1)
    left = external_references(document)
    if left:
        raise RuntimeError(f"the standalone map still links {left}")
    return document
