"""Data & sources: every table browsable and downloadable, sources, notes, credits."""

import streamlit as st

from sangaku import ui
from sangaku.i18n import t

ctx = ui.page_setup()
filters, lang = ctx.filters, ctx.lang

# Tables with a query that applies the global filters; the rest are shown whole.
FILTERED_BROWSERS = {
    "organizations": "browse_organizations",
    "agreements": "browse_agreements",
    "events": "browse_events",
    "regions": "browse_regions",
    "collaborations": "browse_collaborations",
}

st.title(t("data.title", lang))
ui.invalid_param_notices(lang)
st.markdown(t("data.intro", lang))
info = ui.query("build_info").iloc[0]
st.caption(t("data.build", lang, built_at=info.built_at, tables=info.tables,
             rows=f"{int(info.rows):,}"))

st.header(t("data.sources", lang))
sources = ui.query("sources_list")
shown = sources[["source_id", "kind", "title", "publisher", "published_on", "date_precision",
                 "language", "seed_file", "note"]]
st.dataframe(shown, hide_index=True, key="sources_table",
             column_config={
                 "source_id": t("col.source_id", lang), "title": t("col.title", lang),
                 "publisher": t("col.publisher", lang),
                 "published_on": st.column_config.DateColumn(t("col.published_on", lang)),
                 "language": t("col.language", lang), "seed_file": t("col.seed_file", lang),
                 "note": t("col.note", lang), "kind": t("col.kind", lang)})
ui.download_buttons(shown, "sources", lang, key="dl_sources")

st.header(t("data.tables", lang))
# Needs marked confidential are only for signed-in staff: these tables are read through
# queries that leave them out otherwise (their row counts too).
CONFIDENTIAL_BROWSERS = {"needs": "browse_needs", "need_fields": "browse_need_fields"}
show_confidential = ui.show_confidential()

tables = ui.query("meta_tables_list")
row_counts = dict(zip(tables.table_name, tables.row_count))
for name, query_name in CONFIDENTIAL_BROWSERS.items():
    row_counts[name] = len(ui.query(query_name, confidential=show_confidential))
names = list(row_counts)
table_name = st.selectbox(
    t("data.table_select", lang), names, index=names.index("agreements"), key="data_table",
    format_func=lambda n: f"{n} ({int(row_counts[n]):,})")
meta = tables.set_index("table_name").loc[table_name]
st.markdown(ui.escape(meta.description))
if table_name in FILTERED_BROWSERS:
    frame = ui.filtered(FILTERED_BROWSERS[table_name], filters)
    if filters.active:
        st.caption(t("data.filters_applied", lang))
elif table_name in CONFIDENTIAL_BROWSERS:
    frame = ui.query(CONFIDENTIAL_BROWSERS[table_name], confidential=show_confidential)
    if filters.active:
        st.caption(t("data.filters_not_applicable", lang))
else:
    frame = ui.query("browse_table", table_name=table_name)
    if filters.active:
        st.caption(t("data.filters_not_applicable", lang))
ui.sample_notice(frame, lang)
if frame.empty:
    st.info(t("common.no_data", lang))
else:
    st.caption(t("common.rows", lang, n=f"{len(frame):,}"))
    st.dataframe(frame, hide_index=True, key="table_rows")
ui.download_buttons(frame, table_name, lang, key="dl_table")
with st.expander(t("data.columns", lang)):
    columns = ui.query("meta_columns_for_table", table_name=table_name)
    st.dataframe(columns, hide_index=True, key="columns_table", column_config={
        "column_name": t("col.column", lang), "data_type": t("col.type", lang),
        "required": t("col.required", lang), "accepted_values": t("col.accepted", lang),
        "references_column": t("col.references", lang),
        "description": t("col.description", lang)})

st.header(t("data.notes", lang))
st.markdown(t("data.notes.intro", lang))
notes = ui.query("notes_all")
st.dataframe(notes, hide_index=True, key="notes_table", column_config={
    "table_name": t("col.table", lang), "row_id": t("col.row", lang),
    "label": t("col.label", lang), "note": st.column_config.TextColumn(t("col.note", lang),
                                                                      width="large"),
    "source_id": t("col.source_id", lang)})
ui.download_buttons(notes, "notes", lang, key="dl_notes")

st.header(t("data.credits", lang))
st.markdown(ui.escape(t("common.mlit_credit", lang)))
