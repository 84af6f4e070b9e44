"""Maps: the folium map of program regions and partners, and the offline Plotly maps
(prefecture choropleth, Tokyo and Tama view). Pure functions, no Streamlit.

Everything draws with no network: Leaflet's JS and CSS are served by the app from
`static/` (copied from the `django-js-lib-leaflet` package by `install_static`), folium's
other CDN assets are dropped, the base layer is our own prefecture outlines, and online
tiles are an option. Every text that comes from data is escaped before it reaches HTML.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import folium
import pandas as pd
import plotly.graph_objects as go

from .figures import SEA_COLOR, _outline_xy, _style
from .geo import MLIT_CREDIT
from .i18n import t
from .paths import ROOT

STATIC_DIR = ROOT / "static"
LEAFLET_JS = "/app/static/leaflet.js"  # absolute: a relative URL resolves in the iframe
LEAFLET_CSS = "/app/static/leaflet.css"
JAPAN_CENTER = (37.0, 136.5)
JAPAN_ZOOM = 5
SEA = SEA_COLOR
LAND = "#f7f7f4"

TILES = {
    "osm": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "&copy; <a href='https://www.openstreetmap.org/copyright'>OpenStreetMap</a> "
            "contributors"),
    "gsi": ("https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png",
            "<a href='https://maps.gsi.go.jp/development/ichiran.html'>地理院タイル</a>"),
}

LAYER_KINDS = {  # map layer -> region kinds drawn in it
    "cluster": ("cluster_region",),
    "trial": ("trial_region",),
    "city_area": ("city_area",),
    "greater": ("greater_cluster",),
    "tama": ("initiative_region",),
}
ALL_LAYERS = ("prefectures", "cluster", "trial", "city_area", "greater", "tama", "partners")
MLIT_SOURCE = "mlit_n03_2021"  # the boundaries every map is drawn on
# Sources of the figures whose query rows carry none: the counts per prefecture
# (regions, and the research institute's partners) and the Tokyo and Tama view (its
# agreements and activities, the TAMA region's extent).
PREFECTURE_COUNTS_SOURCES = ("mext_cluster_overview", "tiri_annual_2020", MLIT_SOURCE)
TOKYO_VIEW_SOURCES = ("tiri_annual_2020", "rieti_tama_2002", MLIT_SOURCE)


def leaflet_source_dir() -> Path:
    """Leaflet's files as the installed django-js-lib-leaflet package ships them."""
    import js_lib_leaflet

    return Path(js_lib_leaflet.__file__).parent / "static" / "js_lib_leaflet"


def install_static(static_dir: Path = STATIC_DIR) -> Path:
    """Copy Leaflet's files from the installed package to where the app serves them."""
    source = leaflet_source_dir()
    static_dir.mkdir(parents=True, exist_ok=True)
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copyfile(source / name, static_dir / name)
    shutil.copytree(source / "images", static_dir / "images", dirs_exist_ok=True)
    return static_dir


def ensure_static(static_dir: Path = STATIC_DIR) -> None:
    if not (static_dir / "leaflet.js").exists() or not (static_dir / "leaflet.css").exists():
        install_static(static_dir)


def _as_list(value) -> list:
    return [] if value is None else list(value)


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _name(row: dict, lang: str, base: str = "name") -> str:
    other = "ja" if lang == "en" else "en"
    return row.get(f"{base}_{lang}") or row.get(f"{base}_{other}") or ""


def budget_text(row: dict, lang: str) -> str:
    amount = row.get("annual_budget_jpy")
    if amount is None or pd.isna(amount):
        return ""
    prefix = t("programs.approximately", lang) if row.get("budget_is_approximate") else ""
    return prefix + t("programs.budget", lang, amount=f"{amount / 1e8:,.0f}")


def period_text(row: dict, lang: str) -> str:
    years = row.get("duration_years")
    if years is None or pd.isna(years):
        return ""
    key = "programs.duration_max" if row.get("duration_is_maximum") else "programs.duration"
    text = t(key, lang, years=int(years))
    started = row.get("started_fy")
    if started is not None and not pd.isna(started):
        text += t("map.from_fy", lang, fy=int(started))
    return text


