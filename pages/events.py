"""Events & statistics: the research institute's events and groups, the networks it
works in, national indicators and the policy timeline, the TAMA initiative."""

import streamlit as st

from sangaku import ui
from sangaku.i18n import t

ctx = ui.page_setup()
filters, lang = ctx.filters, ctx.lang
EVENT_FILTERS = {"region", "period"}  # events follow their venue and date
DATED = {"period"}  # statistics follow the date they refer to


def indicator_chart(title_key, builder, series, key, caption=None):
    data = ui.filtered("indicator_values", filters, series_ids=series)
    ui.chart_block(t(title_key, lang),
                   ui.figure(builder, "indicator_values", filters, lang, series_ids=series),
                   data, lang, filters=filters, applies=DATED, key=key,
                   notes=list(data["note"].dropna()), caption=caption)


def metric_row(series, columns=4):
    data = ui.filtered("indicator_values", filters, series_ids=series)
    cols = st.columns(columns)
    for i, row in enumerate(data.itertuples()):
        name = row.series_name_en if lang == "en" else row.series_name_ja
        unit = row.unit_en if lang == "en" else row.unit_ja
        cols[i % columns].metric(name, f"{row.value:,.0f} {unit}", help=row.note or None)
    if data.empty:
        st.info(t("common.no_data", lang))
    else:
        ui.source_caption(sorted(data.source_id.unique()), lang)
    ui.not_applied_caption(filters, DATED, lang)


REPORT = "tiri_annual_2020"  # the research institute's FY2020 report


def event_table(title_key, sections, key, source_id=REPORT):
    rows = ui.filtered("events_list", filters, sections=sections, source_id=source_id)
    shown = ui.table("events", "events_list", filters, lang, sections=sections,
                     source_id=source_id)
    ui.table_block(t(title_key, lang), shown, rows, lang, filters=filters,
                   applies=EVENT_FILTERS, key=key)


st.title(t("events.title", lang))
ui.invalid_param_notices(lang)
st.markdown(t("events.intro", lang))
st.info(ui.filter_summary(filters, ctx.options, lang), icon=":material/filter_alt:")

tab_events, tab_groups, tab_networks, tab_national, tab_tama = st.tabs([
    t("events.tab.events", lang), t("events.tab.groups", lang),
    t("events.tab.networks", lang), t("events.tab.national", lang),
    t("events.tab.tama", lang)])

with tab_events:
    st.subheader(t("events.web_expo", lang))
    expo = ui.filtered("events_list", filters, sections=["4.1.2"], source_id=REPORT)
    if expo.empty:
        st.info(t("common.no_data", lang))
    else:
        row = ui.record(expo)
        c1, c2 = st.columns(2)
        c1.metric(t("events.web_expo.exhibitors", lang), f"{row.exhibitors:,}")
        c2.metric(t("events.web_expo.registrants", lang), f"{row.registrants:,}")
        st.caption(f"{t('events.web_expo.period', lang)}: "
                   f"{row.start_date:%Y-%m-%d} – {row.end_date:%Y-%m-%d}")
        ui.source_caption([row.source_id], lang)
    ui.not_applied_caption(filters, EVENT_FILTERS, lang)

    events = ui.filtered("events_list", filters, sections=None, source_id=REPORT)
    ui.chart_block(t("events.timeline", lang),
                   ui.figure("events_timeline", "events_list", filters, lang, sections=None,
                             source_id=REPORT),
                   events, lang, filters=filters, applies=EVENT_FILTERS, key="events_timeline",
                   caption=t("events.timeline.legend", lang))
    undated = int(events["start_date"].isna().sum())
    if undated:
        st.caption(t("events.undated", lang, n=undated))
    per_month = ui.filtered("events_per_month", filters, source_id=REPORT)
    ui.chart_block(t("events.per_month", lang),
                   ui.figure("events_per_month", "events_per_month", filters, lang,
                             source_id=REPORT),
                   per_month.drop(columns=["source_ids"]), lang, filters=filters,
                   applies=EVENT_FILTERS, key="events_per_month",
                   sources=sorted({s for ids in per_month.source_ids for s in ids}))
    event_table("events.list", None, "events_all")

