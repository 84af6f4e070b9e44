"""The briefing pack: the current filtered view as one self-contained HTML file (and a
PDF printed from it by headless Chromium when it is installed), in one language. It
holds the headline figures, the main charts with their one-line message, the tables,
and a sources section listing every source any of them cites.

Pure functions over a DuckDB connection and named queries: the Overview page, the
command line (`python -m sangaku briefing`) and the tests build the same pack.
Every text that comes from data is escaped; the charts are Plotly figures with
plotly.js embedded once, so the file opens, and prints, with no network.
"""

from __future__ import annotations

import datetime as dt
import html
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from . import db, figures, maps, slides, tables
from .filters import FilterOptions, Filters, summary
from .i18n import t

CHART_WIDTH = 980  # px: fits an A4 landscape page inside its margins
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--virtual-time-budget=20000")


@dataclass
class Pack:
    """A built briefing pack: the HTML document and the sources it cites, in order."""
    html: str
    sources: list[str] = field(default_factory=list)


def filter_options(con: duckdb.DuckDBPyConnection) -> FilterOptions:
    return FilterOptions.from_frames(*(db.run_query(con, name) for name in (
        "filter_regions", "filter_prefectures", "filter_fields", "filter_year_bounds")))


def chromium_path() -> str | None:
    """Headless Chromium for printing the PDF, when one is installed."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def e(value: object) -> str:
    return html.escape("" if value is None else str(value))


class _Writer:
    """Collects the pack's sections and every source they cite, in order."""

    def __init__(self, con, filters: Filters, options: FilterOptions, lang: str):
        self.con, self.filters, self.options, self.lang = con, filters, options, lang
        self.parts: list[str] = []
        self.cited: dict[str, None] = {}
        labels = db.run_query(con, "sources_list")
        self.sources = labels
        self.short = {row.source_id: tables.source_label(row, lang)
                      for row in labels.itertuples()}

    def query(self, name: str, **extra) -> pd.DataFrame:
        return db.run_query(self.con, name, {**self.filters.query_params(), **extra})

    def cite(self, source_ids: Iterable[str]) -> str:
        ids = [s for s in dict.fromkeys(source_ids) if s and s in self.short]
        if not ids:
            return ""
        for source_id in ids:
            self.cited.setdefault(source_id)
        links = "; ".join(f"<a href='#src-{e(s)}'>{e(self.short[s])}</a>" for s in ids)
        return (f"<p class='sources' data-sources='{e(' '.join(ids))}'>"
                f"{e(t('common.source', self.lang, sources=''))}{links}</p>")

    def not_applied(self, applies: set[str]) -> str:
        ignored = [f for f in self.filters.active if f not in applies]
        if not ignored:
            return ""
        names = "・".join(t(f"filter.name.{f}", self.lang) for f in ignored)
        return f"<p class='note'>{e(t('filters.not_applied', self.lang, filters=names))}</p>"

    def chart(self, key: str, title: str, fig: go.Figure | None, message: str | None,
              sources: Iterable[str], applies: set[str], notes: Iterable[str] = ()) -> None:
        body = [f"<h3>{e(title)}</h3>"]
        if message:
            body.append(f"<p class='message'>{e(message)}</p>")
        if fig is None:
            body.append(f"<p class='empty'>{e(t('common.no_data', self.lang))}</p>")
        else:
            fig = go.Figure(fig)
            fig.update_layout(width=CHART_WIDTH, autosize=False)
            body.append(pio.to_html(
                fig, full_html=False, include_plotlyjs=False, div_id=f"chart-{key}",
                config={"displaylogo": False, "responsive": False,
                        "toImageButtonOptions": {"format": "png", "scale": 2,
                                                 "filename": key}}))
        body += [f"<p class='note'>{e(note)}</p>" for note in dict.fromkeys(notes) if note]
        body.append(self.cite(sources))
        body.append(self.not_applied(applies))
        self.parts.append(f"<section class='chart' id='{e(key)}'>{''.join(body)}</section>")

    def table(self, key: str, title: str, shown: pd.DataFrame, raw: pd.DataFrame,
              applies: set[str]) -> None:
        body = [f"<h3>{e(title)}</h3>"]
        if raw.empty:
            body.append(f"<p class='empty'>{e(t('common.no_data', self.lang))}</p>")
        else:
            body.append(f"<p class='note'>{e(t('common.rows', self.lang, n=f'{len(raw):,}'))}</p>")
            cells = shown.astype(object).where(shown.notna(), "")
            cells = cells.loc[:, [(cells[c].astype(str) != "").any() for c in cells.columns]]
            body.append(cells.to_html(index=False, escape=True, border=0, classes="data"))
            if "is_sample" in raw.columns and raw["is_sample"].fillna(False).any():
                n = int(raw["is_sample"].fillna(False).sum())
                body.append(f"<p class='note'>{e(t('common.sample_rows', self.lang, n=n))}</p>")
            body.append(self.cite(sorted(raw["source_id"].dropna().unique())
                                  if "source_id" in raw.columns else []))
        body.append(self.not_applied(applies))
        self.parts.append(f"<section class='table' id='{e(key)}'>{''.join(body)}</section>")


