"""Build `data/sangaku.duckdb` from the human-edited files in `data/sources/`.

The build reads every source file, validates it against `schema.TABLES` the way dbt
schema tests would (columns present, types parse, not null, accepted values, unique
keys, relationships), and only then writes the database: into a temporary file beside
the target, renamed over it at the end. A failed build leaves the previous database
byte for byte as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from . import schema
from .paths import SOURCES_DIR, db_path as default_db_path, imports_dir as default_imports_dir

Progress = Callable[[float, str], None]
VIEWS_SQL = Path(__file__).with_name("views.sql")

_INT_RE = re.compile(r"^-?\d+$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FLOAT_RE = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
_BOOLS = {"true": True, "false": False}


@dataclass(frozen=True)
class SourceProblem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class BuildError(Exception):
    """The sources are not valid; nothing was written."""

    def __init__(self, problems: list[SourceProblem]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:200])
        more = f"\n  … and {len(problems) - 200} more" if len(problems) > 200 else ""
        super().__init__(f"{len(problems)} problem(s) in the sources; the database was "
                         f"not changed:\n{shown}{more}")


@dataclass
class ParsedRow:
    file: str
    row: int
    values: dict[str, object]


@dataclass
class ParsedTable:
    table: schema.Table
    rows: list[ParsedRow] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def source_files(sources_dir: Path, table: str) -> list[Path]:
    """A table's rows come from `<table>.csv` and every `<table>/*.csv`, in name order."""
    files = []
    single = sources_dir / f"{table}.csv"
    if single.exists():
        files.append(single)
    folder = sources_dir / table
    if folder.is_dir():
        files.extend(sorted(folder.glob("*.csv")))
    return files


def batch_dirs(imports_dir: Path | None) -> list[Path]:
    """Import batches in the order they were made (folder names start with a sequence
    number); folders starting with a dot are unfinished and never read."""
    if imports_dir is None or not Path(imports_dir).is_dir():
        return []
    return sorted(p for p in Path(imports_dir).iterdir()
                  if p.is_dir() and not p.name.startswith("."))


def batch_files(batch: Path) -> list[tuple[schema.Table, Path]]:
    return [(t, batch / f"{t.name}.csv") for t in schema.load_order()
            if (batch / f"{t.name}.csv").exists()]


def all_source_files(sources_dir: Path = SOURCES_DIR,
                     imports_dir: Path | None = None) -> list[Path]:
    files = [f for t in schema.TABLES for f in source_files(sources_dir, t.name)]
    for batch in batch_dirs(imports_dir):
        files.extend(path for _, path in batch_files(batch))
    return files


def parse_value(col: schema.Column, raw: str) -> object:
    """Parse one cell; raise ValueError with a reason a person can act on."""
    value = raw.strip()
    if value == "":
        return None
    if col.type == schema.TEXT:
        return value
    if col.type in (schema.INT, schema.BIGINT):
        normalised = value.replace(",", "")
        if not _INT_RE.match(normalised):
            raise ValueError(f"'{raw}' is not a whole number")
        return int(normalised)
    if col.type == schema.DOUBLE:
        normalised = value.replace(",", "")
        if not _FLOAT_RE.match(normalised):
            raise ValueError(f"'{raw}' is not a number")
        return float(normalised)
    if col.type == schema.DATE:
        if not _DATE_RE.match(value):
            raise ValueError(f"'{raw}' is not a date in the form YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"'{raw}' is not a valid calendar date") from None
    if col.type == schema.BOOL:
        if value.lower() not in _BOOLS:
            raise ValueError(f"'{raw}' is not true or false")
        return _BOOLS[value.lower()]
    raise AssertionError(col.type)


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent.parent))
    except ValueError:
        return str(path)


