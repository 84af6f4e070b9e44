"""Each page through Streamlit's AppTest: renders in both languages without an exception,
follows the global filters and the URL, and shows the figures the database holds."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from sangaku.paths import ROOT

PAGES = ["pages/overview.py", "pages/map.py", "pages/agreements.py", "pages/events.py",
         "pages/matching.py", "pages/data_sources.py", "pages/import.py"]


class CheckedAppTest(AppTest):
    """AppTest whose every run fails the test on an exception shown on the page."""

    def run(self, *args, **kwargs):
        result = super().run(*args, **kwargs)
        assert not result.exception, [e.value for e in result.exception]
        return result


def _app(**params: str) -> AppTest:
    at = CheckedAppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(page, lang):
    at = _app(lang=lang)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "page has no title"


def test_default_language_is_japanese_and_switch_changes_labels():
    at = _app()
    at.run()
    assert at.title[0].value == "産学官連携ダッシュボード"
    at.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Sangaku collaboration dashboard"
    assert at.query_params["lang"] == "en"


def test_headline_figures_match_the_database(con):
    at = _app(lang="en")
    at.run()
    metrics = _metrics(at)
    count = lambda sql: f"{con.execute(sql).fetchone()[0]:,}"
    assert metrics["Programs"] == count("select count(*) from programs")
    assert metrics["Program regions"] == count(
        "select count(*) from regions where kind <> 'greater_cluster'")
    assert metrics["Agreements"] == count("select count(*) from agreements")
    assert metrics["Partner institutions"] == count(
        "select count(distinct org_id) from agreements")
    assert metrics["Events"] == count("select count(*) from events")


def test_a_filter_that_empties_a_figure_shows_zero_not_an_error():
    at = _app(lang="en", region="01", **{"from": "1990", "to": "1991"})
    at.run()
    assert _metrics(at)["Agreements"] == "0"


def test_url_filters_restore_the_view_and_change_the_figures(con):
    at = _app(lang="en", region="13", **{"from": "2013", "to": "2013"})
    at.run()
    assert at.selectbox(key="f_region").value == "13"
    assert at.slider(key="f_years").value == (2013, 2013)
    expected = con.execute("""
        select count(*) from agreements a join organization_locations l using (org_id)
        where l.pref_code = '13' and year(a.signed_on) = 2013""").fetchone()[0]
    assert _metrics(at)["Agreements"] == f"{expected:,}"
    assert "Active filters" in " ".join(i.value for i in at.info)


def test_a_field_filter_is_named_where_it_does_not_apply():
    at = _app(lang="en", field="it")
    at.run()
    captions = " ".join(c.value for c in at.caption)
    assert "The technology field filter does not apply to this item." in captions


def test_invalid_url_parameter_is_ignored_with_a_visible_notice():
    at = _app(lang="en", region="atlantis", field="it,magic")
    at.run()
    warnings = " ".join(w.value for w in at.warning)
    assert "region=atlantis" in warnings and "field=magic" in warnings
    assert at.selectbox(key="f_region").value == ""
    assert at.multiselect(key="f_fields").value == ["it"]
    assert not at.exception


def test_filter_change_is_mirrored_in_the_url():
    at = _app(lang="en")
    at.run()
    at.selectbox(key="f_region").set_value("tama").run()
    at.multiselect(key="f_fields").set_value(["life_science"]).run()
    assert at.query_params["region"] == "tama"
    assert at.query_params["field"] == "life_science"


def test_data_page_lists_every_table_and_filters_the_filterable(con):
    at = _app(lang="en")
    at.run()
    at.switch_page("pages/data_sources.py").run()
    options = at.selectbox(key="data_table").options
    tables = [r[0] for r in con.execute("select table_name from meta_tables").fetchall()]
    assert len(options) == len(tables)
    full = len(at.dataframe[1].value)  # agreements, unfiltered
    assert full == con.execute("select count(*) from agreements").fetchone()[0]
    at.selectbox(key="f_region").set_value("01").run()  # no partner in Hokkaido
    assert not at.exception
    assert "No data for this selection." in " ".join(i.value for i in at.info)


def test_data_page_shows_notes_and_the_mlit_credit():
    at = _app(lang="ja")
    at.run()
    at.switch_page("pages/data_sources.py").run()
    assert any("国土数値情報（行政区域データ）（国土交通省）" in m.value for m in at.markdown)
    notes = at.dataframe[-1].value  # sources, rows, columns, notes
    assert len(notes) > 10


@pytest.mark.parametrize("page", ["pages/map.py", "pages/data_sources.py"])
def test_a_session_started_in_legacy_page_mode_leaves_it_when_another_did_first(
        page, monkeypatch):
    # Sessions that open at once on a fresh server all start in Streamlit's folder-based
    # mode; the first to leave it clears the class-wide flag while the others are
    # running their page. They must leave it too, or they keep Streamlit's own page list.
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import script_runner

    legacy_run = script_runner._mpa_v1

    def another_session_left_first(main_script_path):
        PagesManager.uses_pages_directory = False
        legacy_run(main_script_path)

    navigations = []
    navigation = st.navigation

    def counted(*args, **kwargs):
        navigations.append(args)
        return navigation(*args, **kwargs)

    at = _app(lang="en")
    at.run()
    monkeypatch.setattr(script_runner, "_mpa_v1", another_session_left_first)
    monkeypatch.setattr(st, "navigation", counted)
    at.switch_page(page).run()
    assert navigations, "the page ran under Streamlit's folder-based navigation"


@pytest.mark.parametrize("region", ["cluster_hamamatsu", "city_kasumigaura"])
def test_map_details_a_region_with_two_fields(region):
    # Its field names come from the database as an array, not a list.
    at = _app(lang="en", region=region)
    at.run()
    at.switch_page("pages/map.py").run()
    assert "Member municipalities" in " ".join(m.value for m in at.markdown)
