"""Derive the geography the project ships from MLIT's N03 administrative boundaries.

`python -m sangaku geo --n03 PATH [--out data/sources]` reads N03 boundaries and writes

* `data/sources/municipalities.csv`: every municipality, ward, designated city and
  prefecture with a point inside its area (unchanged format);
* `data/geo/prefectures.geojson`: the 47 prefectures, the nationwide base layer;
* `data/geo/regions.geojson`: every program region that has member municipalities
  (`data/sources/region_municipalities.csv`), dissolved from its members (a designated
  city's code stands for all its wards), plus the greater clusters, each the union of its
  member regions (`regions.greater_cluster_id`);
* `data/geo/capital_municipalities.geojson`: the municipalities of Saitama (11), Tokyo
  (13) and Kanagawa (14), wards of designated cities merged into their city (Tokyo's 23
  special wards stay separate). Tokyo's islands (codes 13360–13421: the Izu and Ogasawara
  islands) are left out on purpose, so that a view fitted to this layer frames the Tama
  area instead of the Pacific.

The geo files go to the `geo` folder beside the `--out` folder (`data/geo` by default).
`python -m sangaku.geo --n03 PATH [--out-dir data] [--simplify DEGREES]` does the same
with the data folder as DIR (DIR/sources, DIR/geo) and a nationwide tolerance of one's own.

PATH is either a folder holding the simplified files of `../shared/geo`
(`municipalities_2021_s0001.geojson` nationwide, `municipalities_{11,13,14}_*.geojson`
finer for the capital region; a prefecture without its own file falls back to the
nationwide file) or ONE N03 GeoJSON or shapefile, for example a user's own
full-resolution download. A single file serves every layer.

How the shapes are made small, the same way for every input:

1. features are dissolved per code (islands and enclaves are separate N03 features);
2. tiny islands (area under tolerance², about 1 km² nationwide and 0.01 km² for the
   capital layer) are dropped unless they touch another municipality; a municipality
   always keeps its largest part;
3. if the municipalities do not form a clean coverage (the three capital files were
   simplified separately, so their common borders overlap and leave gaps up to ~650 m),
   the coverage is cleaned with `shapely.coverage_clean` (overlaps given to one side,
   gaps narrower than 0.01° filled);
4. the coverage is simplified with `shapely.coverage_simplify` (Visvalingam–Whyatt on
   shared edges, so neighbours keep one common border and no slivers open), tolerance
   0.01° nationwide and 0.001° for the capital layer; prefectures and regions are then
   dissolved from the simplified municipalities, so a region's outline follows the
   prefecture borders it shares (a region lying wholly in Saitama/Tokyo/Kanagawa, i.e.
   TAMA, is dissolved from the finer capital-region shapes instead, so that it matches
   the capital layer drawn under it);
5. regions get a light Douglas–Peucker pass (`preserve_topology=True`, tolerance 0.0005°,
   about 50 m);
6. every shape is snapped to a 1e-5° grid (coordinates have 5 decimals), repaired with
   `make_valid` keeping its polygonal parts, oriented as RFC 7946 asks.

If a file would still exceed its size budget (a very detailed input), its tolerance is
doubled until it fits, and the command says so. The output is deterministic: the same
input gives byte-identical files (features sorted by id; the JSON is written here, not
by a GIS driver, so that each FeatureCollection carries the MLIT credit and the source id
as top-level members).

The app reads the layers with `load_layer`, which needs neither geopandas nor shapely.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .paths import GEO_DIR, SOURCES_DIR

if TYPE_CHECKING:  # the app imports this module for load_layer: keep GIS imports lazy
    import geopandas as gpd
    import pandas as pd

MLIT_CREDIT = "出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成"
MLIT_SOURCE_ID = "mlit_n03_2021"
NATIONWIDE_FILE = "municipalities_2021_s0001.geojson"
CAPITAL_PREFS = ("11", "13", "14")
CAPITAL_FILE_GLOB = "municipalities_{pref}_*.geojson"
TOKYO_ISLANDS = (13360, 13421)  # inclusive range of the Izu and Ogasawara islands' codes

LAYER_NAMES = ("prefectures", "regions", "capital_municipalities")
# Size budgets in bytes (KB = 1000 bytes). The nationwide map shows all three: ≤ 1.5 MB.
LAYER_BUDGETS = {"prefectures": 350_000, "regions": 300_000,
                 "capital_municipalities": 500_000}
TOTAL_BUDGET = 1_500_000

NATION_TOLERANCE = 0.01      # coverage_simplify, degrees (≈ √ of the area removed)
CAPITAL_TOLERANCE_RATIO = 10  # the capital layer is drawn about ten times closer
REGION_TOLERANCE_RATIO = 20   # Douglas–Peucker on regions: 0.0005° by default
CLEAN_GAP_WIDTH = 0.01       # gaps narrower than this (degrees) are filled when cleaning
PRECISION = 5                # decimals of every coordinate (1e-5° ≈ 1 m)
MAX_TOLERANCE_STEPS = 8
UNASSIGNED = "-unassigned"   # key suffix of land that belongs to no municipality (所属未定地)

JAPAN_EXTENT = (122.0, 20.0, 154.0, 46.0)  # lon_min, lat_min, lon_max, lat_max

Log = Callable[[str], None]


class N03Error(ValueError):
    """The input is not usable N03 data (the message names the file)."""


# --------------------------------------------------------------------------- loading


def layer_path(name: str, geo_dir: Path | None = None) -> Path:
    if name not in LAYER_NAMES:
        raise ValueError(f"unknown geo layer {name!r}; expected one of {', '.join(LAYER_NAMES)}")
    return Path(geo_dir or GEO_DIR) / f"{name}.geojson"


def load_layer(name: str, geo_dir: Path | None = None) -> dict[str, Any]:
    """One shipped layer as a GeoJSON dict (plain json: no geopandas needed)."""
    path = layer_path(name, geo_dir)
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: derive it with `python -m sangaku geo --n03 PATH` "
            "(PATH: the folder ../shared/geo or an N03 file from MLIT)")
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


# --------------------------------------------------------------------------- reading N03


def _looks_decoded(names: Iterable) -> bool:
    return any(isinstance(n, str) and n[-1:] in ("都", "道", "府", "県") for n in names)


def _read_one(path: Path) -> gpd.GeoDataFrame:
    """One N03 file as a GeoDataFrame in EPSG:4326, refused if it is not N03."""
    import geopandas as gpd

    try:
        gdf = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises its own error types
        raise N03Error(f"{path}: cannot be read as GeoJSON or shapefile ({exc})") from exc
    missing = {"N03_001", "N03_004", "N03_007"} - set(gdf.columns)
    if missing:
        raise N03Error(f"{path}: not an N03 file (missing properties {sorted(missing)})")
    if (path.suffix.lower() == ".shp" and len(gdf)
            and not _looks_decoded(gdf["N03_001"].head(50))):
        gdf = gpd.read_file(path, encoding="cp932")  # older N03 shapefiles: Shift_JIS, no .cpg
    if gdf["N03_007"].notna().sum() == 0:
        raise N03Error(f"{path}: no feature has a municipality code (N03_007)")
    if gdf.crs is None:
        gdf = gdf.set_crs(6668)  # N03 is published in JGD2011
    return gdf.to_crs(4326)


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
    elif not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    return _read_one(path)


def read_capital_n03(path: Path, nationwide: gpd.GeoDataFrame,
                     log: Log = print) -> gpd.GeoDataFrame:
    """Saitama, Tokyo and Kanagawa: from their finer files in a folder, else nationwide."""
    import pandas as pd

    path = Path(path)
    parts = []
    for pref in CAPITAL_PREFS:
        files = sorted(path.glob(CAPITAL_FILE_GLOB.format(pref=pref))) if path.is_dir() else []
        if files:
            log(f"geo: capital region: reading {files[0].name}")
            gdf = _read_one(files[0])
        else:
            gdf = nationwide
        codes = gdf["N03_007"].astype("string").str.zfill(5)
        parts.append(gdf[codes.str[:2].fillna("") == pref])
    return pd.concat(parts, ignore_index=True)


# --------------------------------------------------------------------------- municipalities.csv


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


def _with_codes(n03: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Features that have a code, code as 5 digits, county as str or None."""
    import pandas as pd

    n03 = n03[n03["N03_007"].notna()].copy()
    n03["N03_007"] = n03["N03_007"].astype(str).str.zfill(5)
    county = n03["N03_003"] if "N03_003" in n03.columns else pd.Series(None, index=n03.index)
    n03["county"] = county.where(county.notna(), None)
    return n03


