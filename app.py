"""Entry point: page config and navigation. Each page draws the shared sidebar
(language, global filters) through `ui.page_setup()`; `?present=1` on any page opens
presenter mode, full-screen slides with no sidebar."""

import streamlit as st

from sangaku import ui
from sangaku.i18n import t

st.set_page_config(page_title="産学官連携ダッシュボード / Sangaku", page_icon="🤝",
                   layout="wide")

ui.remember_presenter_mode()
ui.leave_legacy_page_mode()
lang = ui.current_lang()

pages = [
    st.Page("pages/overview.py", title=t("nav.overview", lang), icon=":material/dashboard:",
            url_path="overview", default=True),
    st.Page("pages/map.py", title=t("nav.map", lang), icon=":material/map:",
            url_path="map"),
    st.Page("pages/agreements.py", title=t("nav.agreements", lang),
            icon=":material/handshake:", url_path="agreements"),
    st.Page("pages/events.py", title=t("nav.events", lang), icon=":material/event:",
            url_path="events"),
    st.Page("pages/matching.py", title=t("nav.matching", lang), icon=":material/join:",
            url_path="matching"),
    st.Page("pages/data_sources.py", title=t("nav.data", lang), icon=":material/table_view:",
            url_path="data_sources"),
    st.Page("pages/import.py", title=t("nav.import", lang), icon=":material/upload_file:",
            url_path="import"),
]
present = ui.presenter_page(lang)
if ui.presenter_requested():
    page = st.navigation([*pages, present], position="hidden")
    if page.url_path != present.url_path:  # `?present=1` on another page's URL
        st.switch_page(present, query_params=st.query_params.to_dict())
else:
    page = st.navigation([*pages, present])
st.session_state["_page"] = page.url_path  # where presenter mode returns to
page.run()