def read_table(table: schema.Table, files: Iterable[Path], root: Path,
               problems: list[SourceProblem]) -> ParsedTable:
    parsed = ParsedTable(table)
    known = {c.name for c in table.all_columns}
    for path in files:
        name = _display(path, root)
        parsed.files.append(name)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            problems.append(SourceProblem(name, None, None,
                                          f"is not UTF-8 text (byte {exc.start}); save it "
                                          "as UTF-8"))
            continue
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader)
        except StopIteration:
            problems.append(SourceProblem(name, 1, None, "the file is empty; it needs a "
                                          "header row"))
            continue
        header = [h.strip() for h in header]
        for col_name in header:
            if col_name not in known:
                problems.append(SourceProblem(name, 1, col_name,
                                              f"unknown column for table '{table.name}'"))
        dupes = {h for h in header if header.count(h) > 1}
        for col_name in sorted(dupes):
            problems.append(SourceProblem(name, 1, col_name, "column appears twice"))
        missing = [c for c in table.all_columns if c.required and c.default is None
                   and c.name not in header]
        for col in missing:
            problems.append(SourceProblem(name, 1, col.name, "required column is missing"))
        if missing or dupes:
            continue
        for index, cells in enumerate(reader):
            row_no = index + 2  # the header is row 1, as a spreadsheet shows it
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                problems.append(SourceProblem(
                    name, row_no, None,
                    f"has {len(cells)} cells but the header has {len(header)}"))
                continue
            raw = dict(zip(header, cells))
            values: dict[str, object] = {}
            for col in table.all_columns:
                cell = raw.get(col.name)
                if cell is None or cell.strip() == "":
                    cell = col.default if col.default is not None else ""
                try:
                    value = parse_value(col, cell)
                except ValueError as exc:
                    problems.append(SourceProblem(name, row_no, col.name, str(exc)))
                    continue
                if value is None and col.required:
                    problems.append(SourceProblem(name, row_no, col.name,
                                                  "is empty but required"))
                if value is not None and col.accepted and value not in col.accepted:
                    problems.append(SourceProblem(
                        name, row_no, col.name,
                        f"'{value}' is not one of: {', '.join(col.accepted)}"))
                if value is not None and col.pattern and not re.match(col.pattern, str(value)):
                    problems.append(SourceProblem(
                        name, row_no, col.name,
                        f"'{value}' does not match the expected form {col.pattern}"))
                values[col.name] = value
            parsed.rows.append(ParsedRow(name, row_no, values))
    return parsed


def check_keys(parsed: ParsedTable, problems: list[SourceProblem]) -> None:
    seen: dict[tuple, ParsedRow] = {}
    key = parsed.table.key
    for row in parsed.rows:
        k = tuple(row.values.get(c) for c in key)
        if any(v is None for v in k):
            continue  # reported as a missing required value
        if k in seen:
            first = seen[k]
            problems.append(SourceProblem(
                row.file, row.row, key[0] if len(key) == 1 else ", ".join(key),
                f"duplicate key {', '.join(map(str, k))} (first at {first.file}, "
                f"row {first.row})"))
        else:
            seen[k] = row


def check_references(tables: dict[str, ParsedTable], problems: list[SourceProblem]) -> None:
    index_cache: dict[tuple[str, str], set] = {}
    for parsed in tables.values():
        for col in parsed.table.all_columns:
            if not col.references:
                continue
            target_table, target_col = col.references.split(".")
            cache_key = (target_table, target_col)
            if cache_key not in index_cache:
                target = tables.get(target_table)
                index_cache[cache_key] = (
                    {r.values.get(target_col) for r in target.rows} if target else set())
            targets = index_cache[cache_key]
            for row in parsed.rows:
                value = row.values.get(col.name)
                if value is not None and value not in targets:
                    problems.append(SourceProblem(
                        row.file, row.row, col.name,
                        f"'{value}' has no matching {target_table}.{target_col}"))


# A batch that changes a seed or need gives its whole set of fields: the earlier set goes.
CHILD_TABLES = {"seed_fields": "seed_id", "need_fields": "need_id"}