def _ward_cities(n03: gpd.GeoDataFrame) -> dict[str, str]:
    """Ward code -> designated city code (input from `_with_codes`).

    A designated city's code is its lowest ward code rounded down to ten
    (Sapporo 01100: wards 01101–01110; Osaka 27100: wards from 27102).
    """
    is_ward = [_kind(c, n, k) == "ward"
               for c, n, k in zip(n03["N03_007"], n03["N03_004"], n03["county"])]
    wards = n03[is_ward]
    city_of_group = (wards.groupby([wards["N03_007"].str[:2], "county"])["N03_007"].min()
                     .map(lambda c: f"{int(c) // 10 * 10:05d}"))
    return {c: city_of_group[(c[:2], k)] for c, k in zip(wards["N03_007"], wards["county"])}


def derive_municipalities(n03: gpd.GeoDataFrame, log: Log = print) -> pd.DataFrame:
    """One row per code: municipalities and wards, designated cities, prefectures."""
    import pandas as pd

    rows: list[dict] = []
    n03 = _with_codes(n03)
    log(f"geo: {len(n03)} N03 features, {n03['N03_007'].nunique()} codes")

    parent_of = _ward_cities(n03)
    wards = n03[n03["N03_007"].isin(parent_of)].copy()
    wards["city_code"] = wards["N03_007"].map(parent_of)

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


