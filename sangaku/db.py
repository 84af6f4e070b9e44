"""All database access: named queries from `queries/*.sql` with bound parameters.

Pages never open connections or write SQL. They call `run_query(con, name, params)`,
which loads `queries/<name>.sql`, binds the parameters the query names (DuckDB `$name`),
caps rows and time, and reports the failing SQL with its parameters.
"""

from __future__ import annotations

import functools
import re
import threading
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from .paths import QUERIES_DIR, db_path

MAX_ROWS = 200_000
TIMEOUT_SECONDS = 20.0
_PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_NAME_RE = re.compile(r"^[a-z0-9_]+$")


class QueryError(RuntimeError):
    """A named query failed; the message carries the SQL and its parameters."""


def query_names(queries_dir: Path = QUERIES_DIR) -> list[str]:
    return sorted(p.stem for p in queries_dir.glob("*.sql"))


@functools.lru_cache(maxsize=256)
def load_query(name: str, queries_dir: Path = QUERIES_DIR) -> str:
    if not _NAME_RE.match(name):
        raise QueryError(f"not a query name: {name!r}")
    path = queries_dir / f"{name}.sql"
    if not path.exists():
        raise QueryError(f"no query named {name!r} in {queries_dir}")
    return path.read_text(encoding="utf-8")


def query_parameters(sql: str) -> set[str]:
    # Strip line comments so a `$name` mentioned in a comment is not a parameter.
    code = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return set(_PARAM_RE.findall(code))


def connect(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path or db_path()), read_only=True)


def run_query(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None,
              max_rows: int = MAX_ROWS, timeout: float = TIMEOUT_SECONDS) -> pd.DataFrame:
    """Run the named query with bound parameters; return at most max_rows rows."""
    sql = load_query(name)
    wanted = query_parameters(sql)
    given = dict(params or {})
    missing = wanted - given.keys()
    if missing:
        raise QueryError(f"query {name!r} needs parameters {sorted(missing)}; "
                         f"given {sorted(given)}")
    bound = {k: v for k, v in given.items() if k in wanted}
    cursor = con.cursor()
    timer = threading.Timer(timeout, cursor.interrupt)
    timer.start()
    try:
        relation = cursor.sql(sql, params=bound) if bound else cursor.sql(sql)
        reader = relation.to_arrow_reader(min(max_rows, 65_536))
        batches, count = [], 0
        for batch in reader:
            batches.append(batch)
            count += batch.num_rows
            if count >= max_rows:
                break
        import pyarrow as pa

        table = pa.Table.from_batches(batches, schema=reader.schema)
        frame = table.slice(0, max_rows).to_pandas(types_mapper=_types_mapper)
        frame.attrs["truncated"] = count > max_rows or (count == max_rows and
                                                         _has_more(reader))
        return frame
    except duckdb.InterruptException as exc:
        raise QueryError(f"query {name!r} took longer than {timeout:.0f} s; params "
                         f"{bound}") from exc
    except duckdb.Error as exc:
        raise QueryError(f"query {name!r} failed: {exc}\nparams: {bound}\nSQL:\n{sql}") from exc
    finally:
        timer.cancel()
        cursor.close()


def _has_more(reader) -> bool:
    try:
        return reader.read_next_batch().num_rows > 0
    except StopIteration:
        return False


def _types_mapper(arrow_type):
    # Keep integers with NULLs as nullable integers rather than floats.
    import pyarrow as pa

    if pa.types.is_integer(arrow_type):
        return pd.Int64Dtype()
    return None
