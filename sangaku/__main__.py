"""Command line: `python -m sangaku build | check | geo | docs | import | history |
hash-password | briefing`."""

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
    p_imp = sub.add_parser("import", help="import a CSV or .xlsx file into a table "
                           "(all or nothing; kept under data/imports/)")
    p_imp.add_argument("file", type=Path)
    p_imp.add_argument("--table", required=True,
                       choices=("organizations", "agreements", "events", "seeds", "needs"))
    p_imp.add_argument("--encoding", choices=("utf-8", "utf-8-sig", "cp932", "shift_jis"),
                       help="text encoding of a CSV file (default: detected)")
    p_imp.add_argument("--sheet", help="worksheet of an .xlsx file (default: the first)")
    p_imp.add_argument("--map", action="append", default=[], metavar="HEADER=COLUMN",
                       help="map a file header to a column (repeatable)")
    p_imp.add_argument("--ignore", action="append", default=[], metavar="HEADER",
                       help="leave a file column out on purpose (repeatable)")
    p_imp.add_argument("--dry-run", action="store_true", help="validate only; write nothing")
    p_imp.add_argument("--by", default=None, help="who imports (default: the login name)")
    p_imp.add_argument("--lang", choices=("ja", "en"), default="en",
                       help="language of the messages")
    p_imp.add_argument("--db", type=Path, default=None)
    p_imp.add_argument("--imports", type=Path, default=None,
                       help="store of record (default data/imports)")
    p_imp.add_argument("--sources", type=Path, default=SOURCES_DIR)
    p_hist = sub.add_parser("history", help="list the imports in the store of record")
    p_hist.add_argument("--imports", type=Path, default=None)
    sub.add_parser("hash-password", help="hash a staff password for .streamlit/secrets.toml")
    p_brief = sub.add_parser("briefing", help="write the briefing pack of a filtered view")
    p_brief.add_argument("--lang", choices=("ja", "en"), default="ja")
    p_brief.add_argument("--region", help="a prefecture code (13) or a program region id")
    p_brief.add_argument("--field", help="technology fields, comma-separated (it,energy)")
    p_brief.add_argument("--from", dest="year_from", help="first calendar year")
    p_brief.add_argument("--to", dest="year_to", help="last calendar year")
    p_brief.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    p_brief.add_argument("--pdf", nargs="?", type=Path, const=True, default=None,
                         help="also print a PDF with Chromium (default: --out with .pdf)")
    p_brief.add_argument("--db", type=Path, default=None)
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
    if args.command == "import":
        return _import(args)
    if args.command == "history":
        from . import importer
        for row in importer.history(args.imports):
            print(f"{row['batch_id']}  {row['imported_at']}  {row['imported_by']}  "
                  f"{row['table_name']}  +{row['rows_added']} ~{row['rows_changed']}  "
                  f"{row['file_name']}")
        return 0
    if args.command == "hash-password":
        import getpass

        from . import auth
        first = getpass.getpass("Staff password: ")
        if not first or first != getpass.getpass("Again: "):
            print("the passwords are empty or differ", file=sys.stderr)
            return 1
        print("[staff]")
        print(f'password_hash = "{auth.hash_password(first)}"')
        return 0
    if args.command == "briefing":
        return _briefing(args)
    if args.command == "docs":
        from . import docs
        path = docs.write_data_dictionary()
        print(f"wrote {path}")
        return 0
    return 2


def _import(args: argparse.Namespace) -> int:
    import getpass

    from . import importer
    mapping: dict[str, str] = {}
    for item in args.map:
        header, sep, column = item.partition("=")
        if not sep:
            print(f"--map needs HEADER=COLUMN, not {item!r}", file=sys.stderr)
            return 2
        mapping[header] = column
    for header in args.ignore:
        mapping[header] = importer.IGNORE
    if not args.file.is_file():
        print(f"{args.file}: no such file", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        plan, result = importer.import_file(
            args.file, args.table, who=args.by or getpass.getuser(), encoding=args.encoding,
            sheet=args.sheet, mapping=mapping or None, dry_run=args.dry_run, db_path=args.db,
            sources_dir=args.sources, imports_dir=args.imports, lang=args.lang,
            progress=_progress_line)
    except importer.ImportFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    counts = (f"{len(plan.added)} added, {len(plan.changed)} changed, "
              f"{len(plan.unchanged)} unchanged")
    if result is None:
        print(f"dry run: {args.file.name} is valid for {args.table} ({counts}); "
              "nothing written")
    elif result.batch_id is None:
        print(f"nothing to import: every row is already there ({counts})")
    else:
        print(f"imported {args.file.name} into {args.table} as batch {result.batch_id} "
              f"({counts}; {time.perf_counter() - started:.1f} s)")
    return 0


def _briefing(args: argparse.Namespace) -> int:
    from . import briefing, db
    from .filters import parse_query_params

    path = args.db or db_path()
    if not path.exists() or (args.db is None and build_mod.needs_build(path)):
        build_mod.build(db_path=path)
    con = db.connect(path)
    options = briefing.filter_options(con)
    wanted = {"lang": args.lang, "region": args.region, "field": args.field,
              "from": args.year_from, "to": args.year_to}
    parsed = parse_query_params({k: v for k, v in wanted.items() if v}, options)
    if parsed.invalid:
        for name, value in parsed.invalid:
            print(f"briefing: --{name} {value} is not valid", file=sys.stderr)
        return 2
    pack = briefing.build(con, parsed.filters, parsed.lang, options=options)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(pack.html, encoding="utf-8")
    print(f"wrote {args.out} ({len(pack.html.encode()):,} bytes, "
          f"{len(pack.sources)} sources cited)")
    if args.pdf:
        target = args.out.with_suffix(".pdf") if args.pdf is True else args.pdf
        if briefing.chromium_path() is None:
            print("briefing: no PDF, Chromium is not installed", file=sys.stderr)
            return 1
        target.write_bytes(briefing.to_pdf(pack.html))
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