def replay_batch(tables: dict[str, ParsedTable], batch: Path, root: Path,
                 problems: list[SourceProblem]) -> None:
    """Apply one import batch: a row whose key exists replaces it, others are added."""
    for table, path in batch_files(batch):
        parsed = read_table(table, [path], root, problems)
        check_keys(parsed, problems)
        target = tables[table.name]
        target.files.extend(parsed.files)
        parent_col = CHILD_TABLES.get(table.name)
        if parent_col:
            replaced = {r.values.get(parent_col) for r in parsed.rows}
            target.rows = [r for r in target.rows
                           if r.values.get(parent_col) not in replaced]
        position = {tuple(r.values.get(c) for c in table.key): i
                    for i, r in enumerate(target.rows)}
        for row in parsed.rows:
            k = tuple(row.values.get(c) for c in table.key)
            if k in position:
                target.rows[position[k]] = row
            else:
                position[k] = len(target.rows)
                target.rows.append(row)


def read_sources(sources_dir: Path = SOURCES_DIR, progress: Progress | None = None, *,
                 imports_dir: Path | None = None,
                 extra_batches: Iterable[Path] = ()) -> dict[str, ParsedTable]:
    """Read and validate every source file, then replay the import batches in order
    (`imports_dir`, default data/imports; `extra_batches` are replayed last). Raise
    BuildError listing every problem."""
    problems: list[SourceProblem] = []
    tables: dict[str, ParsedTable] = {}
    order = schema.load_order()
    for i, table in enumerate(order):
        if progress:
            progress(0.5 * i / len(order), f"reading {table.name}")
        files = source_files(sources_dir, table.name)
        tables[table.name] = read_table(table, files, sources_dir, problems)
        check_keys(tables[table.name], problems)
    imports = Path(imports_dir) if imports_dir is not None else default_imports_dir()
    batches = batch_dirs(imports) + list(extra_batches)
    for i, batch in enumerate(batches):
        if progress:
            progress(0.5 + 0.1 * i / len(batches), f"replaying import {batch.name}")
        replay_batch(tables, batch, sources_dir, problems)
    check_references(tables, problems)
    if problems:
        raise BuildError(problems)
    return tables


def fingerprint(files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _arrow_table(table: schema.Table, rows: list[ParsedRow]) -> pa.Table:
    arrow_types = {
        schema.TEXT: pa.string(), schema.INT: pa.int32(), schema.BIGINT: pa.int64(),
        schema.DOUBLE: pa.float64(), schema.DATE: pa.date32(), schema.BOOL: pa.bool_(),
    }
    columns = table.all_columns
    return pa.table({
        c.name: pa.array([r.values.get(c.name) for r in rows], type=arrow_types[c.type])
        for c in columns
    })


def _create_sql(table: schema.Table) -> str:
    cols = [f'"{c.name}" {schema.DUCKDB_TYPES[c.type]}'
            + (" NOT NULL" if c.required else "") for c in table.all_columns]
    cols.append(f"PRIMARY KEY ({', '.join(table.key)})")
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def _write_metadata(con: duckdb.DuckDBPyConnection, source_fingerprint: str,
                    tables: dict[str, ParsedTable]) -> None:
    con.execute("""CREATE TABLE meta_tables (table_name VARCHAR PRIMARY KEY,
        description VARCHAR, key_columns VARCHAR, row_count INTEGER, source_files VARCHAR)""")
    con.execute("""CREATE TABLE meta_columns (table_name VARCHAR, column_name VARCHAR,
        position INTEGER, data_type VARCHAR, required BOOLEAN, accepted_values VARCHAR,
        references_column VARCHAR, description VARCHAR,
        PRIMARY KEY (table_name, column_name))""")
    for t in schema.TABLES:
        parsed = tables[t.name]
        con.execute("INSERT INTO meta_tables VALUES (?, ?, ?, ?, ?)",
                    [t.name, t.description, ", ".join(t.key), len(parsed.rows),
                     "; ".join(parsed.files)])
        for pos, c in enumerate(t.all_columns):
            con.execute("INSERT INTO meta_columns VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [t.name, c.name, pos, schema.DUCKDB_TYPES[c.type], c.required,
                         ", ".join(c.accepted) if c.accepted else None, c.references,
                         c.description])
    con.execute("CREATE TABLE meta_build (built_at TIMESTAMP, source_fingerprint VARCHAR, "
                "schema_version INTEGER)")
    con.execute("INSERT INTO meta_build VALUES (?, ?, ?)",
                [dt.datetime.now().replace(microsecond=0), source_fingerprint,
                 schema.SCHEMA_VERSION])


