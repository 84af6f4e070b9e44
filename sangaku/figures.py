"""Figure builders: pure functions from a DataFrame to a Plotly figure."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .i18n import localized, t

FONT = "Noto Sans CJK JP, Hiragino Sans, Yu Gothic, Meiryo, sans-serif"


def _style(fig: go.Figure) -> go.Figure:
    # No Plotly template: the default one is large, and Streamlit validates the whole
    # figure on every rerun. The few settings we want are set here instead.
    fig.update_layout(template="none", font=dict(family=FONT, size=15, color="#262730"),
                      margin=dict(l=10, r=10, t=30, b=10), paper_bgcolor="white",
                      hoverlabel=dict(font_family=FONT),
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
                      plot_bgcolor="white")
    fig.update_yaxes(gridcolor="#e5e5e5", zerolinecolor="#bbbbbb", automargin=True)
    fig.update_xaxes(automargin=True, linecolor="#bbbbbb")
    return fig


def field_colors(frame: pd.DataFrame, label_col: str) -> dict[str, str]:
    return dict(zip(frame[label_col], frame["color"]))


def regions_by_field(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Bars per technology field in the field's colour, stacked by program, one pattern
    per program (CLUSTER solid, others hatched)."""
    data = frame.copy()
    data["field"] = localized(data, "name", lang)
    fields = list(dict.fromkeys(data.sort_values("sort_order")["field"]))
    patterns = ["", "/", "x", ".", "\\"]
    fig = go.Figure()
    for i, (program, rows) in enumerate(data.groupby("program", sort=True)):
        fig.add_bar(x=rows["field"], y=rows["regions"], name=program, text=rows["regions"],
                    textposition="inside", marker_color=rows["color"],
                    marker_pattern_shape=patterns[i % len(patterns)],
                    marker_line_color="#333", marker_line_width=0.5,
                    hovertemplate="%{x}<br>" + program + ": %{y}<extra></extra>")
    fig.update_layout(barmode="stack", legend_title_text=t("overview.axis.program", lang))
    fig.update_xaxes(title_text=t("overview.axis.field", lang), categoryorder="array",
                     categoryarray=fields)
    fig.update_yaxes(title_text=t("overview.axis.regions", lang), dtick=5)
    return _style(fig)


# ---------------------------------------------------------------- shared palettes
# Institution types: Paul Tol's "muted" scheme (colour-blind safe), distinct from the
# technology-field colours (Okabe–Ito) so the two never read as the same thing.
ORG_TYPE_COLORS = {
    "university": "#332288", "college": "#88CCEE", "high_school": "#44AA99",
    "municipality": "#117733", "financial_institution": "#999933",
    "support_organisation": "#DDCC77", "research_institute": "#CC6677",
    "business_association": "#882255", "government_body": "#AA4499",
    "overseas_body": "#777777", "company": "#000000", "academic_society": "#6699CC",
    "network": "#BBBBBB",
}
DOCUMENT_SYMBOLS = {"agreement": "circle", "memorandum": "diamond",
                    "confidentiality_agreement": "square"}
ROLE_COLORS = {"hosted": "#0072B2", "co_hosted": "#56B4E9", "attended": "#999999",
               "presented": "#D55E00", "supported": "#009E73", "exhibited": "#E69F00",
               "cooperated": "#CC79A7", "organised_by_others": "#000000"}
MODE_SYMBOLS = {"onsite": "circle", "online": "circle-open", "hybrid": "circle-dot",
                "written": "square-open", "email": "square-open", "unknown": "x-thin-open"}


def _label(kind: str, value: str, lang: str) -> str:
    return t(f"{kind}.{value}", lang)


