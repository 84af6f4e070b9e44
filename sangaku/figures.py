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
