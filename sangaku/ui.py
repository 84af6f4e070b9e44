"""Streamlit glue shared by the pages: cached data access, the global filter bar, the
language, source lines, notes, downloads and sample badges."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from . import build, db, exports, figures, tables
from .filters import (FilterOptions, Filters, parse_query_params, summary,
                      to_query_params)
from .i18n import LANGS, t
from .paths import ROOT, db_path



# ---------------------------------------------------------------- data access
@st.cache_resource(show_spinner=False)
def _connection(path: str, mtime: float):
    # Keyed by the file's mtime: after a rebuild the next run opens the new file.
    return db.connect(path)


def _db_token() -> tuple[str, float]:
    path = db_path()
    return str(path), path.stat().st_mtime


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_query(name: str, params: tuple, path: str, mtime: float) -> pd.DataFrame:
    return db.run_query(_connection(path, mtime), name, dict(params))


def query(name: str, **params: Any) -> pd.DataFrame:
    """Run a named query (cached by name, parameters and database version)."""
    frozen = _freeze(params)
    # st.cache_data hands out a fresh copy on every call: callers may modify it.
    return _cached_query(name, frozen, *_db_token())


def _freeze(params: dict[str, Any]) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def record(frame: pd.DataFrame, index: int = 0) -> SimpleNamespace:
    """One row as attributes, with missing values as None (NaN is truthy)."""
    row = frame.iloc[index]
    # List columns arrive as arrays: pd.isna of an array is an array, not a truth value.
    return SimpleNamespace(**{k: (None if not isinstance(v, (list, tuple, np.ndarray))
                                  and pd.isna(v) else v) for k, v in row.items()})


def filtered(name: str, filters: Filters, **extra: Any) -> pd.DataFrame:
    return query(name, **filters.query_params(), **extra)


@st.cache_resource(show_spinner=False, max_entries=256)
def _cached_figure(builder: str, name: str, params: tuple, lang: str, path: str,
                   mtime: float, options: tuple = ()):
    # Kept as the object itself (cache_resource does not pickle): st.plotly_chart only
    # reads a Figure, and one that is already a Figure is not validated again, where
    # an unpickled copy or a dict would be (the larger part of a page's rerun time).
    from . import maps

    frame = _cached_query(name, params, path, mtime)
    build = getattr(figures, builder, None) or getattr(maps, builder)
    return build(frame, lang, **dict(options))


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_table(shaper: str, name: str, params: tuple, lang: str, path: str,
                  mtime: float) -> pd.DataFrame:
    return getattr(tables, shaper)(_cached_query(name, params, path, mtime), lang)


def table(shaper: str, name: str, filters: Filters | None, lang: str,
          **extra: Any) -> pd.DataFrame:
    """The rows of a named query shaped for display by `tables.<shaper>` (cached)."""
    params = {**(filters.query_params() if filters else {}), **extra}
    return _cached_table(shaper, name, _freeze(params), lang, *_db_token())


def region_map(filters: Filters, lang: str, shown: tuple, tiles: str | None,
               highlight: str | None):
    """The folium map for these filters and layers. Built anew on every run:
    st_folium rewrites the ids of a map's elements in place, so a cached map object
    would be broken on its second render."""
    from . import maps

    params = filters.query_params()
    layers = {"prefectures": map_layer("prefectures"), "regions": map_layer("regions")}
    return maps.region_map(layers, query("map_regions", **params),
                           query("map_partners", **params), query("filter_fields"), lang,
                           shown=shown, tiles=tiles, highlight=highlight)


def static_figure(builder: str, name: str, lang: str, **params: Any):
    """A figure from a query that the global filters do not apply to."""
    return _cached_figure(builder, name, _freeze(params), lang, *_db_token())


def figure(builder: str, name: str, filters: Filters, lang: str, *,
           options: dict | None = None, **extra: Any):
    """The figure `figures.<builder>` (or `maps.<builder>`) draws from a named query,
    cached: building a Plotly figure costs more than the query. `extra` are query
    parameters, `options` arguments of the builder."""
    params = _freeze({**filters.query_params(), **extra})
    return _cached_figure(builder, name, params, lang, *_db_token(),
                          _freeze(options or {}))


@st.cache_resource(show_spinner=False, max_entries=4)
def _checked(path: str, mtime: float, sources_mtime: float) -> bool:
    return not build.needs_build(Path(path))


def ensure_database() -> None:
    """Build the database on first run, or when a source file is newer than it."""
    path = db_path()
    if path.exists() and _checked(str(path), path.stat().st_mtime,
                                  build.newest_source_mtime()):
        return
    lang = current_lang()
    with st.status(t("building.status", lang), expanded=True) as status:
        bar = st.progress(0.0)
        try:
            build.build(db_path=db_path(),
                        progress=lambda f, m: bar.progress(min(f, 1.0), text=m))
        except build.BuildError as exc:
            status.update(label=t("building.failed", lang), state="error")
            st.code(str(exc), language=None)
            st.stop()
        status.update(label=t("building.done", lang), state="complete", expanded=False)


# ---------------------------------------------------------------- language & filters
# The view's state lives in plain session keys, which survive page switches; the
# sidebar widgets (keys below) are filled from them before they are drawn and write back
# to them when the user changes one.
_STATE = {"lang": "_lang", "f_region": "_region", "f_fields": "_fields", "f_years": "_years"}


def current_lang() -> str:
    lang = st.session_state.get("_lang")
    if lang in LANGS:
        return lang
    value = st.query_params.get("lang")
    return value if value in LANGS else "ja"


def filter_options() -> FilterOptions:
    return _filter_options(*_db_token())


@st.cache_data(show_spinner=False, max_entries=4)
def _filter_options(path: str, mtime: float) -> FilterOptions:
    return FilterOptions.from_frames(*(_cached_query(name, (), path, mtime) for name in (
        "filter_regions", "filter_prefectures", "filter_fields", "filter_year_bounds")))


def _load_url_once(options: FilterOptions) -> None:
    if st.session_state.get("_url_loaded"):
        return
    parsed = parse_query_params(st.query_params.to_dict(), options)
    f = parsed.filters
    st.session_state["_lang"] = parsed.lang
    st.session_state["_region"] = f.region or ""
    st.session_state["_fields"] = list(f.fields)
    st.session_state["_years"] = (f.year_from or options.year_min,
                                  f.year_to or options.year_max)
    st.session_state["_invalid_params"] = parsed.invalid
    st.session_state["_url_loaded"] = True


def _fill_widgets() -> None:
    for widget, stored in _STATE.items():
        if stored in st.session_state:
            st.session_state[widget] = st.session_state[stored]


def _changed(widget: str) -> None:
    st.session_state[_STATE[widget]] = st.session_state[widget]
    st.session_state["_invalid_params"] = []
    if widget == "lang":
        # Read now, while the page's widgets still decode the labels of the old language.
        for key in st.session_state.get("_lang_kept", ()):
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]


def keep_across_languages(*keys: str) -> None:
    """Let these page widgets (selectbox, radio, multiselect) keep their choice when
    the language changes.

    The browser reports such a choice by its label. After a switch the labels are in
    the other language, the reported one matches no option, and Streamlit drops the
    choice: the map loses its layers, Seeds & needs its mode. The language switch
    hands the choices of the widgets named here back by value instead.
    """
    st.session_state["_lang_kept"] = keys


def set_region(region: str) -> None:
    """Set the global region filter (a map click does this)."""
    st.session_state["_region"] = region or ""
    st.session_state["_invalid_params"] = []


def _reset_filters(options: FilterOptions) -> None:
    st.session_state["_region"] = ""
    st.session_state["_fields"] = []
    st.session_state["_years"] = (options.year_min, options.year_max)
    st.session_state["_invalid_params"] = []


def current_filters(options: FilterOptions) -> Filters:
    years = st.session_state.get("_years") or (options.year_min, options.year_max)
    y_from, y_to = int(years[0]), int(years[1])
    return Filters(
        region=st.session_state.get("_region") or None,
        fields=tuple(st.session_state.get("_fields") or ()),
        year_from=y_from if y_from > options.year_min else None,
        year_to=y_to if y_to < options.year_max else None,
    )


def sidebar(options: FilterOptions) -> tuple[Filters, str]:
    """The language switch and the global filter bar, in the sidebar of every page."""
    _load_url_once(options)
    _fill_widgets()
    lang = current_lang()
    with st.sidebar:
        st.radio(t("lang.label", lang), LANGS, key="lang", horizontal=True,
                 format_func=lambda v: {"ja": "日本語", "en": "English"}[v],
                 on_change=_changed, args=("lang",))
        st.subheader(t("filters.header", lang))
        region_values = [""] + list(options.prefectures) + list(options.regions)

        def region_label(value: str) -> str:
            if not value:
                return t("filters.region.all", lang)
            group = ("filters.region.group_pref" if value in options.prefectures
                     else "filters.region.group_region")
            return f"{options.region_label(value, lang)} ({t(group, lang)})"

        st.selectbox(t("filters.region", lang), region_values, key="f_region",
                     format_func=region_label, on_change=_changed, args=("f_region",))
        st.multiselect(t("filters.field", lang), list(options.fields), key="f_fields",
                       format_func=lambda v: options.field_label(v, lang),
                       placeholder=t("filters.field.placeholder", lang),
                       on_change=_changed, args=("f_fields",))
        st.slider(t("filters.period", lang), options.year_min, options.year_max,
                  key="f_years", on_change=_changed, args=("f_years",))
        st.button(t("filters.reset", lang), on_click=_reset_filters, args=(options,),
                  key="f_reset")
        st.caption(t("filters.share", lang))
    filters = current_filters(options)
    wanted = to_query_params(filters, lang)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    with st.sidebar:
        st.page_link(presenter_page(lang), label=t("present.enter", lang),
                     icon=":material/slideshow:", help=t("present.enter.help", lang),
                     query_params=presenter_params(filters, lang))
    return filters, lang


@dataclass(frozen=True)
class PageContext:
    filters: Filters
    options: FilterOptions
    lang: str


def leave_legacy_page_mode(*, in_page: bool = False) -> None:
    """Rerun at once if Streamlit runs this script as a legacy folder-based multipage app.

    A `pages/` folder beside the main script makes Streamlit treat the first script run
    of a process (and every AppTest run) that way, drawing its own page list. Pages'
    url_paths equal their file names, so the rerun lands on the same page under
    st.navigation.

    The class-wide flag says so only until one session has left: sessions opened at
    the same time on a fresh server all start in that mode, and the first to leave
    clears the flag while the others are still running their page. A page
    (`in_page`) therefore also looks at the page list of its own run, which only
    Streamlit's folder-based navigation fills with the main script.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory or (in_page and _run_by_folder_navigation()):
        PagesManager.uses_pages_directory = False
        st.rerun()


