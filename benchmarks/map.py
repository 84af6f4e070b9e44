"""Nationwide map: HTML payload and the time Chromium takes to draw it.

    python benchmarks/map.py [--runs N]

Builds the Map page's folium map with every layer on, prints its HTML payload in bytes
(target: at most 1.5 MB) and the median time headless Chromium takes to load the file
and draw every Leaflet path, against a baseline page of the same Leaflet with only the
prefecture outlines, measured in the same run. Exits 1 when the payload is over target.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sangaku import build, db, geo, maps  # noqa: E402
from sangaku.filters import Filters  # noqa: E402

TARGET_BYTES = 1_500_000


def map_html(con, shown: tuple[str, ...]) -> str:
    params = Filters().query_params()
    layers = {"prefectures": geo.load_layer("prefectures"), "regions": geo.load_layer("regions")}
    m = maps.region_map(layers, db.run_query(con, "map_regions", params),
                        db.run_query(con, "map_partners", params),
                        db.run_query(con, "filter_fields"), "ja", shown=shown)
    return m.get_root().render()


def draw_time(browser, html: str, static: Path, runs: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "map.html"
        page_file.write_text(html.replace("/app/static/", f"file://{static}/"),
                             encoding="utf-8")
        samples, paths = [], 0
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            started = time.perf_counter()
            page.goto(page_file.as_uri())
            page.wait_for_function(
                "() => document.querySelectorAll('.leaflet-overlay-pane path').length > 0")
            samples.append(time.perf_counter() - started)
            paths = page.locator(".leaflet-overlay-pane path").count()
            page.close()
    return statistics.median(samples), paths


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    maps.ensure_static()
    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(tmp) / "bench.duckdb"
        build.build(db_path=db_file)
        con = db.connect(db_file)
        full = map_html(con, maps.ALL_LAYERS)
        base = map_html(con, ("prefectures",))
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                  "--disable-background-networking"])
        base_time, base_paths = draw_time(browser, base, maps.STATIC_DIR, args.runs)
        full_time, full_paths = draw_time(browser, full, maps.STATIC_DIR, args.runs)
        browser.close()
    size = len(full.encode("utf-8"))
    print(f"{'map':<28}{'payload bytes':>15}{'paths':>8}{'draw ms':>10}{'ratio':>8}")
    print(f"{'prefecture outlines only':<28}{len(base.encode()):>15,}{base_paths:>8}"
          f"{base_time * 1000:>10.0f}{1.0:>8.2f}")
    print(f"{'all layers (the Map page)':<28}{size:>15,}{full_paths:>8}"
          f"{full_time * 1000:>10.0f}{full_time / base_time:>8.2f}")
    print(f"payload target ≤ {TARGET_BYTES:,} bytes: {'ok' if size <= TARGET_BYTES else 'MISS'}")
    return 0 if size <= TARGET_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
