"""Map: CLUSTER and CITY AREA regions as their real shapes, partners, prefecture counts,
and the Tokyo and Tama view. Draws with no network."""

import streamlit as st
from streamlit_folium import st_folium

from sangaku import maps, ui
from sangaku.i18n import localized, t

ctx = ui.page_setup()
filters, lang = ctx.filters, ctx.lang
ui.keep_across_languages("map_layers", "map_tiles", "map_measure")
maps.ensure_static()

st.title(t("map.title", lang))
ui.invalid_param_notices(lang)
st.markdown(t("map.intro", lang))
st.info(ui.filter_summary(filters, ctx.options, lang), icon=":material/filter_alt:")

c1, c2 = st.columns([3, 2])
shown = c1.multiselect(t("map.layers", lang), list(maps.ALL_LAYERS), key="map_layers",
                       default=list(maps.ALL_LAYERS),
                       format_func=lambda v: t(f"map.layer.{v}", lang))
tiles = c2.radio(t("map.tiles", lang), ["none", "osm", "gsi"], key="map_tiles",
                 horizontal=True, format_func=lambda v: t(f"map.tiles.{v}", lang))

regions = ui.filtered("map_regions", filters)
partners = ui.filtered("map_partners", filters)
selected = filters.region if filters.region in ctx.options.regions else None
region_map = ui.region_map(filters, lang, tuple(shown), tiles if tiles != "none" else None,
                           selected)

left, right = st.columns([5, 2])
with left:
    # The map keeps its own position: center and zoom come back from the browser and
    # are handed to the next render, so a filter change does not reset the view.
    view = st.session_state.get("map_view", {"center": maps.JAPAN_CENTER,
                                              "zoom": maps.JAPAN_ZOOM})
    out = st_folium(region_map, key="region_map", height=680, use_container_width=True,
                    center=view["center"], zoom=view["zoom"],
                    returned_objects=["last_active_drawing", "center", "zoom"])
    if out and out.get("center") and out.get("zoom"):
        st.session_state["map_view"] = {
            "center": (out["center"]["lat"], out["center"]["lng"]), "zoom": out["zoom"]}
    clicked = ((out or {}).get("last_active_drawing") or {}).get("properties", {})
    clicked_id = clicked.get("region_id")
    if clicked_id and clicked_id != st.session_state.get("_map_clicked"):
        st.session_state["_map_clicked"] = clicked_id
        ui.set_region(clicked_id)
        st.rerun()
    st.caption(t("map.partners_note", lang))
    st.caption(t("common.mlit_credit", lang))
    ui.source_caption(sorted(set(regions.source_id)), lang)
    ui.not_applied_caption(filters, {"region", "field", "period"}, lang)
    c_html, c_data = st.columns(2)
    c_html.download_button(t("export.map_html", lang),
                           lambda: ui.standalone_map(filters, lang, tuple(shown)),
                           file_name=f"sangaku_map_{lang}.html", mime="text/html",
                           key="map_html", on_click="ignore", icon=":material/download:",
                           help=t("export.map_html.help", lang))
    with c_data:
        ui.data_popover(regions, "map_regions", lang)

with right:
    st.subheader(t("map.detail", lang))
    if not selected:
        st.caption(t("map.detail.hint", lang))
    else:
        detail = ui.record(ui.query("region_detail", region_id=selected))
        st.markdown(f"### {ui.escape(detail.name_en if lang == 'en' else detail.name_ja)}")
        st.markdown(maps.region_tooltip(vars(detail), lang), unsafe_allow_html=True)
        if detail.greater_cluster_id:
            st.caption(t("map.detail.greater", lang, name=detail.greater_name_en
                         if lang == "en" else detail.greater_name_ja))
        if detail.note:
            st.caption(f"{t('common.note', lang)}: {detail.note}")
        ui.source_caption([detail.source_id], lang)
        members = ui.query("region_members", region_id=selected)
        st.markdown(f"**{t('map.detail.members', lang)}** ({len(members)})")
        st.write("、".join(members.name_ja) if len(members) else t("map.detail.none", lang))
        if members["is_interpretation"].any():
            st.caption(t("map.detail.interpretation", lang))
        for note in members["note"].dropna().unique()[:3]:
            st.caption(note)
        partners_in = ui.query("region_partners", region_id=selected)
        st.markdown(f"**{t('map.detail.partners', lang)}** ({len(partners_in)})")
        st.write("、".join(localized(partners_in, "name", lang)) if len(partners_in)
                 else t("map.detail.none", lang))
        events_in = ui.query("region_events", region_id=selected)
        st.markdown(f"**{t('map.detail.events', lang)}** ({len(events_in)})")
        st.write("、".join(localized(events_in, "title", lang)) if len(events_in)
                 else t("map.detail.none", lang))
        st.button(t("map.detail.clear", lang), on_click=ui.set_region, args=("",),
                  key="map_clear")

measure = st.radio(t("map.measure", lang), ["regions", "partners", "agreements"],
                   key="map_measure", horizontal=True,
                   format_func=lambda v: t(f"map.measure.{v}", lang))
counts = ui.filtered("prefecture_counts", filters)
ui.chart_block(t("map.choropleth", lang),
               ui.figure("prefecture_map", "prefecture_counts", filters, lang,
                         options={"measure": measure}),
               counts, lang, filters=filters,
               applies={"region", "field", "period"} if measure == "regions"
               else {"region", "period"}, key="prefecture_counts",
               sources=list(maps.PREFECTURE_COUNTS_SOURCES))

tokyo = ui.filtered("tokyo_collaborations", filters)
ui.chart_block(t("map.tokyo", lang),
               ui.figure("tokyo_map", "tokyo_collaborations", filters, lang),
               tokyo, lang, filters=filters, applies={"period"}, key="tokyo_view",
               caption=t("map.tokyo.note", lang),
               sources=list(maps.TOKYO_VIEW_SOURCES))
