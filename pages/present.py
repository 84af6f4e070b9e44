"""Presenter mode: the dashboard's best views as full-screen slides drawn from the live
data, for a seminar room or an unattended expo booth. No sidebar and no filter widgets:
the filters and the language come from the URL (`?present=1&lang=en&region=13`),
`slide=N` opens a slide, `kiosk=S` moves on every S seconds (5–600), in a loop."""

import time

import streamlit as st

from sangaku import maps, slides, ui
from sangaku.filters import to_query_params
from sangaku.i18n import t

if not ui.presenter_requested():  # opened as /present: hide the page list too
    st.query_params["present"] = "1"
    st.rerun()

ctx, invalid = ui.presenter_setup()
filters, options, lang = ctx.filters, ctx.options, ctx.lang
kiosk = slides.kiosk_seconds(st.query_params.get("kiosk"))
COUNT = len(slides.SLIDES)
HEIGHT = 680  # the chart's height before the slide's style fits it to the screen
REPORT = slides.REPORT
AGREEMENT_FACETS = slides.AGREEMENT_FACETS
MAPS = {"map", "tama"}  # slides drawn on the MLIT boundaries

st.html(slides.CSS)
st.html(slides.KEYS_JS, unsafe_allow_javascript=True)


def move(step: int) -> None:
    st.session_state["_slide"] = (st.session_state.get("_slide", 0) + step) % COUNT
    st.session_state["_slide_at"] = time.monotonic()


def text(html: str) -> None:
    st.markdown(html, unsafe_allow_html=True)


def frame(slide: str, message: str | None, *, title: str | None = None) -> None:
    position = slides.SLIDES.index(slide)
    text(slides.header_html(title or t(f"present.slide.{slide}", lang), position, COUNT))
    text(slides.message_html(message, lang))


def chart(fig, slide: str) -> None:
    # Maps leave room for the boundary data's credit line under them.
    with st.container(key="present_map_box" if slide in MAPS else "present_chart_box",
                      height=HEIGHT):
        st.plotly_chart(fig, key=f"present_{slide}", theme=None, height="stretch",
                        config={"displayModeBar": False, "displaylogo": False,
                                "responsive": True})


def slide_headline() -> list[str]:
    headline = ui.filtered("overview_headline", filters)
    frame("headline", slides.headline_message(headline, lang))
    text(slides.headline_html(headline, lang))
    text(f"<p class='present-note'>{slides.e(ui.filter_summary(filters, options, lang))}</p>")
    return sorted({s for ids in headline.source_ids for s in ids})


def slide_map() -> list[str]:
    regions = ui.filtered("map_regions", filters)
    counts = ui.filtered("prefecture_counts", filters)
    frame("map", slides.map_message(regions, counts, lang))
    if not regions.empty:
        chart(ui.presenter_figure("program_map", "map_regions", filters, lang,
                                  height=HEIGHT), "map")
    return sorted(set(regions.source_id)) + [maps.MLIT_SOURCE]


def slide_fields() -> list[str]:
    by_field = ui.filtered("regions_by_field", filters)
    frame("fields", slides.fields_message(by_field, lang))
    if not by_field.empty:
        chart(ui.presenter_figure("regions_by_field", "regions_by_field", filters, lang,
                                  height=HEIGHT), "fields")
    return sorted({s for ids in by_field.source_ids for s in ids})


def slide_agreements() -> list[str]:
    listed = ui.filtered("agreements_list", filters, **AGREEMENT_FACETS)
    frame("agreements", slides.agreements_message(listed, lang))
    if listed["signed_on"].notna().any():
        chart(ui.presenter_figure("agreements_by_type", "agreements_list", filters, lang,
                                  height=HEIGHT, **AGREEMENT_FACETS), "agreements")
    return sorted(set(listed.source_id))


def slide_growth() -> list[str]:
    per_year = ui.filtered("agreements_per_year", filters, **AGREEMENT_FACETS)
    frame("growth", slides.growth_message(per_year, lang))
    if not per_year.empty:
        chart(ui.presenter_figure("agreements_per_year", "agreements_per_year", filters, lang,
                                  height=HEIGHT, **AGREEMENT_FACETS), "growth")
    return sorted({s for ids in per_year.get("source_ids", []) for s in ids})