def region_tooltip(row: dict, lang: str) -> str:
    fields = _as_list(row.get(f"field_names_{lang}")) or _as_list(row.get("field_names_ja"))
    lines = [f"<b>{_e(_name(row, lang))}</b>",
             f"{_e(t('map.tooltip.program', lang))}: {_e(row.get('program'))}"]
    if len(fields):
        lines.append(f"{_e(t('map.tooltip.fields', lang))}: {_e(' / '.join(fields))}")
    if budget_text(row, lang):
        lines.append(f"{_e(t('map.tooltip.budget', lang))}: {_e(budget_text(row, lang))}")
    if period_text(row, lang):
        lines.append(f"{_e(t('map.tooltip.period', lang))}: {_e(period_text(row, lang))}")
    return "<br>".join(lines)


def _region_style(row: dict, kind: str):
    colors = _as_list(row.get("field_colors"))
    fill = colors[0] if colors else "#888888"
    # A second field shows as the outline colour (the legend says so).
    stroke = colors[1] if len(colors) > 1 else "#333333"
    if kind == "greater_cluster":
        return {"fillOpacity": 0.0, "color": "#222222", "weight": 2.5, "dashArray": "6 4"}
    if kind == "initiative_region":
        return {"fillColor": "#999999", "fillOpacity": 0.15, "color": "#444444",
                "weight": 2.5, "dashArray": "2 4"}
    return {"fillColor": fill, "fillOpacity": 0.65, "color": stroke,
            "weight": 4 if len(colors) > 1 else 1, "opacity": 0.95}


def _clean_map(location, zoom: int) -> folium.Map:
    m = folium.Map(location=location, zoom_start=zoom, tiles=None, control_scale=True,
                   prefer_canvas=False, min_zoom=4, max_zoom=14)
    # Only Leaflet itself, served by the app: folium's other assets come from CDNs.
    m.default_js = [("leaflet", LEAFLET_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]
    m.get_root().header.add_child(folium.Element(
        f"<style>.leaflet-container{{background:{SEA};}}"
        ".sangaku-legend{background:rgba(255,255,255,.92);padding:5px 7px;"
        "font:12px/1.35 sans-serif;"
        "border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3)}"
        ".sangaku-legend i{display:inline-block;width:12px;height:12px;margin-right:5px;"
        "vertical-align:-2px;border:1px solid #555}</style>"))
    return m


def region_map(layers: dict, regions: pd.DataFrame, partners: pd.DataFrame,
               fields: pd.DataFrame, lang: str, *, shown: tuple[str, ...] = ALL_LAYERS,
               tiles: str | None = None, center=JAPAN_CENTER, zoom: int = JAPAN_ZOOM,
               highlight: str | None = None) -> folium.Map:
    """The nationwide map: program regions coloured by field, partners, outlines."""
    m = _clean_map(center, zoom)
    if tiles in TILES:
        url, attribution = TILES[tiles]
        folium.TileLayer(url, attr=attribution, name=t(f"map.tiles.{tiles}", lang),
                         max_zoom=18).add_to(m)
    # Our own prefecture outlines: the base layer when there is no network.
    base = folium.FeatureGroup(name=t("map.layer.prefectures", lang), show=True)
    folium.GeoJson(
        layers["prefectures"],
        style_function=lambda f: {"fillColor": LAND, "fillOpacity": 1.0 if not tiles else 0.0,
                                  "color": "#8a8a8a", "weight": 0.8},
        tooltip=None, interactive=False, name="prefectures").add_to(base)
    if "prefectures" in shown:
        base.add_to(m)

    by_id = {r["region_id"]: r for r in regions.to_dict("records")}
    for layer, kinds in LAYER_KINDS.items():
        features = [f for f in layers["regions"]["features"]
                    if f["properties"]["region_id"] in by_id
                    and by_id[f["properties"]["region_id"]]["kind"] in kinds]
        if not features or layer not in shown:
            continue
        group = folium.FeatureGroup(name=t(f"map.layer.{layer}", lang), show=True)
        collection = []
        for feature in features:
            row = by_id[feature["properties"]["region_id"]]
            style = _region_style(row, row["kind"])
            if highlight == row["region_id"]:
                style = {**style, "weight": 5, "color": "#000000", "dashArray": None}
            collection.append({
                "type": "Feature", "geometry": feature["geometry"],
                "properties": {"region_id": row["region_id"], "style": style,
                               "tooltip": region_tooltip(row, lang)}})
        # One GeoJson per layer, each feature carrying its own style: far less to
        # template on every rerun than one element per region.
        folium.GeoJson(
            {"type": "FeatureCollection", "features": collection},
            style_function=lambda f: f["properties"]["style"],
            highlight_function=lambda f: {"weight": 5, "fillOpacity": 0.85},
            tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False, sticky=True),
        ).add_to(group)
        group.add_to(m)

    if "partners" in shown and not partners.empty:
        group = folium.FeatureGroup(name=t("map.layer.partners", lang), show=True)
        points = []
        for row in partners.to_dict("records"):
            names = _as_list(row["names_en"] if lang == "en" else row["names_ja"])
            count = int(row["institutions"])
            label = f"<b>{_e(t('map.institutions', lang, n=count))}</b><br>"
            label += "<br>".join(_e(n) for n in names[:12])
            if count > 12:
                label += "<br>" + _e(t("map.more", lang, n=count - 12))
            points.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": {"tooltip": label, "radius": 5 + 3 * count ** 0.5}})
        # Institutions at one point (one municipality) share one circle sized by their
        # number, so dense places stay readable; one layer element keeps reruns cheap.
        folium.GeoJson(
            {"type": "FeatureCollection", "features": points},
            marker=folium.CircleMarker(radius=6, color="#1a1a1a", weight=1.5, fill=True,
                                       fill_color="#ffffff", fill_opacity=0.9),
            style_function=lambda f: {"radius": f["properties"]["radius"]},
            tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False, sticky=True),
        ).add_to(group)
        group.add_to(m)

    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    m.get_root().html.add_child(folium.Element(legend_html(fields, lang)))
    return m


