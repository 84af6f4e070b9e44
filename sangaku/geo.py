"""Derive the geography the project ships from MLIT's N03 administrative boundaries.

`python -m sangaku geo --n03 PATH` reads N03 boundaries (a folder holding the simplified
files, or one GeoJSON / shapefile of a user's own download) and writes
`data/sources/municipalities.csv`: every municipality, ward and prefecture with a point
inside its area. The app never reads N03 itself.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .paths import SOURCES_DIR

MLIT_CREDIT = "出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成"
MLIT_SOURCE_ID = "mlit_n03_2021"
NATIONWIDE_FILE = "municipalities_2021_s0001.geojson"

Log = Callable[[str], None]


def read_n03(path: Path) -> gpd.GeoDataFrame:
    """Read N03 features from a folder of the simplified files or from one file."""
    path = Path(path)
    if path.is_dir():
        candidate = path / NATIONWIDE_FILE
        if not candidate.exists():
            found = sorted(path.glob("*.geojson")) + sorted(path.glob("*.shp"))
            if not found:
                raise FileNotFoundError(f"{path}: no N03 GeoJSON or shapefile in this folder")
            candidate = found[0]
        path = candidate
    gdf = gpd.read_file(path)
    missing = {"N03_001", "N03_004", "N03_007"} - set(gdf.columns)
    if missing:
        raise ValueError(f"{path}: not an N03 file (missing properties {sorted(missing)})")
    if gdf.crs is None:
        gdf = gdf.set_crs(6668)  # N03 is published in JGD2011
    return gdf.to_crs(4326)


def _kind(code: str, name: str, county: str | None) -> str:
    if code.startswith("13") and name.endswith("区") and int(code) < 13200:
        return "special_ward"
    if name.endswith("区") and county and county.endswith("市"):
        return "ward"
    for suffix, kind in (("市", "city"), ("町", "town"), ("村", "village")):
        if name.endswith(suffix):
            return kind
    return "unknown"


def _point(geom) -> tuple[float, float]:
    p = geom.representative_point()
    return round(p.y, 5), round(p.x, 5)


def derive_municipalities(n03: gpd.GeoDataFrame, log: Log = print) -> pd.DataFrame:
    """One row per code: municipalities and wards, designated cities, prefectures."""
    rows: list[dict] = []
    n03 = n03[n03["N03_007"].notna()].copy()
    n03["N03_007"] = n03["N03_007"].astype(str).str.zfill(5)
    county = n03["N03_003"] if "N03_003" in n03.columns else pd.Series(None, index=n03.index)
    n03["county"] = county.where(county.notna(), None)
    log(f"geo: {len(n03)} N03 features, {n03['N03_007'].nunique()} codes")

    is_ward = [_kind(c, n, k) == "ward"
               for c, n, k in zip(n03["N03_007"], n03["N03_004"], n03["county"])]
    wards = n03[is_ward].copy()
    # A designated city's code is its lowest ward code rounded down to ten
    # (Sapporo 01100: wards 01101–01110; Osaka 27100: wards from 27102).
    city_of_group = (wards.groupby([wards["N03_007"].str[:2], "county"])["N03_007"].min()
                     .map(lambda c: f"{int(c) // 10 * 10:05d}"))
    wards["city_code"] = [city_of_group[(c[:2], k)]
                          for c, k in zip(wards["N03_007"], wards["county"])]
    parent_of = dict(zip(wards["N03_007"], wards["city_code"]))

    by_code = n03.dissolve(by="N03_007", aggfunc="first")
    for i, (code, rec) in enumerate(by_code.iterrows()):
        name = rec["N03_004"]
        kind = _kind(code, name, rec["county"])
        full_name = f"{rec['county']}{name}" if kind == "ward" else name
        lat, lon = _point(rec.geometry)
        rows.append({"municipality_code": code, "pref_code": code[:2], "name_ja": full_name,
                     "kind": kind, "parent_code": parent_of.get(code),
                     "lat": lat, "lon": lon})
        if i % 400 == 0:
            log(f"geo: municipalities {i}/{len(by_code)}")

    cities = wards.dissolve(by="city_code", aggfunc="first")
    for code, rec in cities.iterrows():
        lat, lon = _point(rec.geometry)
        rows.append({"municipality_code": code, "pref_code": code[:2], "name_ja": rec["county"],
                     "kind": "designated_city", "parent_code": None, "lat": lat, "lon": lon})
    log(f"geo: {len(cities)} designated cities")

    n03["pref_code"] = n03["N03_007"].str[:2]
    prefs = n03.dissolve(by="pref_code", aggfunc="first")
    for code, rec in prefs.iterrows():
        lat, lon = _point(rec.geometry)
        rows.append({"municipality_code": f"{code}000", "pref_code": code,
                     "name_ja": rec["N03_001"], "kind": "prefecture", "parent_code": None,
                     "lat": lat, "lon": lon})
    log(f"geo: {len(prefs)} prefectures")
    out = pd.DataFrame(rows).sort_values("municipality_code").reset_index(drop=True)
    out["source_id"] = MLIT_SOURCE_ID
    return out


def write_municipalities(df: pd.DataFrame, out_dir: Path = SOURCES_DIR) -> Path:
    path = out_dir / "municipalities.csv"
    df.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return path


def run(n03_path: Path, out_dir: Path = SOURCES_DIR, log: Log = print) -> list[Path]:
    log(f"geo: reading {n03_path}")
    n03 = read_n03(n03_path)
    municipalities = derive_municipalities(n03, log)
    written = [write_municipalities(municipalities, out_dir)]
    for path in written:
        log(f"geo: wrote {path}")
    return written