def _run_by_folder_navigation() -> bool:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return False
    manager = ctx.pages_manager
    listed = {Path(p["script_path"]).resolve() for p in manager.get_pages().values()
              if p.get("script_path")}
    # A page run on its own (a benchmark's AppTest) lists just itself.
    return len(listed) > 1 and Path(manager.main_script_path).resolve() in listed


def remember_presenter_mode() -> None:
    """A session opened with ?present=1 stays a presenter session (no confidential
    rows) even after the URL is rewritten by the filters."""
    if st.query_params.get("present") == "1":
        st.session_state["_present"] = True


def page_setup() -> PageContext:
    """Every page starts here: database ready, sidebar drawn, filters and language read."""
    leave_legacy_page_mode(in_page=True)
    st.session_state["_lang_kept"] = ()  # the page names its own
    ensure_database()
    options = filter_options()
    filters, lang = sidebar(options)
    return PageContext(filters, options, lang)


def invalid_param_notices(lang: str) -> None:
    for name, value in st.session_state.get("_invalid_params") or []:
        st.warning(t("filters.invalid", lang, name=name, value=value), icon=":material/warning:")


def filter_summary(filters: Filters, options: FilterOptions, lang: str) -> str:
    return summary(filters, options, lang)


def not_applied_caption(filters: Filters, applies: set[str], lang: str) -> None:
    """Say which active filters a figure ignores, rather than ignoring them silently."""
    ignored = [f for f in filters.active if f not in applies]
    if ignored:
        names = "・".join(t(f"filter.name.{f}", lang) for f in ignored)
        st.caption(t("filters.not_applied", lang, filters=names))


