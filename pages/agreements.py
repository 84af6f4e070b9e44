"""Agreements: how the network of partner agreements grew, with whom, and each
institution's profile."""

import streamlit as st

from sangaku import figures, ui
from sangaku.i18n import localized, t

ctx = ui.page_setup()
filters, lang = ctx.filters, ctx.lang
ui.keep_across_languages("ag_org_types", "ag_kinds", "ag_areas", "agreement_org")

st.title(t("agreements.title", lang))
ui.invalid_param_notices(lang)
st.markdown(t("agreements.intro", lang))
st.info(ui.filter_summary(filters, ctx.options, lang), icon=":material/filter_alt:")

# The page's own filters, on top of the global ones.
facets = ui.query("agreement_filter_options")
values = {f: list(facets[facets.facet == f].value) for f in facets.facet.unique()}
with st.expander(t("agreements.local_filters", lang), expanded=False):
    c1, c2, c3 = st.columns(3)
    org_types = c1.multiselect(t("agreements.filter.org_type", lang), values["org_type"],
                               key="ag_org_types", placeholder=t("agreements.filter.all", lang),
                               format_func=lambda v: t(f"org_type.{v}", lang))
    kinds = c2.multiselect(t("agreements.filter.document_kind", lang), values["document_kind"],
                           key="ag_kinds", placeholder=t("agreements.filter.all", lang),
                           format_func=lambda v: t(f"doc_kind.{v}", lang))
    areas = c3.multiselect(t("agreements.filter.area", lang), values["tokyo_area"],
                           key="ag_areas", placeholder=t("agreements.filter.all", lang),
                           format_func=lambda v: t(f"area.{v}", lang))
local = {"org_types": org_types or None, "document_kinds": kinds or None,
         "areas": areas or None}
APPLIES = {"region", "period"}

listed = ui.filtered("agreements_list", filters, **local)
selected_org = None

timeline = ui.chart_block(
    t("agreements.timeline", lang),
    ui.figure("agreements_timeline", "agreements_list", filters, lang, **local),
    listed, lang, filters=filters, applies=APPLIES, key="agreements_timeline",
    caption=t("agreements.timeline.legend", lang) + " " + t("common.select_hint", lang),
    on_select="rerun")
undated = int(listed["signed_on"].isna().sum())
if undated:
    st.caption(t("agreements.undated", lang, n=undated))
if timeline and timeline.selection.points:
    selected_org = timeline.selection.points[0]["customdata"][0]

per_year = ui.filtered("agreements_per_year", filters, **local)
ui.chart_block(t("agreements.per_year", lang),
               ui.figure("agreements_per_year", "agreements_per_year", filters, lang, **local),
               per_year.drop(columns=["source_ids"]), lang, filters=filters, applies=APPLIES,
               key="agreements_per_year",
               sources=sorted({s for ids in per_year.get("source_ids", []) for s in ids}))

table = ui.table_block(t("agreements.table", lang),
                       ui.table("agreements", "agreements_list", filters, lang, **local), listed,
                       lang, filters=filters, applies=APPLIES, key="agreements_table",
                       on_select="rerun", selection_mode="single-row")
if table and table.selection.rows:
    selected_org = listed.iloc[table.selection.rows[0]]["org_id"]

# Profile of one institution: chosen here, or by a click in the timeline or the table.
st.header(t("agreements.profile", lang))
partners = ui.query("agreement_partners")
partners["label"] = localized(partners, "name", lang)
labels = dict(zip(partners.org_id, partners.label))
if selected_org in labels:
    st.session_state["agreement_org"] = selected_org
choice = st.selectbox(t("agreements.profile.pick", lang), [""] + list(labels),
                      key="agreement_org",
                      format_func=lambda v: labels.get(v) or t("agreements.profile.none", lang))
if choice:
    profile = ui.record(ui.query("organization_profile", org_id=choice))
    left, right = st.columns([3, 2])
    with left:
        st.subheader(labels[choice])
        st.caption(t("agreements.profile.type", lang,
                     type=t(f"org_type.{profile.org_type}", lang)) + " · " +
                   t("agreements.profile.area", lang,
                     area=t(f"area.{profile.resolved_area or 'unassigned'}", lang)))
        if profile.aliases:
            st.caption(t("agreements.profile.aliases", lang, aliases=profile.aliases))
        if profile.note:
            st.caption(f"{t('common.note', lang)}: {profile.note}")
    with right:
        st.markdown(f"**{t('agreements.profile.location', lang)}**")
        if profile.resolved_lat is None:
            st.caption(t("agreements.profile.no_location", lang))
        else:
            point = ui.location_frame(profile, labels[choice])
            st.plotly_chart(figures.location_map(point, ui.map_layer("prefectures"), lang),
                            key="profile_map", config=ui.PLOTLY_CONFIG)
            if profile.coordinate_basis == "municipality":
                st.caption(t("agreements.profile.location_basis", lang))
            ui.data_popover(point, "profile_location", lang)
    for heading, name, shaper in (
            ("agreements.profile.documents", "organization_agreements",
             "organization_documents"),
            ("agreements.profile.activities", "organization_activities", "activities"),
            ("agreements.profile.events", "organization_events", "events")):
        st.markdown(f"**{t(heading, lang)}**")
        rows = ui.query(name, org_id=choice)
        if rows.empty:
            st.caption(t("agreements.profile.nothing", lang))
        else:
            st.dataframe(ui.table(shaper, name, None, lang, org_id=choice), hide_index=True,
                         key=f"profile_{name}")
    ui.source_caption(["tiri_annual_2020"], lang)