def write_database(tables: dict[str, ParsedTable], db_path: Path, source_fingerprint: str,
                   progress: Progress | None = None) -> None:
    """Write all tables into a temporary file, then rename it over db_path."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{db_path.name}.", suffix=".building",
                                    dir=db_path.parent)
    os.close(fd)
    os.unlink(tmp_name)  # DuckDB must create the file itself
    tmp = Path(tmp_name)
    try:
        con = duckdb.connect(str(tmp))
        try:
            order = schema.load_order()
            for i, table in enumerate(order):
                if progress:
                    progress(0.6 + 0.35 * i / len(order), f"writing {table.name}")
                con.execute(_create_sql(table))
                arrow = _arrow_table(table, tables[table.name].rows)
                con.register("incoming", arrow)
                con.execute(f'INSERT INTO "{table.name}" SELECT * FROM incoming')
                con.unregister("incoming")
            con.execute(VIEWS_SQL.read_text(encoding="utf-8"))
            _write_metadata(con, source_fingerprint, tables)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, db_path)
    finally:
        for leftover in (tmp, Path(str(tmp) + ".wal")):
            if leftover.exists():
                leftover.unlink()


def build(sources_dir: Path = SOURCES_DIR, db_path: Path | None = None,
          progress: Progress | None = None, imports_dir: Path | None = None) -> dict[str, int]:
    """Validate the sources, replay the imports and (re)write the database. Returns row
    counts per table."""
    db_path = Path(db_path or default_db_path())
    imports = Path(imports_dir) if imports_dir is not None else default_imports_dir()
    tables = read_sources(sources_dir, progress, imports_dir=imports)
    write_database(tables, db_path, fingerprint(all_source_files(sources_dir, imports)),
                   progress)
    if progress:
        progress(1.0, f"wrote {db_path.name}")
    return {name: len(p.rows) for name, p in tables.items()}


def newest_source_mtime(sources_dir: Path = SOURCES_DIR,
                        imports_dir: Path | None = None) -> float:
    """The newest source or import file; the imports folder's own time counts too, so a
    batch folder renamed in (or removed) makes the database stale."""
    imports = Path(imports_dir) if imports_dir is not None else default_imports_dir()
    times = [f.stat().st_mtime for f in all_source_files(sources_dir, imports)]
    times.extend(b.stat().st_mtime for b in batch_dirs(imports))
    if imports.is_dir():
        times.append(imports.stat().st_mtime)
    return max(times, default=0.0)


def needs_build(db_path: Path | None = None, sources_dir: Path = SOURCES_DIR,
                imports_dir: Path | None = None) -> bool:
    """The database is missing, older than a source or import, or from another schema."""
    db_path = Path(db_path or default_db_path())
    if not db_path.exists():
        return True
    if db_path.stat().st_mtime < newest_source_mtime(sources_dir, imports_dir):
        return True
    try:
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            version = con.execute("SELECT schema_version FROM meta_build").fetchone()[0]
        finally:
            con.close()
    except duckdb.Error:
        return True
    return version != schema.SCHEMA_VERSION