# --------------------------------------------------------------------------- coverages


class Coverage:
    """Municipality shapes keyed by code, forming one polygonal coverage."""

    def __init__(self, keys: list[str], names: list[str], prefs: list[str], geoms,
                 pref_names: dict[str, str] | None = None) -> None:
        self.keys, self.names, self.prefs, self.geoms = keys, names, prefs, geoms
        self.pref_names = pref_names or {}

    @property
    def vertices(self) -> int:
        import shapely

        return int(shapely.get_num_coordinates(self.geoms).sum())

    def geometry_of(self) -> dict[str, Any]:
        return dict(zip(self.keys, self.geoms))


def _polygonal(geom):
    """make_valid, then only the polygonal parts (None if nothing is left)."""
    import shapely

    if geom is None or geom.is_empty:
        return None
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    parts = [q for p in parts for q in shapely.get_parts(p) if not q.is_empty]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _dissolve(keys: list[str], geoms) -> tuple[list[str], list]:
    """Union of the geometries sharing a key, keys sorted."""
    import shapely

    groups: dict[str, list] = {}
    for key, geom in zip(keys, geoms):
        geom = _polygonal(geom)
        if geom is not None:
            groups.setdefault(key, []).append(geom)
    out_keys = sorted(groups)
    out = []
    for key in out_keys:
        members = groups[key]
        merged = members[0] if len(members) == 1 else shapely.union_all(members)
        out.append(_polygonal(merged))
    return out_keys, out


def _drop_specks(geoms, min_area: float) -> tuple[list, int]:
    """Drop parts smaller than min_area that touch no other shape (tiny islands)."""
    import shapely

    parts, owner = shapely.get_parts(geoms, return_index=True)
    tree = shapely.STRtree(parts)
    keep = [[] for _ in geoms]
    dropped = 0
    areas = shapely.area(parts)
    largest: dict[int, int] = {}
    for j, (o, a) in enumerate(zip(owner, areas)):
        if o not in largest or a > areas[largest[o]]:
            largest[o] = j
    for j, part in enumerate(parts):
        o = owner[j]
        if areas[j] < min_area and largest[o] != j:
            touching = [k for k in tree.query(part, predicate="intersects") if owner[k] != o]
            if not touching:
                dropped += 1
                continue
        keep[o].append(part)
    out = [ps[0] if len(ps) == 1 else shapely.MultiPolygon(ps) for ps in keep]
    return out, dropped


