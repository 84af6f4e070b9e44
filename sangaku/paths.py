"""Where the project's files live. Everything is relative to the repository root."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"
GEO_DIR = DATA_DIR / "geo"
IMPORTS_DIR = DATA_DIR / "imports"
QUERIES_DIR = ROOT / "queries"
DEFAULT_DB_PATH = DATA_DIR / "sangaku.duckdb"


def db_path() -> Path:
    """The database file; tests and benchmarks point SANGAKU_DB at one of their own."""
    return Path(os.environ.get("SANGAKU_DB") or DEFAULT_DB_PATH)


def imports_dir() -> Path:
    """The store of record of imported files; tests point SANGAKU_IMPORTS elsewhere."""
    return Path(os.environ.get("SANGAKU_IMPORTS") or IMPORTS_DIR)
