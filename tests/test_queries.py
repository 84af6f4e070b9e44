"""Every named query runs against the built database, unfiltered and filtered."""

from __future__ import annotations

import datetime as dt

import pytest

from sangaku import db
from sangaku.filters import Filters

NAMES = db.query_names()

# Values for parameters that are not global filters.
EXTRA = {"table_name": "agreements", "org_id": "tmu", "org_types": None,
         "document_kinds": None, "areas": None, "sections": None, "network_id": None, "source_id": None,
         "kind": "seed", "include_samples": True, "confidential": False,
         "series_ids": ["joint_research", "tama_initiative_members"]}


def _params(name: str, filters: Filters) -> dict:
    wanted = db.query_parameters(db.load_query(name))
    values = {**filters.query_params(), **EXTRA}
    return {k: v for k, v in values.items() if k in wanted}


FILTER_CASES = [
    Filters(),
    Filters(region="13"),
    Filters(region="tama"),
    Filters(fields=("it", "life_science")),
    Filters(year_from=2010, year_to=2015),
    Filters(region="01", fields=("nanotech",), year_from=1990, year_to=1991),
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("filters", FILTER_CASES, ids=lambda f: repr(f.query_params()))
def test_query_runs(con, name, filters):
    frame = db.run_query(con, name, _params(name, filters))
    assert frame is not None
    assert list(frame.columns), name


def test_queries_have_a_comment_saying_what_they_return():
    for name in NAMES:
        assert db.load_query(name).lstrip().startswith("--"), name


def test_parameters_are_bound_not_formatted(con):
    hostile = "agreements; drop table agreements"
    with pytest.raises(db.QueryError):
        db.run_query(con, "browse_table", {"table_name": hostile})
    assert db.run_query(con, "browse_table", {"table_name": "agreements"}).shape[0] > 0


def test_missing_parameter_is_reported_with_the_query_name(con):
    with pytest.raises(db.QueryError, match="browse_table"):
        db.run_query(con, "browse_table", {})


def test_failing_query_reports_sql_and_parameters(con):
    with pytest.raises(db.QueryError) as err:
        db.run_query(con, "browse_table", {"table_name": "no_such_table"})
    message = str(err.value)
    assert "browse_table" in message and "query_table($table_name)" in message
    assert "'table_name': 'no_such_table'" in message


def test_row_cap_truncates_and_says_so(con):
    frame = db.run_query(con, "browse_table", {"table_name": "municipalities"}, max_rows=10)
    assert len(frame) == 10
    assert frame.attrs["truncated"] is True


def test_period_filter_excludes_undated_and_out_of_range_agreements(con):
    params = Filters(year_from=2013, year_to=2013).query_params()
    frame = db.run_query(con, "browse_agreements", params)
    assert not frame.empty
    assert all(dt.date(2013, 1, 1) <= d <= dt.date(2013, 12, 31) for d in frame.signed_on)