def _cleaned(cov: Coverage, min_area: float, label: str, log: Log) -> Coverage:
    """Drop specks; clean the coverage if neighbours overlap or leave gaps."""
    import numpy as np
    import shapely

    geoms, dropped = _drop_specks(list(cov.geoms), min_area)
    geoms = np.array(geoms, dtype=object)
    if dropped:
        log(f"geo: {label}: dropped {dropped} islets under {min_area:g} square degrees")
    keep = list(range(len(geoms)))
    if not shapely.coverage_is_valid(geoms):
        bad = int((~shapely.is_empty(shapely.coverage_invalid_edges(geoms))).sum())
        log(f"geo: {label}: {bad} shapes do not match their neighbours; cleaning the coverage "
            f"(gaps under {CLEAN_GAP_WIDTH}° filled)")
        cleaned = [_polygonal(g) for g in shapely.coverage_clean(geoms, gap_width=CLEAN_GAP_WIDTH)]
        for i, geom in enumerate(cleaned):
            if geom is not None:
                geoms[i] = geom
            elif cov.keys[i].endswith(UNASSIGNED):  # a sliver of unassigned land: let it go
                log(f"geo: {label}: {cov.keys[i]} vanished when cleaning (a sliver); left out")
                keep.remove(i)
            else:  # never seen; keep the shape as it was rather than lose a municipality
                log(f"geo: {label}: warning: {cov.keys[i]} vanished when cleaning; kept uncleaned")
    return Coverage([cov.keys[i] for i in keep], [cov.names[i] for i in keep],
                    [cov.prefs[i] for i in keep], geoms[keep], cov.pref_names)


def _simplified(cov: Coverage, tolerance: float) -> Coverage:
    """Coverage simplification: neighbours keep one common border."""
    import numpy as np
    import shapely

    fixed = []
    for geom, original in zip(shapely.coverage_simplify(cov.geoms, tolerance), cov.geoms):
        geom = _polygonal(geom)
        fixed.append(original if geom is None else geom)  # collapsed: keep it unsimplified
    return Coverage(cov.keys, cov.names, cov.prefs, np.array(fixed, dtype=object),
                    cov.pref_names)


def nationwide_coverage(n03: gpd.GeoDataFrame) -> tuple[Coverage, dict[str, str]]:
    """Every code as one shape (plus unassigned land per prefecture), and ward -> city."""
    import numpy as np

    with_codes = _with_codes(n03)
    wards = _ward_cities(with_codes)
    pref_of_name: dict[str, str] = {}
    for name, code in zip(with_codes["N03_001"], with_codes["N03_007"]):
        pref_of_name.setdefault(name, code[:2])
    names = dict(zip(with_codes["N03_007"], with_codes["N03_004"]))
    pref_names = dict(zip(with_codes["N03_007"].str[:2], with_codes["N03_001"]))

    keys = []
    for name, code in zip(n03["N03_001"], n03["N03_007"]):
        if code is not None and code == code:  # not None/NaN
            keys.append(str(code).zfill(5))
        else:  # 所属未定地: land of no municipality, still part of its prefecture
            keys.append(f"{pref_of_name.get(name, '00')}{UNASSIGNED}")
    keys, geoms = _dissolve(keys, n03.geometry.values)
    return Coverage(keys, [names.get(k) or pref_names.get(k[:2], "") for k in keys],
                    [k[:2] for k in keys], np.array(geoms, dtype=object), pref_names), wards