def legend_html(fields: pd.DataFrame, lang: str) -> str:
    items = "".join(
        f"<div><i style='background:{_e(r.color)}'></i>"
        f"{_e(r.name_en if lang == 'en' else r.name_ja)}</div>" for r in fields.itertuples())
    return (
        "<div class='sangaku-legend' style='position:absolute;bottom:28px;right:10px;"
        f"z-index:1000'><b>{_e(t('map.legend.fields', lang))}</b>{items}"
        f"<div style='margin-top:4px;max-width:220px'>{_e(t('map.legend.two_fields', lang))}"
        f"</div><div style='margin-top:4px;font-size:11px;max-width:240px'>"
        f"{_e(MLIT_CREDIT)}</div></div>")


# ---------------------------------------------------------------- Plotly maps (offline)
def _polygon_xy(geometry: dict) -> tuple[list, list]:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    xs: list = []
    ys: list = []
    for polygon in polygons:
        ring = polygon[0]
        xs.extend([p[0] for p in ring] + [None])
        ys.extend([p[1] for p in ring] + [None])
    return xs, ys


def _color_for(value: float, vmax: float, scale: str = "Blues") -> str:
    from plotly.colors import sample_colorscale

    if vmax <= 0 or value <= 0:
        return "#f2f2f2"
    return sample_colorscale(scale, [0.15 + 0.85 * value / vmax])[0]


def _filled_polygons(fig: go.Figure, features: list[dict], values: dict, labels: dict,
                     key: str, hover: dict, scale: str = "Blues") -> float:
    vmax = max([v for v in values.values() if v is not None] + [0])
    for feature in features:
        code = feature["properties"][key]
        value = values.get(code, 0) or 0
        xs, ys = _polygon_xy(feature["geometry"])
        fig.add_scatter(x=xs, y=ys, fill="toself", mode="lines",
                        fillcolor=_color_for(value, vmax, scale),
                        line=dict(color="#ffffff", width=0.8), name=labels.get(code, code),
                        hoveron="fills", text=hover.get(code, ""), hoverinfo="text",
                        showlegend=False)
    return vmax


def _colorbar(fig: go.Figure, vmax: float, title: str, scale: str = "Blues") -> None:
    from plotly.colors import sample_colorscale

    stops = [[0.0, "#f2f2f2"], [0.01, sample_colorscale(scale, [0.15])[0]],
             [1.0, sample_colorscale(scale, [1.0])[0]]]
    fig.add_scatter(x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
                    marker=dict(colorscale=stops, cmin=0, cmax=max(vmax, 1), color=[0],
                                showscale=True,
                                colorbar=dict(title=title, thickness=14, tickformat=",d",
                                              dtick=max(1, round(vmax / 6)))))


