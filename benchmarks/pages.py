"""Page speed: each page through AppTest, warm caches, against a minimal page.

    python benchmarks/pages.py [--runs N]

Prints the median time per page and its ratio to a minimal page that renders one
st.dataframe of the same database, measured in the same run; also the shared page shell
(sidebar, filters, database check) with one table, to show what the shell costs. Target: every page within
2x the minimal page. Exits 1 when a page misses the target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from sangaku import build  # noqa: E402

# Later issues add their pages here.
PAGES = {
    "overview": "pages/overview.py",
    "map": "pages/map.py",
    "agreements": "pages/agreements.py",
    "events": "pages/events.py",
    "matching": "pages/matching.py",
    "data_sources": "pages/data_sources.py",
    "present": "pages/present.py",  # presenter mode, its first slide
}
BASELINE = "benchmarks/minimal_page.py"
SHELL = "benchmarks/shell_page.py"
TARGET_RATIO = 2.0


def time_page(script: str, runs: int, lang: str = "ja") -> float:
    at = AppTest.from_file(str(ROOT / script), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()  # warm the caches
    if at.exception:
        raise RuntimeError(f"{script}: {[e.value for e in at.exception]}")
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        print("building the database…", flush=True)
        build.build(db_path=db)
        os.environ["SANGAKU_DB"] = str(db)
        baseline = time_page(BASELINE, args.runs)
        print(f"{'page':<16}{'median ms':>12}{'ratio':>9}  target ≤ {TARGET_RATIO:.1f}×")
        print(f"{'(minimal page)':<16}{baseline * 1000:>12.1f}{1.0:>9.2f}")
        shell = time_page(SHELL, args.runs)
        print(f"{'(shell + table)':<16}{shell * 1000:>12.1f}{shell / baseline:>9.2f}  "
              "(sidebar, filters and database check that every page shares)")
        missed = []
        for name, script in PAGES.items():
            median = time_page(script, args.runs)
            ratio = median / baseline
            flag = "ok" if ratio <= TARGET_RATIO else "MISS"
            print(f"{name:<16}{median * 1000:>12.1f}{ratio:>9.2f}  {flag}", flush=True)
            if ratio > TARGET_RATIO:
                missed.append(name)
    if missed:
        print(f"pages over the target: {', '.join(missed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