def capital_coverage(capital: gpd.GeoDataFrame) -> Coverage:
    """Saitama, Tokyo, Kanagawa: designated cities merged, Tokyo's islands left out."""
    import numpy as np

    n03 = _with_codes(capital)
    island = n03["N03_007"].astype(int).between(*TOKYO_ISLANDS)
    n03 = n03[~island]
    wards = _ward_cities(n03)
    keys = [wards.get(c, c) for c in n03["N03_007"]]
    names = {}
    for key, code, name, county in zip(keys, n03["N03_007"], n03["N03_004"], n03["county"]):
        names.setdefault(key, county if key != code else name)
    keys_sorted, geoms = _dissolve(keys, n03.geometry.values)
    return Coverage(keys_sorted, [names[k] for k in keys_sorted], [k[:2] for k in keys_sorted],
                    np.array(geoms, dtype=object))


# --------------------------------------------------------------------------- regions


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def region_definitions(sources_dir: Path = SOURCES_DIR) -> list[dict[str, Any]]:
    """Regions that can be drawn: those with members, and greater clusters of them."""
    regions = _read_csv(sources_dir / "regions.csv")
    members: dict[str, list[str]] = {}
    for row in _read_csv(sources_dir / "region_municipalities.csv"):
        members.setdefault(row["region_id"], []).append(row["municipality_code"])
    out = []
    for region in regions:
        rid = region["region_id"]
        base = {k: region[k] for k in ("region_id", "kind", "program_id", "name_ja", "name_en")}
        if rid in members:
            out.append({**base, "municipality_codes": members[rid], "member_region_ids": []})
            continue
        parts = [r["region_id"] for r in regions
                 if r["greater_cluster_id"] == rid and r["region_id"] in members]
        if parts:
            codes = [c for p in parts for c in members[p]]
            out.append({**base, "municipality_codes": codes, "member_region_ids": parts})
    return out


def _resolve(codes: list[str], shapes: dict[str, Any], wards: dict[str, str]) -> list | None:
    """Member shapes of a coverage: a code, or a designated city as its wards."""
    found = []
    for code in codes:
        if code in shapes:
            found.append(shapes[code])
            continue
        city_wards = [w for w, c in wards.items() if c == code and w in shapes]
        if not city_wards:
            return None
        found.extend(shapes[w] for w in sorted(city_wards))
    return found


# --------------------------------------------------------------------------- writing


def _finish(geom):
    """Snap to the output grid, repair, orient (RFC 7946: exterior rings counter-clockwise)."""
    import shapely

    snapped = shapely.set_precision(geom, 10.0 ** -PRECISION)
    out = _polygonal(snapped)
    if out is None:
        raise ValueError("a shape vanished when rounded to the output grid")
    return shapely.orient_polygons(out)


def _ring(ring) -> list[list[float]]:
    return [[round(x, PRECISION), round(y, PRECISION)] for x, y in ring.coords]


def _geometry_json(geom) -> dict[str, Any]:
    def polygon(p):
        return [_ring(p.exterior)] + [_ring(r) for r in p.interiors]

    if geom.geom_type == "Polygon":
        return {"type": "Polygon", "coordinates": polygon(geom)}
    return {"type": "MultiPolygon", "coordinates": [polygon(p) for p in geom.geoms]}


def feature_collection(features: list[tuple[str, dict[str, Any], Any]]) -> str:
    """GeoJSON text (EPSG:4326, no crs member) with the MLIT credit, features sorted by id."""
    out = []
    for fid, props, geom in sorted(features, key=lambda f: f[0]):
        out.append({"type": "Feature", "id": fid, "properties": props,
                    "geometry": _geometry_json(_finish(geom))})
    fc = {"type": "FeatureCollection", "source": MLIT_SOURCE_ID, "credit": MLIT_CREDIT,
          "features": out}
    return json.dumps(fc, ensure_ascii=False, separators=(",", ":")) + "\n"


def _fit(build: Callable[[float], str], tolerance: float, budget: int, label: str,
         log: Log) -> tuple[str, float]:
    """Build a layer, doubling the tolerance until it fits its size budget."""
    for _ in range(MAX_TOLERANCE_STEPS):
        text = build(tolerance)
        size = len(text.encode("utf-8"))
        if size <= budget:
            return text, tolerance
        log(f"geo: {label}: {size / 1000:.0f} KB is over {budget / 1000:.0f} KB; "
            f"tolerance {tolerance:g}° -> {tolerance * 2:g}°")
        tolerance *= 2
    raise ValueError(f"{label}: still over {budget / 1000:.0f} KB at tolerance {tolerance:g}°")


