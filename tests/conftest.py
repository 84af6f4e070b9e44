"""Shared fixtures: one database built from the real sources, reused by unit, AppTest
and browser tests; a real Streamlit server on a free port."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from sangaku import build
from sangaku.paths import ROOT, SOURCES_DIR

ARTIFACTS = ROOT / "tests" / "artifacts"
ARTIFACTS.mkdir(parents=True, exist_ok=True)  # screenshots and exports land here


@pytest.fixture(scope="session")
def imports_store(tmp_path_factory) -> Path:
    """An empty store of record for the session, so the repository's data/imports (if a
    developer imported something) never changes what the tests see."""
    path = tmp_path_factory.mktemp("imports")
    previous = os.environ.get("SANGAKU_IMPORTS")
    os.environ["SANGAKU_IMPORTS"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("SANGAKU_IMPORTS", None)
    else:
        os.environ["SANGAKU_IMPORTS"] = previous


@pytest.fixture(scope="session")
def db_file(tmp_path_factory, imports_store) -> Path:
    """The database built from data/sources, in a temporary folder."""
    path = tmp_path_factory.mktemp("db") / "sangaku.duckdb"
    build.build(SOURCES_DIR, path, imports_dir=imports_store)
    return path


@pytest.fixture(scope="session", autouse=True)
def _point_app_at_test_db(db_file):
    previous = os.environ.get("SANGAKU_DB")
    os.environ["SANGAKU_DB"] = str(db_file)
    yield
    if previous is None:
        os.environ.pop("SANGAKU_DB", None)
    else:
        os.environ["SANGAKU_DB"] = previous


@pytest.fixture()
def con(db_file):
    connection = duckdb.connect(str(db_file), read_only=True)
    yield connection
    connection.close()


@pytest.fixture()
def sources_copy(tmp_path) -> Path:
    """A private copy of data/sources that a test may break."""
    target = tmp_path / "sources"
    shutil.copytree(SOURCES_DIR, target)
    return target


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def run_server(db: Path, *extra_args: str, env: dict | None = None, log_name="server.log"):
    """`streamlit run app.py` headless on a free port against `db`; yields its base URL."""
    port = _free_port()
    env = dict(os.environ, SANGAKU_DB=str(db), **(env or {}))
    log = ARTIFACTS / log_name
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = log.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", *extra_args],
        cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out.flush()
                raise RuntimeError("streamlit did not start:\n" + log.read_text())
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        out.close()


@pytest.fixture(scope="session")
def server(db_file):
    """The app on the session database; yields its base URL."""
    with run_server(db_file) as url:
        yield url
