"""Import (staff only): bring in organisations, agreements, events, seeds and needs from
CSV or Excel files, with column mapping, a preview, every problem listed, and an
all-or-nothing commit into the store of record."""

import pandas as pd
import streamlit as st

from sangaku import auth, importer, ui
from sangaku.i18n import t
from sangaku.paths import db_path

ctx = ui.page_setup()
lang = ctx.lang

st.title(t("imp.title", lang))
if not auth.is_staff():
    st.markdown(t("imp.staff_only", lang))
    auth.sign_in_panel(lang)
    st.stop()

who = auth.staff_name()
c1, c2 = st.columns([4, 1])
c1.success(t("auth.signed_in_as", lang, name=who), icon=":material/badge:")
with c2:
    auth.sign_out_button(lang)
st.markdown(t("imp.intro", lang, limit=f"{importer.MAX_IMPORT_BYTES / 1e6:.0f}",
              rows=f"{importer.MAX_IMPORT_ROWS:,}"))

with st.expander(t("imp.history", lang)):
    history = ui.query("import_history")
    if history.empty:
        st.info(t("imp.history.none", lang))
    else:
        st.dataframe(history, hide_index=True, key="imp_history")

table = st.selectbox(t("imp.table", lang), importer.IMPORT_TABLES, key="imp_table",
                     format_func=lambda n: t(f"imp.table.{n}", lang))
with st.expander(t("imp.columns_help", lang)):
    spec = pd.DataFrame([
        {t("imp.col.target", lang): target,
         t("imp.col.required", lang): "✓" if target in importer.REQUIRED_TARGETS[table]
         else "",
         t("imp.col.headers", lang): "、".join(names[:6])}
        for target, names in importer.TARGETS[table].items()])
    st.dataframe(spec, hide_index=True, key="imp_spec")
    st.caption(t("imp.values_help", lang))

uploaded = st.file_uploader(t("imp.file", lang), type=["csv", "xlsx"], key="imp_file",
                            help=t("imp.file.help", lang,
                                   limit=f"{importer.MAX_IMPORT_BYTES / 1e6:.0f}"))
if uploaded is None:
    st.stop()

data = uploaded.getvalue()
c1, c2 = st.columns(2)
encoding_choice = c1.selectbox(
    t("imp.encoding", lang), ["auto", "utf-8", "utf-8-sig", "cp932"], key="imp_encoding",
    format_func=lambda e: t("imp.encoding.auto", lang) if e == "auto" else e,
    disabled=uploaded.name.lower().endswith(".xlsx"))
sheet = None
first = importer.read_file(data, uploaded.name,
                           encoding=None if encoding_choice == "auto" else encoding_choice)
if first.sheets:
    sheet = c2.selectbox(t("imp.sheet", lang), first.sheets, key="imp_sheet")
    raw = importer.read_file(data, uploaded.name, sheet=sheet)
else:
    raw = first
st.caption(t("imp.file_info", lang, name=raw.name, size=f"{raw.size:,}",
             checksum=raw.checksum[:16], rows=f"{len(raw.rows):,}",
             detail=raw.encoding or raw.sheet or "—"))

# Column mapping: every header to a column of the table, or left out on purpose.
IGNORE_LABEL = t("imp.ignore", lang)
UNMAPPED_LABEL = t("imp.unmapped", lang)
options = [UNMAPPED_LABEL, IGNORE_LABEL] + importer.targets(table)
guessed = importer.auto_mapping(raw.header, table)
if raw.header:
    st.subheader(t("imp.mapping", lang))
    samples = {h: next((cells[i] for _, cells in raw.rows if cells[i].strip()), "")
               for i, h in enumerate(raw.header)}
    mapping_frame = pd.DataFrame({
        "header": raw.header,
        "example": [samples[h][:60] for h in raw.header],
        "target": [guessed[h] or UNMAPPED_LABEL for h in raw.header]})
    edited = st.data_editor(
        mapping_frame, hide_index=True, key=f"imp_mapping_{table}_{raw.checksum[:12]}",
        disabled=["header", "example"], column_config={
            "header": t("imp.col.header", lang), "example": t("imp.col.example", lang),
            "target": st.column_config.SelectboxColumn(t("imp.col.target", lang),
                                                       options=options, required=True)})
    mapping = {row.header: (importer.IGNORE if row.target == IGNORE_LABEL
                            else None if row.target == UNMAPPED_LABEL else row.target)
               for row in edited.itertuples()}
else:
    mapping = {}

plan = importer.prepare(raw, table, mapping, db_path=db_path())
problems = pd.DataFrame([{
    t("imp.col.row", lang): p.row, t("imp.col.column", lang): p.column,
    t("imp.col.value", lang): p.value, t("imp.col.reason", lang): p.reason(lang)}
    for p in plan.problems])

if plan.problems:
    st.error(t("imp.problems", lang, n=len(plan.problems)), icon=":material/error:")
    st.dataframe(problems, hide_index=True, key="imp_problems")
    ui.download_buttons(problems, "import_problems", lang, key="dl_imp_problems")
    st.stop()

st.subheader(t("imp.preview", lang))
st.markdown(t("imp.summary", lang, added=len(plan.added), changed=len(plan.changed),
              unchanged=len(plan.unchanged)))
if plan.rows:
    preview = pd.DataFrame(plan.rows)
    preview.insert(0, "status", [t(f"imp.status.{plan.status(k)}", lang)
                                 for k in preview[plan.key]])
    preview.insert(1, "file_row", plan.row_numbers)
    preview = preview.drop(columns=["source_id", "is_sample"])
    st.dataframe(preview.head(500), hide_index=True, key="imp_preview")
    if plan.children:
        st.caption(t("imp.children", lang, n=len(plan.children)))
    if plan.aliases:
        st.caption(t("imp.aliases", lang, n=len(plan.aliases)))
else:
    st.info(t("imp.nothing", lang))
    st.stop()

confirmed = st.checkbox(t("imp.confirm", lang, n=len(plan.rows), table=table),
                        key=f"imp_confirm_{raw.checksum[:12]}")
if st.button(t("imp.run", lang), type="primary", disabled=not confirmed, key="imp_run"):
    with st.status(t("imp.running", lang), expanded=True) as status:
        bar = st.progress(0.0)
        try:
            result = importer.commit(plan, who, data, db_path=db_path(), lang=lang,
                                     progress=lambda f, m: bar.progress(min(f, 1.0), text=m))
        except importer.ImportFailed as exc:
            status.update(label=t("imp.failed_status", lang), state="error")
            st.error(str(exc))
            st.stop()
        status.update(label=t("imp.done", lang, batch=result.batch_id, added=result.added,
                              changed=result.changed), state="complete")
    st.session_state["_last_import"] = result.batch_id