# ---------------------------------------------------------------- agreements
def agreements_timeline(frame: pd.DataFrame, lang: str) -> go.Figure:
    """One row per institution, a mark per document: colour by institution type, shape
    by document kind. Department-level agreements sit in their own band at the bottom."""
    data = frame[frame["signed_on"].notna()].copy()
    data["name"] = localized(data.rename(columns={"org_name_ja": "n_ja", "org_name_en": "n_en"}),
                             "n", lang)
    dept = data["is_department_level"].fillna(False).astype(bool)
    data.loc[dept, "name"] = (data.loc[dept, "name"] + " " + data.loc[dept, "org_unit_ja"]
                              .fillna("") + " → " + data.loc[dept, "department_ja"].fillna(""))
    # Institutions ordered by their first document, earliest at the top.
    first = data.groupby("name")["signed_on"].min().sort_values()
    order = [n for n in first.index if n in set(data.loc[~dept, "name"])]
    order += [n for n in first.index if n in set(data.loc[dept, "name"])]
    fig = go.Figure()
    for (org_type, kind), rows in data.groupby(["org_type", "document_kind"], sort=True):
        fig.add_scatter(
            x=rows["signed_on"], y=rows["name"], mode="markers",
            name=f"{_label('org_type', org_type, lang)} · {_label('doc_kind', kind, lang)}",
            legendgroup=org_type,
            marker=dict(color=ORG_TYPE_COLORS.get(org_type, "#777"), size=12,
                        symbol=DOCUMENT_SYMBOLS.get(kind, "circle"),
                        line=dict(color="white", width=1)),
            customdata=rows[["org_id", "document_type_ja"]].values,
            hovertemplate="%{y}<br>%{customdata[1]} %{x|%Y-%m-%d}<extra></extra>")
    n_main = sum(1 for n in order if n in set(data.loc[~dept, "name"]))
    if dept.any():
        fig.add_hline(y=n_main - 0.5, line_dash="dot", line_color="#888",
                      annotation_text=t("agreements.department_band", lang),
                      annotation_position="bottom left")
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed",
                     title_text="", tickfont=dict(size=12))
    fig.update_xaxes(title_text=t("agreements.axis.signed", lang), type="date")
    fig.update_layout(height=max(420, 18 * len(order) + 160),
                      legend=dict(orientation="h", y=-0.08, yanchor="top"))
    fig = _style(fig)
    fig.update_layout(legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0))
    return fig


