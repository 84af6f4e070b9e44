"""The build: valid sources make a database; bad sources are refused with the file, row
and column named, and the previous database stays exactly as it was."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import duckdb
import pytest

from sangaku import build, schema


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rewrite(path: Path, edit) -> None:
    with path.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows = edit(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def test_every_table_is_created_with_its_columns(db_file):
    with duckdb.connect(str(db_file), read_only=True) as con:
        for table in schema.TABLES:
            cols = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_name = ? "
                "order by ordinal_position", [table.name]).fetchall()]
            assert cols == [c.name for c in table.all_columns], table.name


def test_dates_are_dates_and_fact_rows_cite_a_source(db_file):
    with duckdb.connect(str(db_file), read_only=True) as con:
        kind = con.execute("select data_type from information_schema.columns "
                           "where table_name='agreements' and column_name='signed_on'").fetchone()
        assert kind == ("DATE",)
        for table in schema.TABLES:
            if table.facts:
                missing = con.execute(
                    f'select count(*) from "{table.name}" where source_id is null').fetchone()
                assert missing == (0,), table.name


@pytest.fixture()
def good_db(sources_copy, tmp_path) -> Path:
    path = tmp_path / "good.duckdb"
    build.build(sources_copy, path)
    return path


def _refused(sources: Path, db: Path) -> str:
    before = _sha(db)
    with pytest.raises(build.BuildError) as err:
        build.build(sources, db)
    assert _sha(db) == before, "a failed build changed the previous database"
    assert not list(db.parent.glob(".*.building*")), "a temporary file was left behind"
    return str(err.value)


def test_missing_column_is_refused_naming_file_row_and_column(sources_copy, good_db):
    path = sources_copy / "agreements" / "tiri.csv"
    _rewrite(path, lambda rows: [[c for i, c in enumerate(r) if rows[0][i] != "signed_on"
                                  and rows[0][i] != "document_kind"] for r in rows])
    message = _refused(sources_copy, good_db)
    assert "agreements/tiri.csv, row 1, column 'document_kind': required column is missing" \
        in message


def test_duplicate_key_is_refused(sources_copy, good_db):
    path = sources_copy / "agreements" / "tiri.csv"
    _rewrite(path, lambda rows: rows + [rows[1]])
    message = _refused(sources_copy, good_db)
    assert "agreements/tiri.csv" in message and "duplicate key" in message
    assert "column 'agreement_id'" in message


def test_unknown_foreign_key_is_refused(sources_copy, good_db):
    path = sources_copy / "agreements" / "tiri.csv"
    def edit(rows):
        col = rows[0].index("org_id")
        rows[3][col] = "no_such_org"
        return rows
    _rewrite(path, edit)
    message = _refused(sources_copy, good_db)
    assert ("agreements/tiri.csv, row 4, column 'org_id': 'no_such_org' has no matching "
            "organizations.org_id") in message


def test_unparseable_date_is_refused(sources_copy, good_db):
    path = sources_copy / "agreements" / "tiri.csv"
    def edit(rows):
        col = rows[0].index("signed_on")
        rows[2][col] = "2014年12月09日"
        return rows
    _rewrite(path, edit)
    message = _refused(sources_copy, good_db)
    assert ("agreements/tiri.csv, row 3, column 'signed_on': '2014年12月09日' is not a date "
            "in the form YYYY-MM-DD") in message


def test_value_outside_accepted_values_is_refused(sources_copy, good_db):
    path = sources_copy / "agreements" / "tiri.csv"
    def edit(rows):
        col = rows[0].index("document_kind")
        rows[5][col] = "handshake"
        return rows
    _rewrite(path, edit)
    message = _refused(sources_copy, good_db)
    assert "row 6, column 'document_kind': 'handshake' is not one of" in message


def test_impossible_calendar_date_and_unknown_column_are_refused(sources_copy, good_db):
    path = sources_copy / "sources.csv"
    def edit(rows):
        rows[0].append("colour")
        for r in rows[1:]:
            r.append("")
        col = rows[0].index("published_on")
        rows[2][col] = "2002-02-30"
        return rows
    _rewrite(path, edit)
    message = _refused(sources_copy, good_db)
    assert "sources.csv, row 1, column 'colour': unknown column" in message
    assert ("sources.csv, row 3, column 'published_on': '2002-02-30' is not a valid "
            "calendar date") in message


def test_every_problem_is_reported_not_just_the_first(sources_copy, good_db):
    path = sources_copy / "agreements" / "tiri.csv"
    def edit(rows):
        col = rows[0].index("signed_on")
        for r in rows[1:4]:
            r[col] = "yesterday"
        return rows
    _rewrite(path, edit)
    message = _refused(sources_copy, good_db)
    assert message.count("is not a date") == 3


def test_a_new_source_file_in_a_table_folder_is_read(sources_copy, tmp_path):
    extra = sources_copy / "events" / "zz_added.csv"
    extra.write_text(
        "event_id,title_ja,date_precision,category,role,source_id\n"
        "added_1,追加イベント,unknown,seminar,hosted,tiri_annual_2020\n", encoding="utf-8")
    db = tmp_path / "added.duckdb"
    build.build(sources_copy, db)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select title_ja, mode, is_sample from events "
                           "where event_id='added_1'").fetchone() == ("追加イベント", "unknown",
                                                                       False)


def test_needs_build_when_a_source_is_newer(sources_copy, good_db):
    assert not build.needs_build(good_db, sources_copy)
    source = sources_copy / "sources.csv"
    import os, time
    later = good_db.stat().st_mtime + 10
    os.utime(source, (later, later))
    assert build.needs_build(good_db, sources_copy)