# --------------------------------------------------------------------------- layers


def build_layers(nationwide: gpd.GeoDataFrame, capital: gpd.GeoDataFrame,
                 sources_dir: Path = SOURCES_DIR, tolerance: float = NATION_TOLERANCE,
                 log: Log = print) -> dict[str, str]:
    """The three layers as GeoJSON text, keyed by layer name."""
    import shapely

    nation, wards = nationwide_coverage(nationwide)
    log(f"geo: nationwide: {len(nation.keys)} shapes, {nation.vertices} vertices")
    nation = _cleaned(nation, tolerance ** 2, "nationwide", log)
    cap = capital_coverage(capital)
    log(f"geo: capital region: {len(cap.keys)} municipalities, {cap.vertices} vertices")
    cap_tolerance = tolerance / CAPITAL_TOLERANCE_RATIO
    cap = _cleaned(cap, cap_tolerance ** 2, "capital region", log)
    capital_wards = _ward_cities(_with_codes(capital))

    state: dict[str, Coverage] = {}

    def prefectures(tol: float) -> str:
        state["nation"] = simple = _simplified(nation, tol)
        log(f"geo: nationwide simplified (tolerance {tol:g}°): {simple.vertices} vertices")
        by_pref: dict[str, list] = {}
        for pref, geom in zip(simple.prefs, simple.geoms):
            by_pref.setdefault(pref, []).append(geom)
        features = []
        for pref in sorted(by_pref):
            if pref == "00":
                raise N03Error("unassigned land (所属未定地) in a prefecture with no code")
            geom = shapely.coverage_union_all(by_pref[pref])
            features.append((pref, {"pref_code": pref, "name_ja": simple.pref_names[pref]}, geom))
        log(f"geo: prefectures: {len(features)}")
        return feature_collection(features)

    def capital_layer(tol: float) -> str:
        state["capital"] = simple = _simplified(cap, tol)
        log(f"geo: capital region simplified (tolerance {tol:g}°): {simple.vertices} vertices")
        features = [(k, {"municipality_code": k, "pref_code": p, "name_ja": n}, g)
                    for k, n, p, g in zip(simple.keys, simple.names, simple.prefs, simple.geoms)]
        return feature_collection(features)

    layers: dict[str, str] = {}
    layers["prefectures"], _ = _fit(prefectures, tolerance, LAYER_BUDGETS["prefectures"],
                                    "prefectures", log)
    layers["capital_municipalities"], _ = _fit(
        capital_layer, cap_tolerance,
        LAYER_BUDGETS["capital_municipalities"], "capital municipalities", log)

    nation_shapes = state["nation"].geometry_of()
    capital_shapes = state["capital"].geometry_of()
    definitions = region_definitions(sources_dir)
    dissolved: dict[str, Any] = {}
    from_capital = []
    for region in definitions:
        if region["member_region_ids"]:
            continue
        codes = region["municipality_codes"]
        members = None
        if all(c[:2] in CAPITAL_PREFS for c in codes):
            members = _resolve(codes, capital_shapes, capital_wards)
            if members is not None:
                from_capital.append(region["region_id"])
        if members is None:
            members = _resolve(codes, nation_shapes, wards)
        if members is None:
            missing = [c for c in codes if _resolve([c], nation_shapes, wards) is None]
            raise N03Error(f"region {region['region_id']}: municipalities {missing} are not in "
                           "the N03 input (a nationwide file or the folder is needed)")
        dissolved[region["region_id"]] = shapely.union_all(members)
    for region in definitions:
        if region["member_region_ids"]:
            dissolved[region["region_id"]] = shapely.union_all(
                [dissolved[r] for r in region["member_region_ids"]])
    log(f"geo: regions: {len(dissolved)} dissolved ({', '.join(from_capital) or 'none'} "
        "from the capital-region shapes)")

    def regions_layer(tol: float) -> str:
        features = []
        for region in definitions:
            geom = _polygonal(shapely.simplify(dissolved[region["region_id"]], tol,
                                               preserve_topology=True))
            props = {k: region[k] for k in ("region_id", "kind", "program_id", "name_ja",
                                             "name_en", "municipality_codes",
                                             "member_region_ids")}
            features.append((region["region_id"], props, geom))
        vertices = sum(int(shapely.get_num_coordinates(f[2])) for f in features)
        log(f"geo: regions simplified (Douglas–Peucker {tol:g}°): {vertices} vertices")
        return feature_collection(features)

    layers["regions"], _ = _fit(regions_layer, tolerance / REGION_TOLERANCE_RATIO,
                                LAYER_BUDGETS["regions"], "regions", log)
    return {name: layers[name] for name in LAYER_NAMES}