def agreements_per_year(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Documents per year stacked by institution type; running count of partners."""
    from plotly.subplots import make_subplots

    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for org_type, rows in frame.groupby("org_type", sort=True):
        fig.add_bar(x=rows["year"], y=rows["documents"], name=_label("org_type", org_type, lang),
                    marker_color=ORG_TYPE_COLORS.get(org_type, "#777"),
                    hovertemplate="%{x}: %{y}<extra>" + _label("org_type", org_type, lang)
                    + "</extra>", secondary_y=False)
    cumulative = frame.drop_duplicates("year").sort_values("year")
    fig.add_scatter(x=cumulative["year"], y=cumulative["partners_cumulative"],
                    name=t("agreements.cumulative_partners", lang), mode="lines+markers",
                    line=dict(color="#222", width=3), secondary_y=True)
    fig.update_layout(barmode="stack", height=460)
    fig.update_xaxes(title_text=t("common.axis.year", lang), dtick=1, tickangle=-45)
    fig.update_yaxes(title_text=t("agreements.axis.documents", lang), secondary_y=False)
    fig.update_yaxes(title_text=t("agreements.axis.partners", lang), secondary_y=True,
                     rangemode="tozero", showgrid=False, tickformat=",d")
    return _style(fig)


# ---------------------------------------------------------------- events
def events_timeline(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Each dated event as a mark by role, hollow when held online; multi-day events as
    a bar from start to end."""
    data = frame[frame["start_date"].notna()].copy()
    data["title"] = localized(data, "title", lang)
    data["role_label"] = [_label("role", r, lang) for r in data["role"]]
    data["mode_label"] = [_label("mode", m, lang) for m in data["mode"]]
    fig = go.Figure()
    for role, rows in data.groupby("role", sort=False):
        fig.add_scatter(
            x=rows["start_date"], y=rows["role_label"], mode="markers",
            name=_label("role", role, lang),
            marker=dict(color=ROLE_COLORS.get(role, "#777"), size=13,
                        symbol=[MODE_SYMBOLS.get(m, "circle") for m in rows["mode"]],
                        line=dict(width=2, color=ROLE_COLORS.get(role, "#777"))),
            customdata=rows[["title", "mode_label"]].values,
            hovertemplate="%{customdata[0]}<br>%{x|%Y-%m-%d} · %{customdata[1]}"
                          "<extra></extra>")
        spans = rows[rows["end_date"].notna() & (rows["end_date"] != rows["start_date"])]
        for span in spans.itertuples():
            fig.add_scatter(x=[span.start_date, span.end_date], y=[span.role_label] * 2,
                            mode="lines", line=dict(color=ROLE_COLORS.get(role, "#777"),
                                                    width=6), opacity=0.5,
                            showlegend=False, hoverinfo="skip")
    fig.update_xaxes(title_text=t("events.axis.date", lang), type="date")
    fig.update_yaxes(title_text="")
    fig.update_layout(height=380)
    return _style(fig)


def events_per_month(frame: pd.DataFrame, lang: str) -> go.Figure:
    fig = go.Figure()
    for role, rows in frame.groupby("role", sort=False):
        fig.add_bar(x=rows["month"], y=rows["events"], name=_label("role", role, lang),
                    marker_color=ROLE_COLORS.get(role, "#777"))
    fig.update_layout(barmode="stack", height=360)
    fig.update_xaxes(title_text=t("events.axis.month", lang), type="date",
                     dtick="M1", tickformat="%Y-%m")
    fig.update_yaxes(title_text=t("events.axis.events", lang))
    return _style(fig)


def research_groups(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Participants (person-visits) and meetings per technical research group."""
    from plotly.subplots import make_subplots

    data = frame.copy()
    data["name"] = localized(data, "name", lang)
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.04,
                        subplot_titles=(t("events.groups.participants", lang),
                                        t("events.groups.meetings", lang)))
    fig.add_bar(y=data["name"], x=data["participants"], orientation="h",
                marker_color="#0072B2", name=t("events.groups.participants", lang),
                text=data["participants"], textposition="auto", row=1, col=1)
    fig.add_bar(y=data["name"], x=data["institute_participants"], orientation="h",
                marker_color="#56B4E9", name=t("events.groups.institute", lang),
                text=data["institute_participants"], textposition="auto", row=1, col=1)
    fig.add_bar(y=data["name"], x=data["meetings"], orientation="h", marker_color="#E69F00",
                name=t("events.groups.meetings", lang), text=data["meetings"],
                textposition="auto", row=1, col=2)
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=120 + 48 * len(data), barmode="group")
    return _style(fig)


def indicator_lines(frame: pd.DataFrame, lang: str) -> go.Figure:
    """One line per series over time (TAMA membership and similar)."""
    data = frame.copy()
    data["series"] = localized(data, "series_name", lang)
    fig = go.Figure()
    palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00"]
    for i, (series, rows) in enumerate(data.groupby("series", sort=False)):
        rows = rows.sort_values("as_of")
        fig.add_scatter(x=rows["as_of"], y=rows["value"], name=series, mode="lines+markers+text",
                        text=[f"{v:,.0f}" for v in rows["value"]], textposition="top center",
                        line=dict(width=3, color=palette[i % len(palette)]))
    unit = localized(data.head(1), "unit", lang).iloc[0] if len(data) else ""
    fig.update_yaxes(title_text=unit, rangemode="tozero")
    fig.update_xaxes(title_text=t("common.axis.date", lang), type="date")
    fig.update_layout(height=380)
    return _style(fig)


def indicator_bars(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Bars per period label, one colour per series (then-and-now comparisons)."""
    data = frame.copy()
    data["series"] = localized(data, "series_name", lang)
    data["x"] = data["period_label"] + (" (" + data["geography"] + ")").where(
        data["geography"] != "JP", "")
    fig = go.Figure()
    palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00"]
    for i, (series, rows) in enumerate(data.groupby("series", sort=False)):
        fig.add_bar(x=rows["x"], y=rows["value"], name=series, text=[f"{v:,.0f}" for v in rows["value"]],
                    textposition="outside", marker_color=palette[i % len(palette)])
    unit = localized(data.head(1), "unit", lang).iloc[0] if len(data) else ""
    fig.update_yaxes(title_text=unit, rangemode="tozero")
    # Period labels are names, not numbers: left to guess, Plotly reads "2000" and
    # "2001" as a numeric axis and drops a bar labelled "2002 (As of August 2002)".
    fig.update_xaxes(type="category")
    fig.update_layout(height=380, barmode="group")
    return _style(fig)


def policy_timeline(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Laws, plans and programs by year, one row per kind; programs with a budget are
    labelled with it."""
    data = frame.copy()
    data["title"] = localized(data, "title", lang)
    data["kind_label"] = [_label("milestone", k, lang) for k in data["kind"]]
    data["source_label"] = localized(data.rename(columns={
        "source_publisher": "sp_ja", "source_publisher_en": "sp_en"}), "sp", lang)
    fig = go.Figure()
    kinds = list(dict.fromkeys(data["kind_label"]))
    for kind, rows in data.groupby("kind_label", sort=False):
        fig.add_scatter(x=rows["year"], y=rows["kind_label"], mode="markers",
                        name=kind, marker=dict(size=14, line=dict(color="white", width=1)),
                        customdata=rows[["title", "source_label"]].values,
                        hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]}"
                                      "<extra></extra>")
    fig.update_yaxes(categoryorder="array", categoryarray=kinds, title_text="")
    fig.update_xaxes(title_text=t("common.axis.year", lang), dtick=1)
    fig.update_layout(height=360, showlegend=False)
    return _style(fig)


def budget_bars(frame: pd.DataFrame, lang: str) -> go.Figure:
    data = frame.copy()
    data["program"] = data["short_name"]
    fig = go.Figure()
    fig.add_bar(x=[f"FY{y}" for y in data["fiscal_year"]], y=data["amount_jpy"] / 1e8,
                text=[f"{v / 1e8:,.0f}" for v in data["amount_jpy"]], textposition="outside",
                marker_color="#0072B2", name=t("events.budget.total", lang))
    fig.update_yaxes(title_text=t("events.budget.unit", lang), rangemode="tozero")
    fig.update_layout(height=340, showlegend=False)
    return _style(fig)


# ---------------------------------------------------------------- small maps
def _outline_xy(geojson: dict, bbox: tuple[float, float, float, float]) -> tuple[list, list]:
    """Polygon rings of the features touching bbox, as one line trace (None-separated)."""
    west, south, east, north = bbox
    xs: list = []
    ys: list = []
    for feature in geojson.get("features", []):
        geom = feature.get("geometry") or {}
        polygons = geom.get("coordinates", [])
        if geom.get("type") == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for ring in polygon:
                if not any(west <= x <= east and south <= y <= north for x, y in ring):
                    continue
                xs.extend([p[0] for p in ring] + [None])
                ys.extend([p[1] for p in ring] + [None])
    return xs, ys


def location_map(points: pd.DataFrame, outlines: dict | None, lang: str,
                 margin: float = 0.6) -> go.Figure:
    """Points (lat, lon, label) over the project's own boundary outlines: drawn entirely
    offline, no map tiles."""
    lat_min, lat_max = points["lat"].min() - margin, points["lat"].max() + margin
    lon_min, lon_max = points["lon"].min() - margin, points["lon"].max() + margin
    fig = go.Figure()
    if outlines:
        xs, ys = _outline_xy(outlines, (lon_min, lat_min, lon_max, lat_max))
        fig.add_scatter(x=xs, y=ys, mode="lines", line=dict(color="#9a9a9a", width=1),
                        hoverinfo="skip", showlegend=False)
    fig.add_scatter(x=points["lon"], y=points["lat"], mode="markers+text",
                    text=points["label"], textposition="top center",
                    marker=dict(size=14, color="#D55E00", line=dict(color="white", width=2)),
                    hovertemplate="%{text}<extra></extra>", showlegend=False)
    fig.update_xaxes(range=[lon_min, lon_max], visible=False)
    fig.update_yaxes(range=[lat_min, lat_max], visible=False, scaleanchor="x",
                     scaleratio=1.23)  # roughly 1/cos(36°): keeps shapes undistorted
    fig.update_layout(height=300, margin=dict(l=0, r=0, t=0, b=0))
    fig = _style(fig)
    fig.update_layout(plot_bgcolor="#f4f7fa", margin=dict(l=0, r=0, t=0, b=0))
    return fig


def match_matrix(pairs: pd.DataFrame, needs: pd.DataFrame, seeds: pd.DataFrame,
                 lang: str) -> go.Figure:
    """Heatmap of scores: needs (rows) × the union of their top seeds (columns)."""
    need_label = dict(zip(needs["item_id"], localized(needs, "title", lang)))
    seed_label = dict(zip(seeds["item_id"], localized(seeds, "title", lang)))
    table = pairs.pivot_table(index="need_id", columns="seed_id", values="score")
    short = lambda s: s if len(s) <= 24 else s[:23] + "…"  # noqa: E731
    fig = go.Figure(go.Heatmap(
        z=table.values, x=[short(seed_label.get(c, c)) for c in table.columns],
        y=[short(need_label.get(r, r)) for r in table.index], colorscale="Blues",
        zmin=0, zmax=1, hoverongaps=False, colorbar=dict(title=t("col.score", lang)),
        hovertemplate="%{y}<br>%{x}<br>%{z:.3f}<extra></extra>"))
    fig.update_layout(height=160 + 34 * len(table.index))
    fig.update_xaxes(tickangle=-40)
    return _style(fig)


# ---------------------------------------------------------------- presenter mode
def agreements_by_type(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Every dated document as a mark on one row per institution type: the agreements
    timeline at a scale a room can read (the per-institution timeline has a row for
    each of dozens of partners)."""
    data = frame[frame["signed_on"].notna()].copy()
    data["type_label"] = [_label("org_type", v, lang) for v in data["org_type"]]
    data["name"] = localized(data.rename(columns={"org_name_ja": "n_ja",
                                                  "org_name_en": "n_en"}), "n", lang)
    counts = data.groupby("type_label").size().sort_values(ascending=False)
    fig = go.Figure()
    for (org_type, kind), rows in data.groupby(["org_type", "document_kind"], sort=True):
        fig.add_scatter(
            x=rows["signed_on"], y=rows["type_label"], mode="markers",
            name=_label("doc_kind", kind, lang), showlegend=False,
            marker=dict(color=ORG_TYPE_COLORS.get(org_type, "#777"), size=18, opacity=0.85,
                        symbol=DOCUMENT_SYMBOLS.get(kind, "circle"),
                        line=dict(color="white", width=1)),
            customdata=rows[["name"]].values,
            hovertemplate="%{customdata[0]}<br>%{x|%Y-%m-%d}<extra></extra>")
    for kind in dict.fromkeys(data.sort_values("document_kind")["document_kind"]):
        # Legend entries for the shapes only: the row already names the colour.
        fig.add_scatter(x=[None], y=[None], mode="markers", name=_label("doc_kind", kind, lang),
                        marker=dict(color="#999999", size=16,
                                    symbol=DOCUMENT_SYMBOLS.get(kind, "circle")))
    fig.update_yaxes(categoryorder="array", categoryarray=list(counts.index),
                     autorange="reversed", title_text="",
                     ticktext=[f"{label} ({n})" for label, n in counts.items()],
                     tickvals=list(counts.index))
    fig.update_xaxes(title_text=t("agreements.axis.signed", lang), type="date")
    fig.update_layout(height=max(360, 46 * len(counts) + 140))
    return _style(fig)


PROJECTOR_BACKGROUND = "#0a0a0a"
PROJECTOR_TEXT = "#ffffff"
PROJECTOR_GRID = "#4a4a4a"
PROJECTOR_SEA = "#0e2233"
SEA_COLOR = "#dce9f2"  # the sea behind every offline map


def _rgb(color: object) -> tuple[int, int, int] | None:
    if not isinstance(color, str):
        return None
    value = color.strip()
    if value.startswith("#") and len(value) in (4, 7):
        digits = value[1:]
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        try:
            return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]
        except ValueError:
            return None
    if value.startswith("rgb(") and value.endswith(")"):
        try:
            r, g, b = (int(float(p)) for p in value[4:-1].split(","))
        except ValueError:
            return None
        return r, g, b
    if value in ("white", "black"):
        return (255, 255, 255) if value == "white" else (0, 0, 0)
    return None


def luminance(color: object) -> float | None:
    """WCAG relative luminance of a hex or rgb() colour (None when unknown)."""
    rgb = _rgb(color)
    if rgb is None:
        return None

    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _mix(color: str, target: tuple[int, int, int], share: float) -> str:
    r, g, b = _rgb(color)  # type: ignore[misc]
    mixed = [round(c + (t_ - c) * share) for c, t_ in zip((r, g, b), target)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _on_dark(color: object) -> object:
    """A mark colour readable on the projector's black: near-black becomes near-white,
    other dark colours are lightened toward white keeping their hue, so that categories
    stay apart."""
    lum = luminance(color)
    if lum is None or lum >= 0.12:
        return color
    if lum < 0.02:
        return "#f0f0f0"
    return _mix(color, (255, 255, 255), 0.55)  # type: ignore[arg-type]


def _recolor(value, convert):
    if isinstance(value, (list, tuple)):
        return [convert(v) for v in value]
    if hasattr(value, "tolist"):
        return [convert(v) for v in value.tolist()]
    return convert(value)


def _recolor_trace(trace, base_size: int) -> None:
    marker = getattr(trace, "marker", None)
    if marker is not None and marker.color is not None:
        marker.color = _recolor(marker.color, _on_dark)
    if marker is not None and getattr(marker, "line", None) is not None \
            and marker.line.color is not None:
        marker.line.color = _recolor(marker.line.color, _on_dark)
    line = getattr(trace, "line", None)
    if line is not None and getattr(line, "color", None) is not None:
        line.color = _on_dark(line.color)
    textfont = getattr(trace, "textfont", None)
    if textfont is not None and textfont.color is not None:
        textfont.color = _recolor(textfont.color, _on_dark)


def projector(fig: go.Figure, height: int = 600, base_size: int = 22) -> go.Figure:
    """A copy of fig for a projector: black background, white type at a size readable at
    the back of a room. Dark marks are lightened; a map keeps its light land and dark
    labels, on a dark sea."""
    out = go.Figure(fig)
    is_map = str(out.layout.plot_bgcolor or "").lower() == SEA_COLOR
    for trace in out.data:
        if not is_map:
            _recolor_trace(trace, base_size)
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and (getattr(trace, "text", None) is not None):
            textfont.size = base_size
        if getattr(trace, "type", None) == "bar":
            trace.insidetextfont = dict(size=base_size)
            trace.outsidetextfont = dict(size=base_size, color=PROJECTOR_TEXT)
        marker = getattr(trace, "marker", None)
        if marker is not None and getattr(marker, "showscale", None):
            marker.colorbar.tickfont = dict(color=PROJECTOR_TEXT, size=base_size - 4)
            marker.colorbar.title.font = dict(color=PROJECTOR_TEXT, size=base_size - 2)
    out.update_layout(
        height=height, paper_bgcolor=PROJECTOR_BACKGROUND,
        plot_bgcolor=PROJECTOR_SEA if is_map else PROJECTOR_BACKGROUND,
        font=dict(family=FONT, size=base_size, color=PROJECTOR_TEXT),
        # A map's legend sits on a light box, like the land its swatches are drawn on.
        legend=dict(font=dict(size=base_size - 2, color="#111111" if is_map else PROJECTOR_TEXT),
                    bgcolor="#f7f7f4" if is_map else "rgba(0,0,0,0)"),
        hoverlabel=dict(font_size=base_size - 4),
        margin=dict(l=20, r=20, t=50, b=20))
    axis = dict(gridcolor=PROJECTOR_GRID, zerolinecolor=PROJECTOR_GRID,
                linecolor=PROJECTOR_GRID, tickfont=dict(size=base_size - 2),
                title_font=dict(size=base_size))
    out.update_xaxes(**axis)
    out.update_yaxes(**axis)
    if is_map:  # keep the map's extent and let the plot area shrink to its shape
        out.update_xaxes(constrain="domain")
        out.update_yaxes(constrain="domain")
    for annotation in out.layout.annotations or ():
        annotation.font = dict(color=PROJECTOR_TEXT, size=base_size - 2)
    for shape in out.layout.shapes or ():
        if shape.line is not None and shape.line.color is not None:
            shape.line.color = _on_dark(shape.line.color)
    return out