def prefecture_choropleth(prefectures_layer: dict, counts: pd.DataFrame, measure: str,
                          lang: str) -> go.Figure:
    """Prefectures filled by a count, drawn as plain polygons (no base map needed)."""
    values = dict(zip(counts["pref_code"], counts[measure]))
    names = dict(zip(counts["pref_code"],
                     counts["name_en"] if lang == "en" else counts["name_ja"]))
    hover = {r.pref_code: f"{names[r.pref_code]}<br>"
                          f"{t('map.measure.regions', lang)}: {r.regions}<br>"
                          f"{t('map.measure.partners', lang)}: {r.partners}<br>"
                          f"{t('map.measure.agreements', lang)}: {r.agreements}"
             for r in counts.itertuples()}
    fig = go.Figure()
    vmax = _filled_polygons(fig, prefectures_layer["features"], values, names, "pref_code",
                            hover)
    _colorbar(fig, vmax, t(f"map.measure.{measure}", lang))
    fig.update_xaxes(visible=False, range=[127.5, 146.2])
    fig.update_yaxes(visible=False, range=[30.0, 45.8], scaleanchor="x", scaleratio=1.2)
    fig.update_layout(height=620)
    fig = _style(fig)
    fig.update_layout(plot_bgcolor=SEA, margin=dict(l=0, r=0, t=10, b=0))
    return fig


def tokyo_view(capital_layer: dict, regions_layer: dict, counts: pd.DataFrame,
               lang: str) -> go.Figure:
    """Tokyo's wards and cities by the collaborations the institute reports with each,
    labelled by its areas, neighbouring prefectures in grey, the TAMA region outlined."""
    tokyo = [f for f in capital_layer["features"] if f["properties"]["pref_code"] == "13"]
    others = {"type": "FeatureCollection",
              "features": [f for f in capital_layer["features"]
                           if f["properties"]["pref_code"] != "13"]}
    values = dict(zip(counts["municipality_code"], counts["collaborations"]))
    names = dict(zip(counts["municipality_code"], counts["name_ja"]))
    hover = {r.municipality_code:
             f"{r.name_ja}（{t(f'area.{r.tokyo_area}', lang) if isinstance(r.tokyo_area, str) else '—'}）"
             f"<br>{t('map.tokyo.agreements', lang)}: {r.agreements}"
             f"<br>{t('map.tokyo.activities', lang)}: {r.activities}"
             for r in counts.itertuples()}
    fig = go.Figure()
    bbox = (138.8, 35.1, 140.1, 36.1)
    xs, ys = _outline_xy(others, bbox)
    fig.add_scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor="#eeeeee",
                    line=dict(color="#bdbdbd", width=0.6), hoverinfo="skip", showlegend=False)
    vmax = _filled_polygons(fig, tokyo, values, names, "municipality_code", hover,
                            scale="Oranges")
    _colorbar(fig, vmax, t("map.tokyo.collaborations", lang), scale="Oranges")
    tama = [f for f in regions_layer["features"] if f["properties"]["region_id"] == "tama"]
    for feature in tama:
        xs, ys = _polygon_xy(feature["geometry"])
        fig.add_scatter(x=xs, y=ys, mode="lines", line=dict(color="#222", width=2.5,
                                                            dash="dash"),
                        name=t("map.layer.tama", lang), hoverinfo="skip")
    # Area labels at the mean of their members' points.
    areas = counts.dropna(subset=["tokyo_area"]).groupby("tokyo_area")
    label_x, label_y, label_t = [], [], []
    centres = {f["properties"]["municipality_code"]: f for f in tokyo}
    for area, rows in areas:
        pts = [_centroid(centres[c]["geometry"]) for c in rows.municipality_code
               if c in centres]
        if pts:
            label_x.append(sum(p[0] for p in pts) / len(pts))
            label_y.append(sum(p[1] for p in pts) / len(pts))
            label_t.append(f"<b>{t(f'area.{area}', lang)}</b>")
    fig.add_scatter(x=label_x, y=label_y, mode="text", text=label_t,
                    textfont=dict(size=16, color="#111"), hoverinfo="skip", showlegend=False)
    fig.update_xaxes(visible=False, range=[138.9, 140.0])
    fig.update_yaxes(visible=False, range=[35.35, 36.05], scaleanchor="x", scaleratio=1.23)
    fig.update_layout(height=560, legend=dict(orientation="h", y=0, x=0))
    fig = _style(fig)
    fig.update_layout(plot_bgcolor=SEA, margin=dict(l=0, r=0, t=10, b=0))
    return fig