def _headline(w: _Writer) -> None:
    headline = w.query("overview_headline")
    applies = {"programs": {"region", "field"}, "regions": {"region", "field"},
               "partners": {"region", "period"}, "agreements": {"region", "period"},
               "events": {"region", "period"}, "activities": {"region", "period"}}
    cards = []
    for row in headline.itertuples():
        cards.append(
            f"<div class='card'><div class='number'>{int(row.value):,}</div>"
            f"<div class='label'>{e(t(f'overview.metric.{row.metric}', w.lang))}</div>"
            f"<div class='help'>{e(t(f'overview.metric.{row.metric}.help', w.lang))}</div>"
            f"{w.cite(row.source_ids)}{w.not_applied(applies[row.metric])}</div>")
    message = slides.headline_message(headline, w.lang)
    w.parts.append(
        f"<section class='headline' id='headline'><h2>{e(t('overview.headline', w.lang))}</h2>"
        f"<p class='message'>{e(message or '')}</p><div class='cards'>{''.join(cards)}</div>"
        "</section>")


def _charts(w: _Writer) -> None:
    lang = w.lang
    w.parts.append(f"<h2>{e(t('brief.charts', lang))}</h2>")
    by_field = w.query("regions_by_field")
    w.chart("regions_by_field", t("overview.regions_by_field", lang),
            figures.regions_by_field(by_field, lang) if not by_field.empty else None,
            slides.fields_message(by_field, lang),
            sorted({s for ids in by_field.source_ids for s in ids}), {"region", "field"},
            notes=[t("overview.regions_by_field.note", lang)])

    regions = w.query("map_regions")
    counts = w.query("prefecture_counts")
    w.chart("program_map", t("map.title", lang),
            maps.program_map(regions, lang) if not regions.empty else None,
            slides.map_message(regions, counts, lang),
            sorted(set(regions.source_id)) + [maps.MLIT_SOURCE], {"region", "field", "period"},
            notes=[t("common.mlit_credit", lang)])

    listed = w.query("agreements_list", **slides.AGREEMENT_FACETS)
    dated = listed["signed_on"].notna().any()
    w.chart("agreements_by_type", t("present.slide.agreements", lang),
            figures.agreements_by_type(listed, lang) if dated else None,
            slides.agreements_message(listed, lang), sorted(set(listed.source_id)),
            {"region", "period"})

    per_year = w.query("agreements_per_year", **slides.AGREEMENT_FACETS)
    w.chart("agreements_per_year", t("agreements.per_year", lang),
            figures.agreements_per_year(per_year, lang) if not per_year.empty else None,
            slides.growth_message(per_year, lang),
            sorted({s for ids in per_year.get("source_ids", []) for s in ids}),
            {"region", "period"})

    events = w.query("events_list", sections=None, source_id=slides.REPORT)
    per_month = w.query("events_per_month", source_id=slides.REPORT)
    w.chart("events_per_month", t("events.per_month", lang),
            figures.events_per_month(per_month, lang) if not per_month.empty else None,
            slides.events_message(events, lang),
            sorted({s for ids in per_month.get("source_ids", []) for s in ids}),
            {"region", "period"})

    series = [slides.INDICATOR_SERIES]
    values = w.query("indicator_values", series_ids=series)
    w.chart("joint_research", t("events.national_then_now", lang),
            figures.indicator_bars(values, lang) if not values.empty else None,
            slides.indicator_message(values, lang), sorted(set(values.source_id)), {"period"},
            notes=list(values["note"].dropna()))

    tokyo = w.query("tokyo_collaborations")
    w.chart("tokyo_view", t("map.tokyo", lang), maps.tokyo_map(tokyo, lang),
            slides.tama_message(tokyo, lang), maps.TOKYO_VIEW_SOURCES, {"period"},
            notes=[t("map.tokyo.note", lang), t("common.mlit_credit", lang)])


def _tables(w: _Writer) -> None:
    lang = w.lang
    w.parts.append(f"<h2>{e(t('brief.tables', lang))}</h2>")
    listed = w.query("agreements_list", **slides.AGREEMENT_FACETS)
    w.table("agreements_table", t("agreements.table", lang), tables.agreements(listed, lang),
            listed, {"region", "period"})
    events = w.query("events_list", sections=None, source_id=slides.REPORT)
    w.table("events_table", t("events.list", lang), tables.events(events, lang), events,
            {"region", "period"})
    programs = db.run_query(w.con, "programs_list")
    w.table("programs_table", t("events.per_region_budgets", lang),
            tables.programs(programs, lang), programs, set())


