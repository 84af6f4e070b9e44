"""Importing staff files: good files in every encoding and format land with the expected
rows and survive a rebuild; every bad file is refused with a clear message and leaves
the database and the store of record exactly as they were; kills at random points leave
the old or the new state, never a broken one."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from sangaku import build, importer
from sangaku.paths import ROOT, SOURCES_DIR
from tests.corpus import GOOD_ROWS, bad_files, csv_bytes, xlsx_bytes


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("import_base") / "base.duckdb"
    build.build(SOURCES_DIR, path, imports_dir=tmp_path_factory.mktemp("no_imports"))
    return path


@pytest.fixture()
def workspace(base_db, tmp_path):
    """A private database and an empty store of record."""
    db = tmp_path / "sangaku.duckdb"
    shutil.copy(base_db, db)
    store = tmp_path / "imports"
    store.mkdir()
    return db, store


def _count(db: Path, sql: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


# ------------------------------------------------------------------ good files
FORMATS = {
    "utf-8": lambda rows: csv_bytes(rows, "utf-8"),
    "utf-8-bom": lambda rows: csv_bytes(rows, "utf-8-sig"),
    "cp932": lambda rows: csv_bytes(rows, "cp932"),
    "xlsx": lambda rows: xlsx_bytes(rows),
}
EXPECTED = {  # rows added, rows changed (首都大学東京 is 東京都立大学 under its former name)
    "organizations": (2, 0),
    "agreements": (5, 0),
    "events": (3, 0),
    "seeds": (2, 0),
    "needs": (2, 0),
}


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("table", list(GOOD_ROWS))
def test_good_file_imports_with_expected_rows(workspace, table, fmt):
    db, store = workspace
    key = build.schema.table(table).key[0]
    before = _count(db, f"select count(*) from {table}")
    name = f"good_{table}.{'xlsx' if fmt == 'xlsx' else 'csv'}"
    plan, result = importer.import_file(FORMATS[fmt](GOOD_ROWS[table]), table, name=name,
                                        who="tester", db_path=db, imports_dir=store)
    added, changed = EXPECTED[table]
    assert (result.added, result.changed) == (added, changed)
    assert _count(db, f"select count(*) from {table}") == before + added
    if fmt != "xlsx":
        expected_encoding = {"utf-8": "utf-8", "utf-8-bom": "utf-8-sig", "cp932": "cp932"}
        assert plan.raw.encoding == expected_encoding[fmt]
    # Imported rows point at a source describing the file, and the history says who.
    assert _count(db, f"select count(*) from {table} t join sources s using (source_id) "
                      f"where s.kind = 'import' and {key} like 'imp_%'") == added
    assert _count(db, "select count(*) from import_history where imported_by = 'tester' "
                      f"and file_name = '{name}' and rows_added = {added}") == 1
    # The store of record replays: a rebuild from scratch holds the same data.
    rebuilt = db.with_name("rebuilt.duckdb")
    build.build(SOURCES_DIR, rebuilt, imports_dir=store)
    assert importer.state_digest(rebuilt) == importer.state_digest(db)


def test_values_are_read_as_written(workspace):
    db, store = workspace
    importer.import_file(csv_bytes(GOOD_ROWS["agreements"]), "agreements", name="a.csv",
                         db_path=db, imports_dir=store)
    con = duckdb.connect(str(db), read_only=True)
    rows = {r[0]: r[1:] for r in con.execute(
        "select org_id || '/' || document_kind, signed_on::varchar, date_precision, note "
        "from agreements where agreement_id like 'imp_%'").fetchall()}
    con.close()
    assert rows["tuat/agreement"][:2] == ("2021-03-04", "day")
    assert rows["uec/memorandum"][:2] == ("2021-04-01", "day")
    assert rows["tmu/confidentiality_agreement"][:2] == ("2014-12-09", "day")
    assert rows["tama_shinkin/agreement"][:2] == ("2014-01-01", "year")
    assert "平成26年" in rows["tama_shinkin/agreement"][2]
    blank = rows["tmu/agreement"]
    assert blank[0] is None and blank[1] == "unknown" and "日付の記載なし" in blank[2]


def test_reimport_changes_only_what_differs(workspace):
    db, store = workspace
    rows = GOOD_ROWS["events"]
    importer.import_file(csv_bytes(rows), "events", name="e.csv", db_path=db,
                         imports_dir=store)
    plan, result = importer.import_file(csv_bytes(rows), "events", name="e.csv", db_path=db,
                                        imports_dir=store)
    assert result.batch_id is None and result.unchanged == 3
    changed = [r[:] for r in rows]
    changed[1][6] = "150"
    plan, result = importer.import_file(csv_bytes(changed), "events", name="e2.csv",
                                        db_path=db, imports_dir=store)
    assert (result.added, result.changed, result.unchanged) == (0, 1, 2)
    assert _count(db, "select participants from events "
                      "where title_ja = '多摩ものづくりセミナー'") == 150
    assert len(importer.history(store)) == 2


def test_seed_fields_are_replaced_not_added(workspace):
    db, store = workspace
    first = [["シーズ名", "機関", "分野"], ["表面処理", "都産技研", "ナノテクノロジー、環境"]]
    importer.import_file(csv_bytes(first), "seeds", name="s1.csv", db_path=db,
                         imports_dir=store)
    second = [["シーズ名", "機関", "分野"], ["表面処理", "都産技研", "エネルギー"]]
    importer.import_file(csv_bytes(second), "seeds", name="s2.csv", db_path=db,
                         imports_dir=store)
    fields = _count(db, "select string_agg(field_id, ',') from seed_fields f join seeds s "
                        "using (seed_id) where s.title_ja = '表面処理' and s.seed_id like 'imp_%'")
    assert fields == "energy"


def test_organisation_aliases_are_imported_and_resolve(workspace):
    db, store = workspace
    importer.import_file(csv_bytes(GOOD_ROWS["organizations"]), "organizations",
                         name="o.csv", db_path=db, imports_dir=store)
    plan, _ = importer.import_file(
        csv_bytes([["締結先", "締結元", "文書", "締結日"], ["多摩精密", "都産技研", "協定書",
                                                     "2024-05-01"]]),
        "agreements", name="a.csv", db_path=db, imports_dir=store)
    org = _count(db, "select org_id from organizations where name_ja = '株式会社多摩精密'")
    assert plan.rows[0]["org_id"] == org


def test_sheet_can_be_chosen(workspace):
    db, store = workspace
    data = xlsx_bytes(GOOD_ROWS["seeds"], sheet="シーズ", before=["表紙"])
    plan, result = importer.import_file(data, "seeds", name="book.xlsx", sheet="シーズ",
                                        db_path=db, imports_dir=store)
    assert result.added == 2 and plan.raw.sheet == "シーズ"
    with pytest.raises(importer.ImportFailed):  # the first sheet is the empty cover
        importer.import_file(data, "seeds", name="book.xlsx", db_path=db, dry_run=True)


# ------------------------------------------------------------------ bad files
CORPUS = bad_files()


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 50
    print(f"\nbad-file corpus: {len(CORPUS)} files, "
          f"{len({c.key for c in CORPUS})} kinds of problem")


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: c.name)
def test_bad_file_is_refused_and_nothing_changes(workspace, case):
    db, store = workspace
    before = _sha(db)
    for lang in ("ja", "en"):
        with pytest.raises(importer.ImportFailed) as failed:
            importer.import_file(case.data, case.table, name=case.name, db_path=db,
                                 imports_dir=store, lang=lang, **case.options)
        problems = failed.value.problems
        matching = [p for p in problems if p.key == case.key]
        assert matching, [p.text(lang) for p in problems]
        problem = matching[0]
        if case.row is not None:
            assert problem.row == case.row, problem.text(lang)
        if case.column is not None:
            assert problem.column == case.column, problem.text(lang)
        message = str(failed.value)
        assert case.name in message
        assert problem.reason(lang) in message
        if case.row is not None:
            assert (f"{case.row}行目" if lang == "ja" else f"row {case.row}") in message
    assert _sha(db) == before
    assert list(store.iterdir()) == []


def test_cli_reports_problems_and_exits_non_zero(workspace, tmp_path):
    db, store = workspace
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([["締結先", "締結元", "文書", "締結日"],
                               ["東京農工大", "都産技研", "協定書", "平成31年5月1日"]]))
    before = _sha(db)
    run = subprocess.run([sys.executable, "-m", "sangaku", "import", "--table", "agreements",
                          str(bad), "--db", str(db), "--imports", str(store), "--lang", "ja"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "bad.csv、2行目、列「締結先」、値「東京農工大」" in run.stderr
    assert "候補: 東京農工大学" in run.stderr
    assert "平成は2019-04-30までです" in run.stderr
    assert _sha(db) == before


def test_cli_dry_run_writes_nothing_then_import_does(workspace, tmp_path):
    db, store = workspace
    good = tmp_path / "events.csv"
    good.write_bytes(csv_bytes(GOOD_ROWS["events"], "cp932"))
    before = _sha(db)
    cmd = [sys.executable, "-m", "sangaku", "import", "--table", "events", str(good),
           "--db", str(db), "--imports", str(store), "--by", "cli-test"]
    dry = subprocess.run(cmd + ["--dry-run"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert dry.returncode == 0, dry.stderr
    assert "3 added" in dry.stdout and _sha(db) == before and list(store.iterdir()) == []
    real = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert real.returncode == 0, real.stderr
    assert "[" in real.stdout and "%]" in real.stdout  # progress lines
    assert _count(db, "select count(*) from import_history where imported_by = 'cli-test'") == 1


def test_mapping_can_leave_a_column_out(workspace):
    db, store = workspace
    rows = [r + [x] for r, x in zip(GOOD_ROWS["seeds"], ["社内メモ", "a", "b"])]
    with pytest.raises(importer.ImportFailed):
        importer.import_file(csv_bytes(rows), "seeds", name="s.csv", db_path=db,
                             imports_dir=store, dry_run=True)
    plan, _ = importer.import_file(csv_bytes(rows), "seeds", name="s.csv", db_path=db,
                                   imports_dir=store, dry_run=True,
                                   mapping={"社内メモ": importer.IGNORE})
    assert len(plan.added) == 2


# ------------------------------------------------------------------ kills
KILL_RUNS = 24


def test_kill_at_random_points_leaves_old_or_new_state(base_db, tmp_path):
    """A CLI import of 3,000 organisations is killed (SIGKILL) at random moments; the
    database must open and hold either the state before or the state after, and the
    next start (a rebuild from the store of record) must agree with the store."""
    rows = [["機関名", "種別", "所在地"]] + [
        [f"株式会社テスト{i:04d}", "企業", "東京都八王子市"] for i in range(3000)]
    file = tmp_path / "orgs.csv"
    file.write_bytes(csv_bytes(rows))
    old_state = importer.state_digest(base_db)

    def run_dir(n: int) -> tuple[Path, Path]:
        folder = tmp_path / f"run{n}"
        folder.mkdir()
        shutil.copy(base_db, folder / "sangaku.duckdb")
        (folder / "imports").mkdir()
        return folder / "sangaku.duckdb", folder / "imports"

    def command(db: Path, store: Path) -> list[str]:
        return [sys.executable, "-m", "sangaku", "import", "--table", "organizations",
                str(file), "--db", str(db), "--imports", str(store), "--by", "killer"]

    db, store = run_dir(0)
    started = time.perf_counter()
    done = subprocess.run(command(db, store), cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    full = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    new_state = importer.state_digest(db)
    assert new_state != old_state

    rng = random.Random(20261121)
    outcomes = {"old": 0, "new": 0}
    for n in range(1, KILL_RUNS + 1):
        db, store = run_dir(n)
        proc = subprocess.Popen(command(db, store), cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, full * 1.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        state = importer.state_digest(db)  # opens: never a half-written file
        assert state in (old_state, new_state), f"run {n}: neither old nor new"
        outcomes["old" if state == old_state else "new"] += 1
        # The next start rebuilds from sources + store when the store is newer.
        batches = build.batch_dirs(store)
        if build.needs_build(db, SOURCES_DIR, store):
            build.build(SOURCES_DIR, db, imports_dir=store)
        assert importer.state_digest(db) == (new_state if batches else old_state)
        # And the import can simply be run again.
        if n % 6 == 0:
            again = subprocess.run(command(db, store), cwd=ROOT, capture_output=True,
                                   text=True, timeout=300)
            assert again.returncode == 0, again.stderr
            assert importer.state_digest(db) == new_state
            assert not any(p.name.startswith(".pending") for p in store.iterdir())
    print(f"\nkill test: {KILL_RUNS} runs killed within {full:.1f} s; "
          f"old state {outcomes['old']}, new state {outcomes['new']}")
    assert os.path.exists(db)