def slide_events() -> list[str]:
    events = ui.filtered("events_list", filters, sections=None, source_id=REPORT)
    per_month = ui.filtered("events_per_month", filters, source_id=REPORT)
    frame("events", slides.events_message(events, lang))
    if not per_month.empty:
        chart(ui.presenter_figure("events_per_month", "events_per_month", filters, lang,
                                  height=HEIGHT, source_id=REPORT), "events")
    return sorted(set(events.source_id))


def slide_indicators() -> list[str]:
    series = [slides.INDICATOR_SERIES]
    values = ui.filtered("indicator_values", filters, series_ids=series)
    frame("indicators", slides.indicator_message(values, lang))
    if not values.empty:
        chart(ui.presenter_figure("indicator_bars", "indicator_values", filters, lang,
                                  height=HEIGHT, series_ids=series), "indicators")
    return sorted(set(values.source_id))


def slide_tama() -> list[str]:
    tokyo = ui.filtered("tokyo_collaborations", filters)
    frame("tama", slides.tama_message(tokyo, lang))
    chart(ui.presenter_figure("tokyo_map", "tokyo_collaborations", filters, lang,
                              height=HEIGHT), "tama")
    return list(maps.TOKYO_VIEW_SOURCES)


def slide_matches() -> list[str]:
    field, pairs, n_needs, n_seeds = ui.presenter_matches(filters, slides.MATCHES_SHOWN)
    label = options.field_label(field, lang) if field else ""
    frame("matches", slides.matches_message(pairs, n_needs, n_seeds, label, lang),
          title=t("present.slide.matches", lang, field=label))
    if not pairs.empty:
        text(slides.matches_html(pairs, lang))
        text(f"<p class='present-note'>{slides.e(t('match.confidential', lang))}</p>")
    return sorted(set(pairs.get("need_source_id", [])) | set(pairs.get("seed_source_id", [])))


RENDER = {"headline": slide_headline, "map": slide_map, "fields": slide_fields,
          "agreements": slide_agreements, "growth": slide_growth, "events": slide_events,
          "indicators": slide_indicators, "tama": slide_tama, "matches": slide_matches}


def footer() -> None:
    prev_col, next_col, hint_col, exit_col = st.container(key="present_footer").columns(
        [1.2, 1.2, 5, 2.2], vertical_alignment="center")
    prev_col.button(t("present.prev", lang), key="present_prev", on_click=move, args=(-1,),
                    width="stretch")
    next_col.button(t("present.next", lang), key="present_next", on_click=move, args=(1,),
                    width="stretch")
    hint = t("present.kiosk", lang, seconds=kiosk) if kiosk else t("present.keys", lang)
    notices = [t("filters.invalid", lang, name=n, value=v) for n, v in invalid]
    hint_col.markdown(f"<p class='present-hint'>{slides.e(' '.join([hint, *notices]))}</p>",
                      unsafe_allow_html=True)
    back = st.query_params.get("back")
    target = back if back in ui.page_paths() else "overview"
    exit_col.page_link(ui.dashboard_page(target), label=t("present.exit", lang),
                       icon=":material/close:", query_params=to_query_params(filters, lang))


@st.fragment(run_every=kiosk)
def slide_view() -> list[str]:
    # The URL's slide wins when it changed outside this session (a link, a reload).
    url_slide = st.query_params.get("slide")
    if "_slide" not in st.session_state or st.session_state.get("_slide_url") != url_slide:
        st.session_state["_slide"] = slides.slide_position(url_slide, COUNT)
        st.session_state["_slide_at"] = time.monotonic()
    elif slides.kiosk_due(time.monotonic() - st.session_state["_slide_at"], kiosk):
        move(1)
    slide = slides.SLIDES[st.session_state["_slide"]]
    written = str(st.session_state["_slide"] + 1)
    if url_slide != written:
        st.query_params["slide"] = written
    st.session_state["_slide_url"] = written
    sources = RENDER[slide]()
    text(slides.source_html(ui.source_text(sources, lang)))
    if slide in MAPS:
        text(f"<p class='present-source'>{slides.e(t('common.mlit_credit', lang))}</p>")
    footer()


slide_view()