# ---------------------------------------------------------------- presentation
source_label = tables.source_label


@st.cache_data(show_spinner=False)
def _source_labels(lang: str, path: str, mtime: float) -> dict[str, tuple[str, str]]:
    sources = _cached_query("sources_list", (), path, mtime)
    return {row.source_id: (source_label(row, lang), source_label(row, lang, full=True))
            for row in sources.itertuples()}


def _sources_found(source_ids, lang: str) -> list[tuple[str, str]]:
    if source_ids is None:
        source_ids = []
    ids = [source_ids] if isinstance(source_ids, str) else list(source_ids)
    labels = _source_labels(lang, *_db_token())
    return [labels[sid] for sid in dict.fromkeys(i for i in ids if i) if sid in labels]


def source_text(source_ids: list[str] | str, lang: str) -> str | None:
    """"Source: Publisher (year); …" for these source ids (None when there are none)."""
    found = _sources_found(source_ids, lang)
    if not found:
        return None
    return t("common.source", lang, sources="; ".join(short for short, _ in found))


def source_caption(source_ids: list[str] | str, lang: str) -> None:
    """The sources of a figure under it: short labels, full titles on hover."""
    found = _sources_found(source_ids, lang)
    if found:
        st.caption(source_text(source_ids, lang),
                   help="\n\n".join(full for _, full in found))


