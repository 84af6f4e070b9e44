"""Shape query results into the tables pages show: localised names and labels, the
columns a reader needs, in a sensible order. Pure functions, no Streamlit."""

from __future__ import annotations

import pandas as pd

from .i18n import localized, t


def source_label(row, lang: str, full: bool = False) -> str:
    """`Publisher (year)`, or with the title when full, for a row of sources_list."""
    publisher = row.publisher_en if lang == "en" and row.publisher_en else row.publisher
    title = row.title_en if lang == "en" and row.title_en else row.title
    year = (f" ({row.published_on.year})" if row.published_on is not None
            and not pd.isna(row.published_on) and row.date_precision != "unknown" else "")
    return f"{publisher}「{title}」{year}" if full else f"{publisher}{year}"


def _blank_missing_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Empty text cells read as blank, not as 'None'."""
    for col in frame.columns:
        values = frame[col].dropna()
        textual = frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col])
        if textual and all(isinstance(v, str) for v in values):
            frame[col] = frame[col].where(frame[col].notna(), "")
    return frame


def _labels(values: pd.Series, kind: str, lang: str) -> pd.Series:
    return values.map(lambda v: t(f"{kind}.{v}", lang) if isinstance(v, str) else v)


def agreements(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    names = frame.rename(columns={"org_name_ja": "n_ja", "org_name_en": "n_en",
                                  "counterpart_name_ja": "c_ja", "counterpart_name_en": "c_en"})
    return _blank_missing_text(pd.DataFrame({
        t("col.institution", lang): localized(names, "n", lang),
        t("col.unit", lang): frame["org_unit_ja"],
        t("col.org_type", lang): _labels(frame["org_type"], "org_type", lang),
        t("col.area", lang): _labels(frame["tokyo_area"], "area", lang),
        t("col.document_type", lang): frame["document_type_ja"],
        t("col.signed_on", lang): frame["signed_on"],
        t("col.department", lang): frame["department_ja"],
        t("col.counterpart", lang): localized(names, "c", lang),
        t("col.no", lang): frame["list_no"],
        t("col.note", lang): frame["note"],
        t("col.source_id", lang): frame["source_id"],
    }))


def organization_documents(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    names = frame.rename(columns={"other_name_ja": "o_ja", "other_name_en": "o_en"})
    return _blank_missing_text(pd.DataFrame({
        t("col.counterpart", lang): localized(names, "o", lang),
        t("col.document_type", lang): frame["document_type_ja"],
        t("col.signed_on", lang): frame["signed_on"],
        t("col.unit", lang): frame["org_unit_ja"],
        t("col.department", lang): frame["department_ja"],
        t("col.note", lang): frame["note"],
    }))


def activities(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return _blank_missing_text(pd.DataFrame({
        t("col.activity", lang): frame["text_ja"],
        t("col.month", lang): frame["month_text"],
        t("col.count", lang): frame["count"],
        t("col.note", lang): frame["note"],
    }))


def events(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    organisations = localized(frame, "organisations", lang) if "organisations_ja" in frame \
        else frame.get("org_role")
    return _blank_missing_text(pd.DataFrame({
        t("col.event", lang): localized(frame, "title", lang),
        t("col.date", lang): frame["start_date"],
        t("col.role", lang): _labels(frame.get("role", frame.get("reported_role")), "role", lang),
        t("col.mode", lang): _labels(frame["mode"], "mode", lang),
        t("col.venue", lang): frame["venue_ja"],
        t("col.participants", lang): frame["participants"],
        t("col.organisations", lang): organisations,
        t("col.note", lang): frame["note"],
    }))


def presentations(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return _blank_missing_text(pd.DataFrame({
        t("col.date", lang): frame["presented_on"],
        t("col.title", lang): frame["title_ja"],
        t("col.presenter", lang): frame["presenter_ja"],
        t("col.meeting", lang): frame["meeting_ja"],
        t("col.venue", lang): frame["venue_ja"],
        t("col.note", lang): frame["note"],
    }))


def indicators(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return _blank_missing_text(pd.DataFrame({
        t("col.label", lang): localized(frame, "series_name", lang),
        t("col.value", lang): frame["value"],
        t("col.unit_name", lang): localized(frame, "unit", lang),
        t("col.period", lang): frame["period_label"],
        t("col.printed", lang): frame["original_text"],
        t("col.note", lang): frame["note"],
    }))


def network_members(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return _blank_missing_text(pd.DataFrame({
        t("col.institution", lang): localized(frame, "name", lang),
        t("col.role", lang): frame["role"].map(lambda r: t(f"network_role.{r}", lang)),
        t("col.since", lang): frame["since_fy"],
        t("col.note", lang): frame["note"],
    }))


def cases(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return _blank_missing_text(pd.DataFrame({
        t("col.title", lang): localized(frame, "title", lang),
        t("col.partners", lang): localized(frame, "partners", lang),
        t("col.date", lang): frame["case_date"],
        t("col.summary", lang): localized(frame, "summary", lang),
        t("col.url", lang): frame["url"],
        t("col.note", lang): frame["note"],
    }))


def programs(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    def budget(row) -> str:
        if pd.isna(row.annual_budget_jpy):
            return ""
        prefix = t("programs.approximately", lang) if row.budget_is_approximate else ""
        return prefix + t("programs.budget", lang, amount=f"{row.annual_budget_jpy / 1e8:,.0f}")

    def duration(row) -> str:
        if pd.isna(row.duration_years):
            return ""
        key = "programs.duration_max" if row.duration_is_maximum else "programs.duration"
        return t(key, lang, years=int(row.duration_years))

    def size(row) -> str:
        units, regions = row.units_stated, row.regions_stated
        if not pd.isna(units) and not pd.isna(regions) and units != regions:
            return t("programs.size", lang, units=int(units), regions=int(regions))
        count = regions if not pd.isna(regions) else units
        return "" if pd.isna(count) else t("programs.regions", lang, regions=int(count))

    return _blank_missing_text(pd.DataFrame({
        t("col.program", lang): frame["short_name"],
        t("col.title", lang): localized(frame, "name", lang),
        t("col.started", lang): frame["started_fy"],
        t("col.size", lang): [size(r) for r in frame.itertuples()],
        t("col.budget", lang): [budget(r) for r in frame.itertuples()],
        t("col.duration", lang): [duration(r) for r in frame.itertuples()],
        t("col.note", lang): frame["note"],
    }))


def matches(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    names = frame.rename(columns={"org_name_ja": "o_ja", "org_name_en": "o_en"})
    return _blank_missing_text(pd.DataFrame({
        t("col.rank", lang): range(1, len(frame) + 1),
        t("col.title", lang): localized(frame, "title", lang),
        t("col.institution", lang): localized(names, "o", lang),
        t("col.fields", lang): [", ".join(names) for names in frame[f"field_names_{lang}"]],
        t("col.score", lang): frame["score"].round(3),
        t("match.weight.field", lang): frame["field"].round(2),
        t("match.weight.text", lang): frame["text"].round(2),
        t("match.weight.geo", lang): frame["geo"].round(2),
        t("match.weight.prior", lang): frame["prior"].round(2),
        t("col.sample", lang): frame["is_sample"].map(lambda v: "●" if v else ""),
        t("col.source_id", lang): frame["source_id"],
    }))


def partners(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return _blank_missing_text(pd.DataFrame({
        t("col.rank", lang): range(1, len(frame) + 1),
        t("col.institution", lang): localized(frame, "name", lang),
        t("col.org_type", lang): _labels(frame["org_type"], "org_type", lang),
        t("col.score", lang): frame["score"].round(3),
        t("col.best_pair", lang): frame["best_need_id"].astype(str) + " ↔ "
                                  + frame["best_seed_id"].astype(str),
        t("col.sample", lang): frame["is_sample"].map(lambda v: "●" if v is True else ""),
    }))


def match_points(item, ranked: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The chosen item (★) and its top located matches (1, 2, …) for the small map."""
    located = ranked.dropna(subset=["lat", "lon"]).head(n)
    if item.lat is None or located.empty:
        return pd.DataFrame(columns=["lat", "lon", "label"])
    return pd.concat([
        pd.DataFrame({"lat": [item.lat], "lon": [item.lon], "label": ["★"]}),
        pd.DataFrame({"lat": located.lat, "lon": located.lon,
                      "label": [str(i) for i in range(1, len(located) + 1)]})])


def item_owners(seeds: pd.DataFrame, needs: pd.DataFrame, lang: str) -> dict[str, str]:
    """Institutions owning seeds or needs, by id, with their name in the language."""
    owners = pd.concat([seeds, needs]).dropna(subset=["org_id"]).drop_duplicates("org_id")
    names = localized(owners.rename(columns={"org_name_ja": "o_ja", "org_name_en": "o_en"}),
                      "o", lang)
    return dict(zip(owners.org_id, names))
