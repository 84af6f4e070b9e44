"""Seeds & needs: ranked, explained matches between research seeds and needs, and the
institutions to work with next."""

import streamlit as st

from sangaku import figures, tables, ui
from sangaku.i18n import localized, t

ctx = ui.page_setup()
filters, lang = ctx.filters, ctx.lang
ui.keep_across_languages("match_mode", "match_need", "match_seed", "match_org")
APPLIES = {"region", "field"}  # candidates follow the region and field filters

st.title(t("match.title", lang))
ui.invalid_param_notices(lang)
st.markdown(t("match.intro", lang))
st.info(ui.filter_summary(filters, ctx.options, lang), icon=":material/filter_alt:")

c1, c2 = st.columns([2, 3])
include_samples = c1.toggle(t("match.samples", lang), value=True, key="match_samples")
if include_samples:
    c1.badge(t("common.sample_badge", lang), color="orange")
    c1.caption(t("match.samples.note", lang))
mode = c2.radio(t("match.mode", lang), ["need", "seed", "org"], key="match_mode",
                horizontal=True, format_func=lambda v: t(f"match.mode.{v}", lang))
with st.expander(t("match.weights", lang)):
    cols = st.columns(4)
    weights = tuple(
        cols[i].slider(t(f"match.weight.{name}", lang), 0.0, 1.0, default, 0.05,
                       key=f"w_{name}", help=t(f"match.weight.{name}.help", lang))
        for i, (name, default) in enumerate(
            (("field", 0.35), ("text", 0.35), ("geo", 0.2), ("prior", 0.1))))
    for name in ("field", "text", "geo", "prior"):
        st.caption(f"**{t(f'match.weight.{name}', lang)}** — "
                   f"{t(f'match.weight.{name}.help', lang)}")
    prefer_new = st.toggle(t("match.prefer_new", lang), key="match_prefer_new")
if sum(weights) == 0:
    weights = (0.35, 0.35, 0.2, 0.1)
st.caption(t("match.confidential", lang))

if mode in ("need", "seed"):
    items = ui.matching_items(mode, None, include_samples)
    labels = dict(zip(items.item_id, localized(items, "title", lang)))
    if not labels:
        st.info(t("match.none", lang))
        st.stop()
    chosen = st.selectbox(t(f"match.pick.{mode}", lang), list(labels), key=f"match_{mode}",
                          format_func=lambda v: labels[v] + (" ［サンプル］" if lang == "ja"
                                                             and v.startswith("sample_")
                                                             else " [sample]"
                                                             if v.startswith("sample_") else ""))
    item = ui.record(items[items.item_id == chosen])
    st.caption(item.summary_en if lang == "en" and item.summary_en else (item.summary_ja or ""))
    ranked = ui.ranked_matches(mode, chosen, weights, prefer_new, filters, include_samples)
    ui.table_block(t("match.results", lang), ui_table := tables.matches(ranked, lang)
                   if not ranked.empty else None, ranked, lang, filters=filters,
                   applies=APPLIES, key="match_results")
    st.caption(t("match.results.how", lang))
    points = tables.match_points(item, ranked)
    if not points.empty:
        st.subheader(t("match.map", lang))
        fig = ui.memo_figure(
            "match_map", (mode, chosen, weights, prefer_new, include_samples, lang,
                          filters.query_params().__repr__()),
            lambda: figures.location_map(points, ui.map_layer("prefectures"), lang,
                                         margin=0.8))
        st.plotly_chart(fig, key="match_map", config=ui.PLOTLY_CONFIG)
        st.caption(t("common.mlit_credit", lang))
        ui.data_popover(points, "match_map", lang)
else:
    names = tables.item_owners(ui.matching_items("seed", None, include_samples),
                               ui.matching_items("need", None, include_samples), lang)
    chosen = st.selectbox(t("match.pick.org", lang), sorted(names, key=names.get),
                          key="match_org", format_func=lambda v: names[v])
    partners = ui.who_next(chosen, weights, prefer_new, include_samples)
    ui.table_block(t("match.partners", lang),
                   tables.partners(partners, lang) if not partners.empty else None,
                   partners, lang, filters=filters, applies=set(), key="who_next")
    st.caption(t("match.partners.how", lang))

matrix = ui.match_matrix(weights, prefer_new, filters, include_samples)
needs = ui.matching_items("need", filters, include_samples)
seeds = ui.matching_items("seed", filters, include_samples)
matrix_figure = ui.memo_figure(
    "match_matrix", (weights, prefer_new, include_samples, lang,
                     filters.query_params().__repr__()),
    lambda: figures.match_matrix(matrix, needs, seeds, lang)) if not matrix.empty else None
ui.chart_block(t("match.matrix", lang), matrix_figure,
               matrix, lang, filters=filters, applies=APPLIES, key="match_matrix",
               caption=t("match.matrix.note", lang),
               sources=sorted(set(needs.source_id) | set(seeds.source_id)))