@st.cache_resource(show_spinner=False)
def map_layer(name: str) -> dict:
    """A GeoJSON layer the project derived from MLIT N03 (data/geo/<name>.geojson)."""
    from .geo import load_layer

    return load_layer(name)


def location_frame(profile, label: str) -> pd.DataFrame:
    return pd.DataFrame({"lat": [profile.resolved_lat], "lon": [profile.resolved_lon],
                         "label": [label]})


PLOTLY_CONFIG = {"displaylogo": False,
                 "toImageButtonOptions": {"format": "png", "scale": 2}}


def chart_block(title: str, fig: dict | None, data: pd.DataFrame, lang: str, *,
                filters: Filters, applies: set[str], key: str,
                sources: list[str] | None = None, notes: list[str] | None = None,
                caption: str | None = None, on_select: str = "ignore"):
    """A chart as every chart on the dashboard is shown: title, the chart (or "no data
    for this selection"), its source, notes on ambiguous figures, which filters it
    ignores, and a download of the data behind it. Plotly's toolbar exports the PNG."""
    st.subheader(title)
    event = None
    if data.empty or fig is None:
        st.info(t("common.no_data", lang))
    else:
        config = {**PLOTLY_CONFIG,
                  "toImageButtonOptions": {**PLOTLY_CONFIG["toImageButtonOptions"],
                                           "filename": key}}
        event = st.plotly_chart(fig, key=key, config=config, on_select=on_select,
                                selection_mode="points")
    if caption:
        st.caption(caption)
    if sources is None and "source_id" in data.columns:
        sources = sorted(data["source_id"].dropna().unique())
    source_caption(sources or [], lang)
    notes = [n for n in dict.fromkeys(notes or []) if n]
    if notes:
        with st.expander(t("common.notes_for_chart", lang)):
            for note in notes:
                st.markdown(f"- {escape(note)}")
    not_applied_caption(filters, applies, lang)
    data_popover(data, key, lang)
    return event