def program_regions_figure(prefectures_layer: dict, regions_layer: dict,
                           regions: pd.DataFrame, lang: str) -> go.Figure:
    """The program regions as filled shapes coloured by their first technology field
    (a second field as a thick outline), greater clusters and the TAMA region outlined,
    over the prefectures: the map of the Map page, drawn by Plotly with no tiles."""
    fig = go.Figure()
    xs, ys = _outline_xy(prefectures_layer, (120.0, 20.0, 155.0, 50.0))
    fig.add_scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=LAND,
                    line=dict(color="#9a9a9a", width=0.6), hoverinfo="skip",
                    showlegend=False)
    by_id = {r["region_id"]: r for r in regions.to_dict("records")}
    shapes = {f["properties"]["region_id"]: f["geometry"]
              for f in regions_layer["features"] if f["properties"]["region_id"] in by_id}
    drawn: list[tuple[list, list]] = []
    legend_seen: set[str] = set()
    filled = [r for r in by_id.values()
              if r["kind"] in ("cluster_region", "trial_region", "city_area")]
    for row in filled:
        if row["region_id"] not in shapes:
            continue
        colors = _as_list(row.get("field_colors"))
        names = _as_list(row.get(f"field_names_{lang}")) or _as_list(row.get("field_names_ja"))
        fill = colors[0] if colors else "#888888"
        group = names[0] if names else t("map.legend.fields", lang)
        x, y = _polygon_xy(shapes[row["region_id"]])
        drawn.append((x, y))
        fig.add_scatter(
            x=x, y=y, mode="lines", fill="toself", fillcolor=fill, opacity=0.85,
            line=dict(color=colors[1] if len(colors) > 1 else "#333333",
                      width=3 if len(colors) > 1 else 0.8),
            name=group, legendgroup=group, showlegend=group not in legend_seen,
            hoveron="fills", hoverinfo="text",
            text=f"{_name(row, lang)}<br>{row.get('program') or ''}<br>{' / '.join(names)}")
        legend_seen.add(group)
    outlines = (("greater_cluster", "map.layer.greater", dict(color="#222222", width=2.5,
                                                              dash="dash")),
                ("initiative_region", "map.layer.tama", dict(color="#444444", width=2.5,
                                                             dash="dot")))
    for kind, label, line in outlines:
        rows = [r for r in by_id.values() if r["kind"] == kind and r["region_id"] in shapes]
        x_all: list = []
        y_all: list = []
        for row in rows:
            x, y = _polygon_xy(shapes[row["region_id"]])
            x_all += x
            y_all += y
            drawn.append((x, y))
        if rows:
            fig.add_scatter(x=x_all, y=y_all, mode="lines", line=line,
                            name=t(label, lang), hoverinfo="skip")
    x_range, y_range = [128.0, 146.0], [30.6, 45.6]
    points = [(x, y) for xs_, ys_ in drawn for x, y in zip(xs_, ys_) if x is not None]
    if points and len(filled) < 12:
        # A filtered view: frame the regions shown, not the whole country.
        margin = 0.6
        x_range = [min(p[0] for p in points) - margin, max(p[0] for p in points) + margin]
        y_range = [min(p[1] for p in points) - margin, max(p[1] for p in points) + margin]
    fig.update_xaxes(visible=False, range=x_range)
    fig.update_yaxes(visible=False, range=y_range, scaleanchor="x", scaleratio=1.2)
    fig.update_layout(height=620)
    fig = _style(fig)
    fig.update_layout(plot_bgcolor=SEA, margin=dict(l=0, r=0, t=10, b=0),
                      legend=dict(orientation="v", x=1.0, xanchor="left", y=1.0,
                                  yanchor="top", title_text=t("map.legend.fields", lang)))
    return fig


def _centroid(geometry: dict) -> tuple[float, float]:
    xs, ys = _polygon_xy(geometry)
    pts = [(x, y) for x, y in zip(xs, ys) if x is not None]
    return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))


# ---------------------------------------------------------------- builders for ui.figure
def _layer(name: str) -> dict:
    from .geo import load_layer

    return _LAYERS.setdefault(name, load_layer(name))


_LAYERS: dict[str, dict] = {}


def prefecture_map(counts: pd.DataFrame, lang: str, measure: str = "regions") -> go.Figure:
    return prefecture_choropleth(_layer("prefectures"), counts, measure, lang)


def program_map(regions: pd.DataFrame, lang: str) -> go.Figure:
    return program_regions_figure(_layer("prefectures"), _layer("regions"), regions, lang)


def tokyo_map(counts: pd.DataFrame, lang: str) -> go.Figure:
    return tokyo_view(_layer("capital_municipalities"), _layer("regions"), counts, lang)
