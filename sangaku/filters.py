"""The global filters (region, technology field, period) and their URL form.

Pure functions, no Streamlit: parse and validate URL query parameters against the options
the database offers, turn filters into query parameters, and back into a URL.

URL form: `?lang=en&region=13&field=it,life_science&from=2010&to=2020`
(`region` is a two-digit prefecture code or a program region id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from .i18n import DEFAULT_LANG, LANGS, t


@dataclass(frozen=True)
class FilterOptions:
    prefectures: dict[str, tuple[str, str]]  # code -> (name_ja, name_en)
    regions: dict[str, tuple[str, str]]  # region_id -> (name_ja, name_en)
    fields: dict[str, tuple[str, str]]  # field_id -> (name_ja, name_en)
    year_min: int
    year_max: int

    def region_label(self, value: str, lang: str) -> str:
        names = self.prefectures.get(value) or self.regions.get(value)
        if not names:
            return value
        return names[1] if lang == "en" and names[1] else names[0]

    def field_label(self, value: str, lang: str) -> str:
        names = self.fields.get(value, (value, value))
        return names[1] if lang == "en" and names[1] else names[0]

    @classmethod
    def from_frames(cls, regions, prefectures, fields, years) -> "FilterOptions":
        """From the rows of filter_regions, filter_prefectures, filter_fields and
        filter_year_bounds."""
        bounds = years.iloc[0]
        return cls(
            prefectures={r.pref_code: (r.name_ja, r.name_en) for r in prefectures.itertuples()},
            regions={r.region_id: (r.name_ja, r.name_en) for r in regions.itertuples()},
            fields={r.field_id: (r.name_ja, r.name_en) for r in fields.itertuples()},
            year_min=int(bounds.year_min), year_max=int(bounds.year_max))


@dataclass(frozen=True)
class Filters:
    region: str | None = None
    fields: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None

    @property
    def is_prefecture(self) -> bool:
        return self.region is not None and self.region.isdigit()

    def query_params(self) -> dict[str, object]:
        """Parameters every filtered query takes (NULL means: do not filter)."""
        return {
            "pref_code": self.region if self.is_prefecture else None,
            "region_id": self.region if self.region and not self.is_prefecture else None,
            "fields": list(self.fields) or None,
            "date_from": dt.date(self.year_from, 1, 1) if self.year_from else None,
            "date_to": dt.date(self.year_to, 12, 31) if self.year_to else None,
        }

    @property
    def active(self) -> list[str]:
        names = []
        if self.region:
            names.append("region")
        if self.fields:
            names.append("field")
        if self.year_from or self.year_to:
            names.append("period")
        return names


@dataclass
class ParsedURL:
    filters: Filters
    lang: str
    invalid: list[tuple[str, str]] = field(default_factory=list)


def _first(value: str | list[str]) -> str:
    if isinstance(value, list):
        return value[-1] if value else ""
    return value


def parse_query_params(params: Mapping[str, str | list[str]],
                       options: FilterOptions) -> ParsedURL:
    """Read filters from URL parameters; invalid ones are dropped and reported."""
    invalid: list[tuple[str, str]] = []
    lang = DEFAULT_LANG
    if "lang" in params:
        value = _first(params["lang"])
        if value in LANGS:
            lang = value
        else:
            invalid.append(("lang", value))

    region = None
    if "region" in params:
        value = _first(params["region"])
        if value in options.prefectures or value in options.regions:
            region = value
        else:
            invalid.append(("region", value))

    fields: list[str] = []
    if "field" in params:
        value = _first(params["field"])
        for part in (p for p in value.split(",") if p):
            if part in options.fields and part not in fields:
                fields.append(part)
            else:
                invalid.append(("field", part))

    years: dict[str, int | None] = {"from": None, "to": None}
    for name in years:
        if name not in params:
            continue
        value = _first(params[name])
        if value.isdigit() and options.year_min <= int(value) <= options.year_max:
            years[name] = int(value)
        else:
            invalid.append((name, value))
    year_from, year_to = years["from"], years["to"]
    if year_from and year_to and year_from > year_to:
        invalid.append(("from", str(year_from)))
        year_from = None
    if year_from == options.year_min:
        year_from = None
    if year_to == options.year_max:
        year_to = None
    return ParsedURL(Filters(region, tuple(fields), year_from, year_to), lang, invalid)


def to_query_params(filters: Filters, lang: str) -> dict[str, str]:
    """The URL parameters that reproduce this view (defaults left out)."""
    out: dict[str, str] = {}
    if lang != DEFAULT_LANG:
        out["lang"] = lang
    if filters.region:
        out["region"] = filters.region
    if filters.fields:
        out["field"] = ",".join(filters.fields)
    if filters.year_from:
        out["from"] = str(filters.year_from)
    if filters.year_to:
        out["to"] = str(filters.year_to)
    return out


def summary(filters: Filters, options: FilterOptions, lang: str) -> str:
    """The active filters in words ("Active filters: Tokyo · IT · 2010–2015")."""
    parts = []
    if filters.region:
        parts.append(options.region_label(filters.region, lang))
    if filters.fields:
        parts.append(" / ".join(options.field_label(f, lang) for f in filters.fields))
    if filters.year_from or filters.year_to:
        parts.append(f"{filters.year_from or options.year_min}–"
                     f"{filters.year_to or options.year_max}")
    if not parts:
        return t("filters.none", lang)
    return t("filters.active", lang, summary=" · ".join(parts))