def data_popover(data: pd.DataFrame, basename: str, lang: str) -> None:
    """"Data behind the chart": its rows as CSV and Excel (Plotly's toolbar has the PNG)."""
    if not data.empty:
        with st.popover(t("common.data_behind", lang)):
            download_buttons(data, basename, lang, key=f"dl_{basename}")


def table_block(title: str, shown: pd.DataFrame | None, raw: pd.DataFrame, lang: str, *,
                filters: Filters, applies: set[str], key: str, **dataframe_args):
    """A table as every table on the dashboard is shown: title, the rows (or "no data
    for this selection"), sample badge, source, which filters it ignores, downloads.
    Returns the st.dataframe selection state when dataframe_args ask for one."""
    if title:
        st.subheader(title)
    selection = None
    if raw.empty or shown is None:
        st.info(t("common.no_data", lang))
    else:
        selection = st.dataframe(shown, hide_index=True, key=key, **dataframe_args)
        sample_notice(raw, lang)
        if "source_id" in raw.columns:
            source_caption(sorted(raw["source_id"].dropna().unique()), lang)
    not_applied_caption(filters, applies, lang)
    if shown is not None and not raw.empty:
        download_buttons(shown, key, lang, key=f"dl_{key}")
    return selection


def escape(text: object) -> str:
    return html.escape("" if text is None else str(text))


