"""Command line: `python -m sangaku build | check | geo | docs`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import build as build_mod
from .paths import SOURCES_DIR, db_path


def _progress_line(fraction: float, message: str) -> None:
    print(f"[{fraction * 100:5.1f}%] {message}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sangaku")
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="validate data/sources and write the database")
    p_build.add_argument("--sources", type=Path, default=SOURCES_DIR)
    p_build.add_argument("--db", type=Path, default=None)
    p_check = sub.add_parser("check", help="validate data/sources without writing anything")
    p_check.add_argument("--sources", type=Path, default=SOURCES_DIR)
    p_geo = sub.add_parser("geo", help="derive municipalities from MLIT N03 boundaries")
    p_geo.add_argument("--n03", type=Path, required=True,
                       help="folder of N03 files or one N03 GeoJSON/shapefile")
    p_geo.add_argument("--out", type=Path, default=SOURCES_DIR,
                       help="where municipalities.csv goes (default data/sources)")
    p_geo.add_argument("--out-dir", type=Path, default=None,
                       help="write <DIR>/sources/municipalities.csv and <DIR>/geo/*.geojson")
    p_geo.add_argument("--simplify", type=float, default=None,
                       help="simplification tolerance in degrees (default 0.01)")
    sub.add_parser("docs", help="write docs/data_dictionary.md from the schema")
    args = parser.parse_args(argv)

    if args.command in ("build", "check"):
        started = time.perf_counter()
        try:
            if args.command == "check":
                tables = build_mod.read_sources(args.sources, _progress_line)
                counts = {n: len(t.rows) for n, t in tables.items()}
            else:
                counts = build_mod.build(args.sources, args.db, _progress_line)
        except build_mod.BuildError as exc:
            print(exc, file=sys.stderr)
            return 1
        total = sum(counts.values())
        verb = "validated" if args.command == "check" else f"built {args.db or db_path()}"
        print(f"{verb}: {total} rows in {len(counts)} tables "
              f"({time.perf_counter() - started:.1f} s)")
        return 0
    if args.command == "geo":
        from . import geo
        out = args.out_dir / "sources" if args.out_dir else args.out
        try:
            geo.run(args.n03, out, geo_dir=args.out_dir / "geo" if args.out_dir else None,
                    simplify=args.simplify)
        except (geo.N03Error, FileNotFoundError, ValueError) as exc:
            print(f"geo: {exc}", file=sys.stderr)
            return 1
        return 0
    if args.command == "docs":
        from . import docs
        path = docs.write_data_dictionary()
        print(f"wrote {path}")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