def write_layers(layers: dict[str, str], geo_dir: Path) -> list[Path]:
    """Write the layers (all or nothing: the size budget is checked first)."""
    data = {name: text.encode("utf-8") for name, text in layers.items()}
    total = sum(len(b) for b in data.values())
    if total > TOTAL_BUDGET:
        raise ValueError(f"geo layers total {total / 1000:.0f} KB, over "
                         f"{TOTAL_BUDGET / 1000:.0f} KB")
    geo_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, blob in data.items():
        path = layer_path(name, geo_dir)
        path.write_bytes(blob)
        written.append(path)
    return written


def run(n03_path: Path, out_dir: Path = SOURCES_DIR, log: Log = print, *,
        geo_dir: Path | None = None, sources_dir: Path = SOURCES_DIR,
        simplify: float | None = None) -> list[Path]:
    """municipalities.csv into out_dir, the geo layers into geo_dir (default: out_dir/../geo).

    Region definitions are read from sources_dir (the project's data/sources).
    """
    started = time.perf_counter()
    n03_path, out_dir = Path(n03_path), Path(out_dir)
    geo_dir = Path(geo_dir) if geo_dir else out_dir.parent / "geo"
    tolerance = NATION_TOLERANCE if simplify is None else float(simplify)
    if tolerance <= 0:
        raise ValueError("--simplify must be a positive tolerance in degrees")
    log(f"geo: reading {n03_path}")
    n03 = read_n03(n03_path)
    capital = read_capital_n03(n03_path, n03, log)
    municipalities = derive_municipalities(n03, log)
    layers = build_layers(n03, capital, sources_dir, tolerance, log)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [write_municipalities(municipalities, out_dir)]
    log(f"geo: wrote {written[0]}")
    paths = write_layers(layers, geo_dir)
    for path in paths:
        log(f"geo: wrote {path} ({path.stat().st_size / 1000:.1f} KB)")
    total = sum(p.stat().st_size for p in paths)
    log(f"geo: geo layers {total / 1000:.1f} KB in all (budget {TOTAL_BUDGET / 1000:.0f} KB); "
        f"done in {time.perf_counter() - started:.1f} s")
    return written + paths


def main(argv: list[str] | None = None) -> int:
    """`python -m sangaku.geo --n03 PATH [--out-dir data] [--simplify DEGREES]`."""
    parser = argparse.ArgumentParser(prog="python -m sangaku.geo", description=__doc__.split(
        "\n\n")[0])
    parser.add_argument("--n03", type=Path, required=True,
                        help="folder of N03 files or one N03 GeoJSON/shapefile")
    parser.add_argument("--out-dir", type=Path, default=SOURCES_DIR.parent,
                        help="data folder: writes OUT_DIR/sources/municipalities.csv and "
                             "OUT_DIR/geo/*.geojson (default: data)")
    parser.add_argument("--simplify", type=float, default=None,
                        help=f"nationwide tolerance in degrees (default {NATION_TOLERANCE}); "
                             f"the capital layer uses a {CAPITAL_TOLERANCE_RATIO}th of it")
    args = parser.parse_args(argv)
    try:
        run(args.n03, args.out_dir / "sources", geo_dir=args.out_dir / "geo",
            simplify=args.simplify)
    except (N03Error, FileNotFoundError) as exc:
        print(f"geo: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