def download_buttons(frame: pd.DataFrame, basename: str, lang: str, key: str) -> None:
    # Files are generated only when the user clicks, not on every rerun.
    c1, c2 = st.columns(2)
    c1.download_button(t("common.download_csv", lang), lambda: exports.to_csv_bytes(frame),
                       file_name=f"{basename}.csv", mime="text/csv", key=f"{key}_csv",
                       on_click="ignore")
    c2.download_button(t("common.download_xlsx", lang),
                       lambda: exports.to_xlsx_bytes(frame, basename),
                       file_name=f"{basename}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"{key}_xlsx", on_click="ignore")


def sample_notice(frame: pd.DataFrame, lang: str) -> None:
    if "is_sample" in frame.columns:
        n = int(frame["is_sample"].fillna(False).sum())
        if n:
            st.badge(t("common.sample_badge", lang), color="orange")
            st.caption(t("common.sample_rows", lang, n=n))


# ---------------------------------------------------------------- matching
def show_confidential() -> bool:
    """Needs marked confidential are shown to signed-in staff only, and never in
    presenter mode (a projected screen is public)."""
    from . import auth

    presenting = st.query_params.get("present") == "1" or st.session_state.get("_present")
    return auth.is_staff() and not presenting


def _items_params(kind: str, filters: Filters | None, include_samples: bool,
                  confidential: bool = False) -> tuple:
    params = (filters or Filters()).query_params()
    return _freeze({**params, "kind": kind, "include_samples": include_samples,
                    "confidential": confidential})


@st.cache_resource(show_spinner=False, max_entries=8)
def _text_model(include_samples: bool, confidential: bool, path: str, mtime: float):
    """One TF-IDF model over every seed and need, so scores do not move with filters."""
    from . import matching

    seeds = _cached_query("matching_items", _items_params("seed", None, include_samples),
                          path, mtime)
    needs = _cached_query("matching_items",
                          _items_params("need", None, include_samples, confidential),
                          path, mtime)
    return matching.fit_text_model(seeds, needs)


def _linked_pairs(path: str, mtime: float) -> frozenset:
    pairs = _cached_query("agreement_pairs", (), path, mtime)
    return frozenset(frozenset(p) for p in zip(pairs.org_id, pairs.counterpart_org_id))


def matching_items(kind: str, filters: Filters | None, include_samples: bool) -> pd.DataFrame:
    return _cached_query("matching_items",
                         _items_params(kind, filters, include_samples, show_confidential()),
                         *_db_token())


@st.cache_data(show_spinner=False, max_entries=128)
def _ranked(mode: str, item_id: str, weights: tuple, prefer_new: bool, params: tuple,
            include_samples: bool, confidential: bool, k: int, path: str,
            mtime: float) -> pd.DataFrame:
    from . import matching

    model = _text_model(include_samples, confidential, path, mtime)
    query_kind = "need" if mode == "need" else "seed"
    everything = _cached_query("matching_items",
                               _items_params(query_kind, None, include_samples, confidential),
                               path, mtime)
    candidates = _cached_query("matching_items", params, path, mtime)
    item = everything[everything.item_id == item_id].iloc[0]
    ranked = matching.rank(item, candidates, matching.Weights(*weights),
                           _linked_pairs(path, mtime), prefer_new=prefer_new, k=k,
                           model=model)
    return ranked.merge(candidates.drop(columns=["text"]), on="item_id", how="left")


def ranked_matches(mode: str, item_id: str, weights: tuple, prefer_new: bool,
                   filters: Filters, include_samples: bool, k: int = 20) -> pd.DataFrame:
    """Candidates for one need (mode "need") or seed (mode "seed"), best first, with the
    component scores that explain the rank."""
    candidate_kind = "seed" if mode == "need" else "need"
    confidential = show_confidential()
    return _ranked(mode, item_id, weights, prefer_new,
                   _items_params(candidate_kind, filters, include_samples, confidential),
                   include_samples, confidential, k, *_db_token())


@st.cache_data(show_spinner=False, max_entries=64)
def _matrix(weights: tuple, prefer_new: bool, need_params: tuple, seed_params: tuple,
            include_samples: bool, confidential: bool, n_needs: int, path: str,
            mtime: float) -> pd.DataFrame:
    from . import matching

    needs = _cached_query("matching_items", need_params, path, mtime).head(n_needs)
    seeds = _cached_query("matching_items", seed_params, path, mtime)
    if needs.empty or seeds.empty:
        return pd.DataFrame()
    return matching.top_k_all(needs, seeds, k=3, weights=matching.Weights(*weights),
                              linked_pairs=_linked_pairs(path, mtime),
                              prefer_new=prefer_new,
                              model=_text_model(include_samples, confidential, path, mtime))


def match_matrix(weights: tuple, prefer_new: bool, filters: Filters, include_samples: bool,
                 n_needs: int = 12) -> pd.DataFrame:
    """Top-3 seeds for the first needs under the filters (the needs × seeds matrix)."""
    confidential = show_confidential()
    return _matrix(weights, prefer_new,
                   _items_params("need", filters, include_samples, confidential),
                   _items_params("seed", filters, include_samples), include_samples,
                   confidential, n_needs, *_db_token())


@st.cache_data(show_spinner=False, max_entries=64)
def _partners(org_id: str, weights: tuple, prefer_new: bool, include_samples: bool,
              confidential: bool, path: str, mtime: float) -> pd.DataFrame:
    from . import matching

    seeds = _cached_query("matching_items", _items_params("seed", None, include_samples),
                          path, mtime)
    needs = _cached_query("matching_items",
                          _items_params("need", None, include_samples, confidential),
                          path, mtime)
    out = matching.organisation_partners(
        org_id, seeds, needs, matching.Weights(*weights), _linked_pairs(path, mtime),
        prefer_new=prefer_new, k=15,
        model=_text_model(include_samples, confidential, path, mtime))
    orgs = _cached_query("browse_table", (("table_name", "organizations"),), path, mtime)
    return out.merge(orgs[["org_id", "name_ja", "name_en", "org_type", "is_sample"]],
                     on="org_id", how="left")


def who_next(org_id: str, weights: tuple, prefer_new: bool,
             include_samples: bool) -> pd.DataFrame:
    """Partner institutions ranked for one institution, excluding those it signed with."""
    return _partners(org_id, weights, prefer_new, include_samples, show_confidential(),
                     *_db_token())


@st.cache_resource(show_spinner=False, max_entries=64)
def _memo(name: str, key: tuple, _build):
    return _build()


def memo_figure(name: str, key: tuple, build):
    """A figure built by `build()` once per `key` (for figures not drawn from one query;
    kept as an object, which Streamlit does not validate again)."""
    return _memo(name, key + _db_token(), build)


# ---------------------------------------------------------------- exports
def standalone_map(filters: Filters, lang: str, shown: tuple[str, ...]) -> bytes:
    """The Map page's map of these filters and layers as one HTML file that opens
    offline (built when the download is clicked)."""
    from . import maps, standalone

    params = filters.query_params()
    regions = query("map_regions", **params)
    layers = {"prefectures": map_layer("prefectures"), "regions": map_layer("regions")}
    sources = source_text(sorted(set(regions.source_id)) + [maps.MLIT_SOURCE], lang)
    document = standalone.map_html(
        layers, regions, query("map_partners", **params), query("filter_fields"), lang,
        shown=shown, title=t("map.title", lang),
        lines=[filter_summary(filters, filter_options(), lang), sources or ""])
    return document.encode("utf-8")


def _briefing_key(filters: Filters, lang: str) -> tuple:
    return (filters.region, filters.fields, filters.year_from, filters.year_to, lang)


@st.cache_data(show_spinner=False, max_entries=4)
def _briefing_html(key: tuple, path: str, mtime: float) -> str:
    from . import briefing

    region, fields, year_from, year_to, lang = key
    filters = Filters(region, fields, year_from, year_to)
    return briefing.build(_connection(path, mtime), filters, lang,
                          options=filter_options()).html


def briefing_html(filters: Filters, lang: str) -> bytes:
    """The briefing pack of this view as one HTML file."""
    return _briefing_html(_briefing_key(filters, lang), *_db_token()).encode("utf-8")


@st.cache_data(show_spinner=False, max_entries=4)
def _briefing_pdf(key: tuple, path: str, mtime: float) -> bytes:
    from . import briefing

    return briefing.to_pdf(_briefing_html(key, path, mtime))


def briefing_pdf(filters: Filters, lang: str) -> bytes:
    """The briefing pack printed to PDF by headless Chromium."""
    return _briefing_pdf(_briefing_key(filters, lang), *_db_token())


def briefing_file_name(filters: Filters, lang: str, suffix: str) -> str:
    parts = ["sangaku_briefing", lang, *(p for p in (filters.region, *filters.fields) if p)]
    if filters.year_from or filters.year_to:
        parts.append(f"{filters.year_from or ''}-{filters.year_to or ''}")
    return "_".join(parts) + f".{suffix}"


# ---------------------------------------------------------------- presenter mode
PRESENTER_URL_PATH = "present"


def presenter_page(lang: str) -> st.Page:
    """The presenter page, left out of the page list: entered by the sidebar link or by
    `?present=1` on any page. An absolute path, so that it resolves whichever script
    Streamlit runs as the main one."""
    return st.Page(ROOT / "pages" / f"{PRESENTER_URL_PATH}.py", title=t("nav.present", lang),
                   icon=":material/slideshow:", url_path=PRESENTER_URL_PATH,
                   visibility="hidden")


def dashboard_page(url_path: str) -> st.Page:
    """One of the dashboard's pages as a link target (an absolute path, as above)."""
    return st.Page(ROOT / "pages" / f"{url_path}.py", url_path=url_path)


def presenter_requested() -> bool:
    return st.query_params.get("present") == "1"


def page_paths() -> tuple[str, ...]:
    """URL paths of the dashboard's pages (each equals its file name)."""
    return tuple(sorted(p.stem for p in (ROOT / "pages").glob("*.py")
                        if p.stem != PRESENTER_URL_PATH))


def presenter_params(filters: Filters, lang: str) -> dict[str, str]:
    """URL parameters of presenter mode for this view: the filters, the language and the
    page to return to."""
    params = {**to_query_params(filters, lang), "present": "1"}
    back = st.session_state.get("_page")
    if back in page_paths():
        params["back"] = back
    return params


def presenter_setup() -> tuple[PageContext, list[tuple[str, str]]]:
    """The presenter page starts here: database ready, filters and language read from the
    URL on every run (it has no widgets to change them). Also returns the URL
    parameters that were not valid."""
    leave_legacy_page_mode()
    ensure_database()
    options = filter_options()
    parsed = parse_query_params(st.query_params.to_dict(), options)
    return PageContext(parsed.filters, options, parsed.lang), parsed.invalid


@st.cache_resource(show_spinner=False, max_entries=64)
def _projected(builder: str, name: str, params: tuple, lang: str, height: int,
               options: tuple, path: str, mtime: float):
    screen = _cached_figure(builder, name, params, lang, path, mtime, options)
    return figures.projector(screen, height=height)


def presenter_figure(builder: str, name: str, filters: Filters, lang: str, *,
                     height: int = 600, options: dict | None = None, **extra: Any):
    """The figure `figure()` returns, restyled for a projector; cached, so a kiosk loop
    builds each slide's figure once."""
    params = _freeze({**filters.query_params(), **extra})
    return _projected(builder, name, params, lang, height, _freeze(options or {}),
                      *_db_token())


def _without_confidential(items: pd.DataFrame) -> pd.DataFrame:
    # The query leaves confidential needs out; this holds even if it is ever asked not to.
    if "is_confidential" in items.columns:
        return items[~items["is_confidential"].fillna(True).astype(bool)]
    return items


@st.cache_data(show_spinner=False, max_entries=32)
def _top_pairs(need_params: tuple, seed_params: tuple, k: int, path: str,
               mtime: float) -> tuple[pd.DataFrame, int, int]:
    from . import matching

    needs = _without_confidential(_cached_query("matching_items", need_params, path, mtime))
    seeds = _cached_query("matching_items", seed_params, path, mtime)
    if needs.empty or seeds.empty:
        return pd.DataFrame(), len(needs), len(seeds)
    best = matching.top_k_all(needs, seeds, k=1, linked_pairs=_linked_pairs(path, mtime),
                              model=_text_model(True, False, path, mtime))
    # One row per seed, so the slide shows different research, best first.
    best = (best.sort_values(["score", "need_id"], ascending=[False, True])
            .drop_duplicates("seed_id").head(k))
    columns = ["item_id", "title_ja", "title_en", "org_name_ja", "org_name_en", "is_sample",
               "source_id"]
    need = needs[columns].rename(columns=lambda c: "need_id" if c == "item_id" else
                                 "need_" + c.replace("org_name", "org"))
    seed = seeds[columns].rename(columns=lambda c: "seed_id" if c == "item_id" else
                                 "seed_" + c.replace("org_name", "org"))
    pairs = (best[["need_id", "seed_id", "score"]].merge(need, on="need_id", how="left")
             .merge(seed, on="seed_id", how="left"))
    return pairs, len(needs), len(seeds)


def _public_items(kind: str, filters: Filters) -> tuple:
    return _freeze({**filters.query_params(), "kind": kind, "include_samples": True,
                    "confidential": False})


def presenter_matches(filters: Filters, k: int) -> tuple[str | None, pd.DataFrame, int, int]:
    """For the presenter's matches slide: the technology field (the first of the field
    filter, or else the one most needs name), its k best need–seed pairs under the
    region filter, and the numbers of needs and seeds considered. Confidential needs are
    never included: there is no parameter to ask for them."""
    from .slides import busiest_field

    field_id = filters.fields[0] if filters.fields else None
    if field_id is None:
        needs = _without_confidential(_cached_query(
            "matching_items", _public_items("need", Filters(region=filters.region)),
            *_db_token()))
        field_id = busiest_field(needs, list(filter_options().fields))
    if field_id is None:
        return None, pd.DataFrame(), 0, 0
    scope = Filters(region=filters.region, fields=(field_id,))
    pairs, n_needs, n_seeds = _top_pairs(_public_items("need", scope),
                                         _public_items("seed", scope), k, *_db_token())
    return field_id, pairs, n_needs, n_seeds
