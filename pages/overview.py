"""Overview: what the dashboard shows and the headline figures under the filters."""

import streamlit as st

from sangaku import briefing, ui
from sangaku.i18n import t

ctx = ui.page_setup()
filters, options, lang = ctx.filters, ctx.options, ctx.lang

st.title(t("app.title", lang))
st.caption(t("app.subtitle", lang))
ui.invalid_param_notices(lang)
st.markdown(t("overview.what", lang))
st.info(ui.filter_summary(filters, options, lang), icon=":material/filter_alt:")

st.header(t("overview.headline", lang))
headline = ui.filtered("overview_headline", filters)
# Which global filters each figure follows (the others are named under it).
applies = {
    "programs": {"region", "field"},
    "regions": {"region", "field"},
    "partners": {"region", "period"},
    "agreements": {"region", "period"},
    "events": {"region", "period"},
    "activities": {"region", "period"},
}
columns = st.columns(3)
for i, row in enumerate(headline.itertuples()):
    with columns[i % 3], st.container(border=True):
        st.metric(t(f"overview.metric.{row.metric}", lang), f"{row.value:,}",
                  help=t(f"overview.metric.{row.metric}.help", lang))
        ui.source_caption(row.source_ids, lang)
        ui.not_applied_caption(filters, applies[row.metric], lang)

by_field = ui.filtered("regions_by_field", filters)
ui.chart_block(t("overview.regions_by_field", lang),
               ui.figure("regions_by_field", "regions_by_field", filters, lang),
               by_field.drop(columns=["source_ids"]), lang, filters=filters,
               applies={"region", "field"}, key="regions_by_field",
               caption=t("overview.regions_by_field.note", lang),
               sources=sorted({s for ids in by_field.source_ids for s in ids}))

st.header(t("brief.header", lang))
st.markdown(t("brief.intro", lang))
c_html, c_pdf = st.columns(2)
c_html.download_button(t("brief.download_html", lang), lambda: ui.briefing_html(filters, lang),
                       file_name=ui.briefing_file_name(filters, lang, "html"),
                       mime="text/html", key="briefing_html", on_click="ignore",
                       icon=":material/description:")
if briefing.chromium_path():
    c_pdf.download_button(t("brief.download_pdf", lang), lambda: ui.briefing_pdf(filters, lang),
                          file_name=ui.briefing_file_name(filters, lang, "pdf"),
                          mime="application/pdf", key="briefing_pdf", on_click="ignore",
                          icon=":material/picture_as_pdf:")
else:
    c_pdf.caption(t("brief.no_pdf", lang))

st.header(t("overview.sources", lang))
sources = ui.query("sources_list")
for row in sources[sources.kind == "document"].itertuples():
    title = row.title_en if lang == "en" and row.title_en else row.title
    publisher = row.publisher_en if lang == "en" and row.publisher_en else row.publisher
    st.markdown(f"- **{ui.escape(title)}** — {ui.escape(publisher)}")
