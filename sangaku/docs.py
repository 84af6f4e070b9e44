"""Render the data dictionary (docs/data_dictionary.md) from the schema."""

from __future__ import annotations

from pathlib import Path

from . import schema
from .paths import ROOT

DICTIONARY = ROOT / "docs" / "data_dictionary.md"

INTRO = """# Data dictionary

Generated from `sangaku/schema.py` by `python -m sangaku docs`; a test fails when this
file is out of date.

`python -m sangaku build` reads the source files of each table (`data/sources/<table>.csv`
and every `data/sources/<table>/*.csv`), validates them and writes `data/sangaku.duckdb`.
The build refuses the sources, naming file, row and column, when:

- a required column is missing from a file, or a file has a column the table does not know;
- a value does not parse as its type (dates must be `YYYY-MM-DD`, booleans `true`/`false`);
- a required value is empty, or a value is not one of the accepted values or expected form;
- two rows share a key (within or across files);
- a reference does not resolve to a row of the referenced table.

It writes to a temporary file beside the database and renames it at the end, so a failed
build leaves the previous database untouched. Every fact row carries `source_id` (a row of
`sources`) and `is_sample` (true only for generated sample rows, badged in the UI).

Dates in the research institute's report give month and day only; they are read in its
fiscal year 2020: April–December as 2020, January–March as 2021. Where a document gives
only a month, the date is the first of that month and `date_precision` says `month`.

Besides the tables, the build creates views that queries share: `region_areas` (every
municipality inside each region, wards of member cities and greater clusters included),
`region_prefecture_codes`, `region_field_ids`, and `organization_locations` (coordinates
of each organisation, from its municipality where it has none of its own). Tables
`meta_tables`, `meta_columns` and `meta_build` describe the database itself.
"""


def render() -> str:
    parts = [INTRO]
    for table in schema.TABLES:
        parts.append(f"\n## `{table.name}`\n\n{table.description}\n")
        parts.append(f"Key: `{', '.join(table.key)}`. "
                     f"Source files: `data/sources/{table.name}.csv`, "
                     f"`data/sources/{table.name}/*.csv`.\n")
        parts.append("| column | type | required | rule | description |")
        parts.append("| --- | --- | --- | --- | --- |")
        for col in table.all_columns:
            rules = []
            if col.accepted:
                rules.append("one of " + ", ".join(f"`{v}`" for v in col.accepted))
            if col.references:
                rules.append(f"→ `{col.references}`")
            if col.pattern:
                rules.append(f"form `{col.pattern}`")
            if col.default is not None:
                rules.append(f"default `{col.default}`")
            parts.append(f"| `{col.name}` | {schema.DUCKDB_TYPES[col.type]} | "
                         f"{'yes' if col.required else ''} | {'; '.join(rules)} | "
                         f"{col.description.replace('|', '/')} |")
    return "\n".join(parts) + "\n"


def write_data_dictionary(path: Path = DICTIONARY) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(), encoding="utf-8")
    return path