def _sources(w: _Writer) -> str:
    lang = w.lang
    rows = w.sources.set_index("source_id")
    items = []
    for source_id in w.cited:
        row = rows.loc[source_id]
        title = row.title_en if lang == "en" and row.title_en else row.title
        publisher = row.publisher_en if lang == "en" and row.publisher_en else row.publisher
        date = ("" if row.published_on is None or pd.isna(row.published_on)
                or row.date_precision == "unknown" else f" ({row.published_on:%Y-%m-%d})")
        url = (f" <span class='url'>{e(row.url)}</span>"
               if isinstance(row.url, str) and row.url else "")
        note = f"<div class='note'>{e(row.note)}</div>" if isinstance(row.note, str) else ""
        items.append(
            f"<li id='src-{e(source_id)}' data-source-id='{e(source_id)}'>"
            f"<span class='src-title'>{e(title)}</span> — {e(publisher)}{e(date)}"
            f" <span class='src-id'>[{e(source_id)}]</span>{url}{note}</li>")
    return (f"<section id='sources'><h2>{e(t('brief.sources', lang))}</h2>"
            f"<p>{e(t('brief.sources.intro', lang))}</p><ol>{''.join(items)}</ol></section>")


STYLE = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", Meiryo, sans-serif;
       color: #1a1a1a; margin: 24px auto; max-width: 1000px; line-height: 1.5; }
h1 { font-size: 28px; margin: 0 0 4px 0; }
h2 { font-size: 22px; border-bottom: 2px solid #333; margin-top: 32px; }
h3 { font-size: 17px; margin: 24px 0 4px 0; }
.subtitle, .meta { color: #444; margin: 2px 0; }
.message { font-weight: 700; color: #0b3d91; margin: 4px 0 8px 0; }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; }
.card { border: 1px solid #bbb; border-radius: 6px; padding: 10px 12px; break-inside: avoid; }
.card .number { font-size: 34px; font-weight: 700; }
.card .label { font-weight: 700; }
.card .help, .note, .sources { font-size: 12px; color: #444; margin: 2px 0; }
.sources a { color: #0b3d91; }
section.chart, section.headline { break-inside: avoid; }
section.table h3 { break-after: avoid; }
table.data { border-collapse: collapse; font-size: 11px; width: 100%; }
table.data th, table.data td { border: 1px solid #ccc; padding: 2px 4px; text-align: left;
                               vertical-align: top; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; }
#sources li { margin: 4px 0; }
.src-id { color: #666; font-size: 12px; }
.empty { color: #666; font-style: italic; }
"""


def build(con: duckdb.DuckDBPyConnection, filters: Filters, lang: str, *,
          options: FilterOptions | None = None, generated: dt.datetime | None = None) -> Pack:
    """The briefing pack of this view, in this language."""
    options = options or filter_options(con)
    w = _Writer(con, filters, options, lang)
    _headline(w)
    _charts(w)
    _tables(w)
    sources = _sources(w)
    info = db.run_query(con, "build_info").iloc[0]
    generated = generated or dt.datetime.now()
    head = (f"<h1>{e(t('brief.title', lang))}</h1>"
            f"<p class='subtitle'>{e(t('app.subtitle', lang))}</p>"
            f"<p class='meta'>{e(summary(filters, options, lang))}</p>"
            f"<p class='meta'>{e(t('brief.generated', lang, date=f'{generated:%Y-%m-%d %H:%M}', built=info.built_at))}</p>")
    credit = f"<p class='note'>{e(t('common.mlit_credit', lang))}</p>"
    document = (
        f"<!DOCTYPE html><html lang='{e(lang)}'><head><meta charset='utf-8'>"
        f"<title>{e(t('brief.title', lang))}</title><style>{STYLE}</style>"
        f"<script>{plotly_js()}</script></head><body>{head}{''.join(w.parts)}{sources}"
        f"{credit}</body></html>")
    return Pack(document, list(w.cited))


_PLOTLY_JS: list[str] = []


def plotly_js() -> str:
    """plotly.js as shipped with the plotly package (read once per process)."""
    if not _PLOTLY_JS:
        from plotly.offline import get_plotlyjs

        _PLOTLY_JS.append(get_plotlyjs())
    return _PLOTLY_JS[0]


def to_pdf(document: str, chromium: str | None = None, timeout: float = 120) -> bytes:
    """The pack printed to PDF by headless Chromium (every chart drawn first)."""
    chromium = chromium or chromium_path()
    if chromium is None:
        raise RuntimeError("Chromium is not installed: the briefing pack is HTML only")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "briefing.html"
        target = Path(tmp) / "briefing.pdf"
        source.write_text(document, encoding="utf-8")
        result = subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile",
             f"--print-to-pdf={target}", source.as_uri()],
            capture_output=True, text=True, timeout=timeout)
        if not target.exists() or target.stat().st_size == 0:
            raise RuntimeError(f"Chromium printed no PDF (exit {result.returncode}): "
                               f"{result.stderr[-2000:]}")
        return target.read_bytes()
