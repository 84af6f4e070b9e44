"""The Agreements and Events & statistics pages: their figures equal the database, they
follow the global and local filters, and an emptied chart says so instead of drawing an
empty frame."""

from __future__ import annotations

import pytest

from sangaku import db, figures
from sangaku.filters import Filters
from test_pages import _app


def _texts(at, kind="info"):
    return " ".join(e.value for e in getattr(at, kind))


def _charts(at):
    return at.get("plotly_chart")


def test_timeline_has_a_mark_for_every_dated_agreement(con):
    frame = db.run_query(con, "agreements_list", {**Filters().query_params(),
                         "org_types": None, "document_kinds": None, "areas": None})
    fig = figures.agreements_timeline(frame, "ja")
    marks = sum(len(trace.x) for trace in fig.data if trace.mode == "markers")
    dated = con.execute("select count(*) from agreements where signed_on is not null").fetchone()[0]
    assert marks == dated
    rows = {y for trace in fig.data if trace.mode == "markers" for y in trace.y}
    # one row per institution (department-level agreements per branch)
    expected = con.execute("""select count(distinct case when is_department_level
        then org_id || org_unit_ja else org_id end) from agreements
        where signed_on is not null""").fetchone()[0]
    assert len(rows) == expected


def test_per_year_counts_add_up_to_the_dated_agreements(con):
    per_year = db.run_query(con, "agreements_per_year", {**Filters().query_params(),
                            "org_types": None, "document_kinds": None, "areas": None})
    dated = con.execute("select count(*) from agreements where signed_on is not null").fetchone()[0]
    assert per_year["documents"].sum() == dated
    assert per_year["partners_cumulative"].max() == con.execute(
        "select count(distinct org_id) from agreements where signed_on is not null").fetchone()[0]
    by_2006 = per_year[per_year.year == 2006]["partners_cumulative"].iloc[0]
    assert by_2006 == 2  # 東京都中小企業振興公社 and コラボ産学官 signed first, in 2006


def test_local_filters_narrow_the_list(con):
    params = {**Filters().query_params(), "org_types": ["financial_institution"],
              "document_kinds": None, "areas": None}
    banks = db.run_query(con, "agreements_list", params)
    assert set(banks.org_type) == {"financial_institution"}
    assert len(banks) == con.execute("""select count(*) from agreements a join organizations o
        using (org_id) where o.org_type = 'financial_institution'""").fetchone()[0]
    params.update(org_types=None, areas=["多摩"])
    tama = db.run_query(con, "agreements_list", params)
    assert set(tama.tokyo_area) == {"多摩"} and len(tama) > 5


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("params", [
    {},
    {"region": "13"},
    {"region": "tama", "from": "2010", "to": "2016"},
    {"field": "it"},
])
def test_agreements_page_under_filters(params, lang):
    at = _app(lang=lang, **params)
    at.run()
    at.switch_page("pages/agreements.py").run()
    assert at.title[0].value in ("協定・覚書", "Agreements and memoranda")
    if "field" in params:
        assert ("does not apply" in _texts(at, "caption")
                or "適用されません" in _texts(at, "caption"))


def test_a_filter_that_empties_the_agreement_charts_says_so():
    at = _app(lang="en", region="01")  # no partner institution in Hokkaido
    at.run()
    at.switch_page("pages/agreements.py").run()
    assert "No data for this selection." in _texts(at)
    assert len(_charts(at)) == 0


def test_choosing_an_institution_shows_its_profile(con):
    at = _app(lang="ja")
    at.run()
    at.switch_page("pages/agreements.py").run()
    at.selectbox(key="agreement_org").set_value("shibaura_it").run()
    frames = [d.value for d in at.dataframe]
    documents = con.execute("select count(*) from agreements where org_id = 'shibaura_it'"
                            ).fetchone()[0]
    assert documents == 2
    assert any(len(f) == documents and "教育研究協力に関する協定" in f.to_string()
               for f in frames)
    assert any("バイエリアロボティクスフォーラム" in f.to_string() for f in frames)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("params", [
    {},
    {"from": "2020", "to": "2020"},
    {"region": "13108"[:2]},
    {"from": "1995", "to": "2003"},
])
def test_events_page_under_filters(params, lang):
    at = _app(lang=lang, **params)
    at.run()
    at.switch_page("pages/events.py").run()
    assert at.tabs, "the page has its tabs"


def test_events_page_figures_match_the_database(con):
    at = _app(lang="en")
    at.run()
    at.switch_page("pages/events.py").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Exhibitors"] == "61" and metrics["Registered visitors"] == "825"
    assert metrics["Number of approved TLOs"].startswith("32")
    assert metrics["Medical–engineering coordinators commissioned by TIRI"].startswith("7")
    charts = _charts(at)
    assert len(charts) >= 9


def test_events_period_without_events_says_no_data():
    at = _app(lang="en", **{"from": "1986", "to": "1990"})
    at.run()
    at.switch_page("pages/events.py").run()
    infos = _texts(at)
    assert infos.count("No data for this selection.") >= 4


def test_indicator_bars_draw_every_period_label(con):
    # "2000", "2001" and "2002 (As of August 2002)": a numeric axis would drop the last.
    frame = db.run_query(con, "indicator_values", {**Filters().query_params(),
                         "series_ids": ["university_ventures"]})
    assert len(frame) == 3
    fig = figures.indicator_bars(frame, "en")
    assert fig.layout.xaxis.type == "category"
    assert [x for trace in fig.data for x in trace.x] == list(frame["period_label"])
