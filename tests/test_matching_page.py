"""The Seeds & needs page: each mode ranks and explains, samples are marked and can be
left out, confidential needs never appear."""

from __future__ import annotations

from sangaku import db
from sangaku.filters import Filters
from test_pages import _app


def _open(**params):
    at = _app(lang="en", **params)
    at.run()
    at.switch_page("pages/matching.py").run()
    return at


def test_need_mode_ranks_seeds_with_their_components():
    at = _open()
    ranking = at.dataframe[0].value
    assert list(ranking.columns[:4]) == ["Rank", "Title", "Institution", "Fields"]
    assert {"Score", "Technology field", "Text similarity", "Distance",
            "Prior agreement"} <= set(ranking.columns)
    assert ranking["Score"].is_monotonic_decreasing
    assert len(ranking) == 20


def test_seed_mode_and_who_next():
    at = _open()
    at.radio(key="match_mode").set_value("seed").run()
    assert at.selectbox(key="match_seed").value
    assert len(at.dataframe[0].value) > 0
    at.radio(key="match_mode").set_value("org").run()
    partners = at.dataframe[0].value
    assert len(partners) > 0 and partners["Score"].is_monotonic_decreasing


def test_without_samples_only_document_seeds_remain():
    at = _open()
    at.radio(key="match_mode").set_value("seed").run()
    at.toggle(key="match_samples").set_value(False).run()
    options = at.selectbox(key="match_seed").options
    assert options and not any("[sample]" in o for o in options)


def test_a_field_filter_narrows_the_candidates():
    at = _open(field="energy")
    ranking = at.dataframe[0].value
    assert all("Energy" in f for f in ranking["Fields"])


def test_confidential_needs_never_reach_the_page(con):
    params = {**Filters().query_params(), "kind": "need", "include_samples": True,
              "confidential": False}
    shown = set(db.run_query(con, "matching_items", params).item_id)
    hidden = {r[0] for r in con.execute(
        "select need_id from needs where is_confidential").fetchall()}
    assert hidden and not (shown & hidden)
    staff = set(db.run_query(con, "matching_items", {**params, "confidential": True}).item_id)
    assert hidden <= staff
    hidden_titles = {r[0] for r in con.execute(
        "select coalesce(title_en, title_ja) from needs where is_confidential").fetchall()}
    visible_titles = {r[0] for r in con.execute(
        "select coalesce(title_en, title_ja) from needs where not is_confidential").fetchall()}
    at = _open()
    labels = {o.replace(" [sample]", "") for o in at.selectbox(key="match_need").options}
    assert labels and labels <= visible_titles
    assert not (labels & (hidden_titles - visible_titles))


def test_a_region_without_candidates_says_so(con):
    # Akita (05) has needs but no seeds: the need mode has nothing to rank.
    assert len(db.run_query(con, "matching_items", {
        **Filters(region="05").query_params(), "kind": "seed", "include_samples": True,
        "confidential": False})) == 0
    at = _open(region="05")
    assert "No data for this selection." in " ".join(i.value for i in at.info)