with tab_groups:
    groups = ui.query("research_groups_list")
    ui.chart_block(t("events.groups", lang),
                   ui.static_figure("research_groups", "research_groups_list", lang),
                   groups, lang, filters=filters, applies=set(), key="research_groups",
                   notes=list(groups["note"].dropna()))
    st.subheader(t("events.exchange", lang))
    metric_row(["tiri_exchange_problem_solving_groups", "tiri_exchange_member_companies",
                "tiri_exchange_selfrun_groups_supported", "tiri_exchange_new_group_meetings",
                "tiri_exchange_new_group_participants", "tiri_exchange_group_council_groups",
                "tiri_exchange_regular_meeting_uses",
                "tiri_exchange_regular_meeting_participants"])
    st.subheader(t("events.medeng", lang))
    metric_row(["tiri_medeng_coordinators", "tiri_medeng_coordinator_meetings",
                "tiri_medeng_general_exhibitions", "tiri_medeng_medical_societies",
                "tiri_medeng_information_exchanges", "tiri_medeng_individual_meeting_companies",
                "tiri_medeng_individual_meetings", "tiri_medeng_hub_liaison_meetings",
                "tiri_medeng_hub_needs_meetings"])

with tab_networks:
    event_table("events.tkf", ["4.2.5(1)"], "tkf_meetings")
    members = ui.query("network_members_list", network_id="tiri_nw_tkf")
    ui.table_block(t("events.tkf_members", lang), ui.table("network_members", "network_members_list", None, lang,
                            network_id="tiri_nw_tkf"),
                   members, lang, filters=filters, applies=set(), key="tkf_members")
    event_table("events.sangiren", ["4.2.7(1)"], "sangiren_meetings")
    talks = ui.filtered("presentations_list", filters)
    ui.table_block(t("events.presentations", lang), ui.table("presentations", "presentations_list", filters, lang), talks,
                   lang, filters=filters, applies=DATED, key="presentations")
    event_table("events.societies", ["4.2.8", "4.1.1(2); 4.2.8"], "society_events")

with tab_national:
    indicator_chart("events.national_then_now", "indicator_bars", ["joint_research"],
                    "joint_research")
    indicator_chart("events.centres", "indicator_bars", ["coop_research_centers"],
                    "coop_centres")
    indicator_chart("events.ventures", "indicator_bars", ["university_ventures"], "ventures")
    indicator_chart("events.ventures_abroad", "indicator_bars",
                    ["university_ventures_abroad", "university_ventures"], "ventures_abroad",
                    caption=t("events.ventures_abroad.caveat", lang))
    st.subheader(t("events.tlo", lang))
    metric_row(["tlo_approved", "tlo_patent_applications"], columns=2)
    milestones = ui.filtered("policy_milestones_list", filters)
    ui.chart_block(t("events.policy", lang),
                   ui.figure("policy_timeline", "policy_milestones_list", filters, lang),
                   milestones, lang, filters=filters, applies=DATED, key="policy_timeline",
                   notes=list(milestones["note"].dropna()))
    programs = ui.query("programs_list")
    ui.table_block(t("events.per_region_budgets", lang), ui.table("programs", "programs_list", None, lang),
                   programs, lang, filters=filters, applies=set(), key="programs_table")
    budgets = ui.filtered("program_budget_totals", filters)
    totals = budgets[budgets.scope == "program_total"]
    ui.chart_block(t("events.budget", lang),
                   ui.figure("budget_bars", "program_budget_totals", filters, lang),
                   totals, lang, filters=filters, applies=DATED, key="budget_totals",
                   notes=list(totals["note"].dropna()))

with tab_tama:
    indicator_chart("events.tama_members", "indicator_lines",
                    ["tama_initiative_members", "tama_initiative_company_members"],
                    "tama_members")
    cases = ui.filtered("tama_cases", filters)
    ui.table_block(t("events.tama_cases", lang), ui.table("cases", "tama_cases", filters, lang), cases, lang,
                   filters=filters, applies=DATED, key="tama_cases",
                   column_config={t("col.url", lang): st.column_config.LinkColumn()})
    event_table("events.tama_expo", None, "tama_events", source_id="tama_crosshub_2025")
