"""The shipped geography (data/geo) against the real N03 files and the project's sources:
every region drawn, valid and where it belongs; files small, credited, EPSG:4326 and
reproducible; the capital-region layer complete; a file that is not N03 refused."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pyogrio
import pytest
import shapely
from shapely.geometry import shape

from sangaku import geo
from sangaku.paths import GEO_DIR, ROOT, SOURCES_DIR

SHARED_GEO = ROOT.parent / "shared" / "geo"
NEEDS_SHARED = pytest.mark.skipif(
    not SHARED_GEO.is_dir(),
    reason=f"{SHARED_GEO} (the simplified N03 files) is not on this machine")
SIZE_LIMITS = {"prefectures": 400_000, "regions": 300_000, "capital_municipalities": 500_000}
LON_MIN, LAT_MIN, LON_MAX, LAT_MAX = geo.JAPAN_EXTENT


def _rows(name: str) -> list[dict[str, str]]:
    with (SOURCES_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _layer(name: str) -> dict:
    return geo.load_layer(name)


def _shapes(name: str) -> dict[str, object]:
    return {f["id"]: shape(f["geometry"]) for f in _layer(name)["features"]}


def _coords(geometry: dict):
    rings = [geometry["coordinates"]] if geometry["type"] == "Polygon" \
        else geometry["coordinates"]
    for polygon in rings:
        for ring in polygon:
            yield from ring


def _run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def _assert_polygonal(geom, label: str) -> None:
    assert geom.geom_type in ("Polygon", "MultiPolygon"), label
    assert not geom.is_empty, label
    assert geom.is_valid, (label, shapely.is_valid_reason(geom))
    x0, y0, x1, y1 = geom.bounds
    assert LON_MIN <= x0 and x1 <= LON_MAX and LAT_MIN <= y0 and y1 <= LAT_MAX, (label, geom.bounds)


# --------------------------------------------------------------------------- regions


def _drawable_regions() -> dict[str, list[str]]:
    """Region -> its member regions (itself, or the members of a greater cluster)."""
    members = {r["region_id"] for r in _rows("region_municipalities.csv")}
    out = {}
    for region in _rows("regions.csv"):
        rid = region["region_id"]
        if rid in members:
            out[rid] = [rid]
        else:
            parts = [r["region_id"] for r in _rows("regions.csv")
                     if r["greater_cluster_id"] == rid and r["region_id"] in members]
            if parts:
                out[rid] = parts
    return out


def test_every_region_with_members_has_one_valid_shape_in_its_own_prefectures():
    drawable = _drawable_regions()
    assert {"greater_kansai", "greater_kyushu", "tama"} <= set(drawable)
    layer = _layer("regions")
    ids = [f["id"] for f in layer["features"]]
    assert sorted(ids) == sorted(drawable), "one feature per region that has members"
    prefectures = _shapes("prefectures")
    region_prefs = defaultdict(set)
    for row in _rows("region_prefectures.csv"):
        region_prefs[row["region_id"]].add(row["pref_code"])
    regions = {r["region_id"]: r for r in _rows("regions.csv")}
    listed = defaultdict(list)
    for row in _rows("region_municipalities.csv"):
        listed[row["region_id"]].append(row["municipality_code"])
    for feature in layer["features"]:
        rid = feature["id"]
        geom = shape(feature["geometry"])
        _assert_polygonal(geom, rid)
        props = feature["properties"]
        assert props["region_id"] == rid
        for key in ("kind", "program_id", "name_ja", "name_en"):
            assert props[key] == regions[rid][key], (rid, key)
        assert props["municipality_codes"] == [c for m in drawable[rid] for c in listed[m]]
        prefs = set().union(*(region_prefs[m] for m in drawable[rid]), region_prefs[rid])
        assert prefs, rid
        home = shapely.union_all([prefectures[p] for p in sorted(prefs)])
        point = geom.representative_point()
        assert home.contains(point), (rid, point, sorted(prefs))


def test_greater_clusters_are_the_union_of_their_members():
    shapes = _shapes("regions")
    for rid, members in _drawable_regions().items():
        if members == [rid]:
            continue
        union = shapely.union_all([shapes[m] for m in members])
        assert abs(union.area - shapes[rid].area) < 0.01 * union.area, rid
        assert shapes[rid].symmetric_difference(union).area < 0.01 * union.area, rid


@NEEDS_SHARED
def test_region_areas_match_their_member_municipalities_in_n03():
    """Nothing lost or added when dissolving: areas within 5 % of the members' N03 area."""
    n03 = json.loads((SHARED_GEO / geo.NATIONWIDE_FILE).read_text(encoding="utf-8"))
    area = defaultdict(float)
    for f in n03["features"]:
        code = f["properties"]["N03_007"]
        if code:
            area[code] += shape(f["geometry"]).area
    wards = defaultdict(list)
    for row in _rows("municipalities.csv"):
        if row["parent_code"]:
            wards[row["parent_code"]].append(row["municipality_code"])
    shapes = _shapes("regions")
    for feature in _layer("regions")["features"]:
        codes = feature["properties"]["municipality_codes"]
        expected = sum(area[c] if c in area else sum(area[w] for w in wards[c]) for c in codes)
        assert expected > 0, feature["id"]
        ratio = shapes[feature["id"]].area / expected
        assert 0.95 < ratio < 1.05, (feature["id"], ratio)


# --------------------------------------------------------------------------- codes


def test_every_member_code_exists_in_municipalities_csv():
    known = {r["municipality_code"]: r for r in _rows("municipalities.csv")}
    for row in _rows("region_municipalities.csv"):
        code = row["municipality_code"]
        assert code in known, (row["region_id"], code)
        assert known[code]["kind"] not in ("prefecture", "ward"), (row["region_id"], code)


@NEEDS_SHARED
def test_every_member_code_exists_in_the_n03_data():
    n03 = json.loads((SHARED_GEO / geo.NATIONWIDE_FILE).read_text(encoding="utf-8"))
    codes = {f["properties"]["N03_007"] for f in n03["features"]} - {None}
    wards = defaultdict(set)
    for row in _rows("municipalities.csv"):
        if row["parent_code"]:
            wards[row["parent_code"]].add(row["municipality_code"])
    for row in _rows("region_municipalities.csv"):
        code = row["municipality_code"]
        if code in codes:
            continue
        # a designated city: N03 has its wards only
        assert wards[code] and wards[code] <= codes, (row["region_id"], code)


# --------------------------------------------------------------------------- the files


@pytest.mark.parametrize("name", geo.LAYER_NAMES)
def test_layer_is_credited_epsg4326_geojson_with_valid_rounded_shapes(name):
    path = GEO_DIR / f"{name}.geojson"
    layer = json.loads(path.read_text(encoding="utf-8"))
    assert layer["type"] == "FeatureCollection"
    assert layer["credit"] == geo.MLIT_CREDIT
    assert layer["source"] == geo.MLIT_SOURCE_ID
    crs = layer.get("crs")
    assert crs is None or crs["properties"]["name"] in (
        "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326")
    assert pyogrio.read_info(path)["crs"] == "EPSG:4326"
    ids = [f["id"] for f in layer["features"]]
    assert ids == sorted(ids) and len(set(ids)) == len(ids), "features sorted by a unique id"
    for feature in layer["features"]:
        _assert_polygonal(shape(feature["geometry"]), f"{name} {feature['id']}")
        for x, y in _coords(feature["geometry"]):
            assert round(x, 5) == x and round(y, 5) == y, (feature["id"], x, y)
    assert path.stat().st_size <= SIZE_LIMITS[name], (name, path.stat().st_size)


def test_layers_fit_the_nationwide_map_payload():
    total = sum((GEO_DIR / f"{n}.geojson").stat().st_size for n in geo.LAYER_NAMES)
    assert total <= 1_500_000, total


def test_prefectures_are_the_47_with_their_names_and_share_borders():
    layer = _layer("prefectures")
    expected = {r["pref_code"]: r["name_ja"] for r in _rows("prefectures.csv")}
    got = {f["properties"]["pref_code"]: f["properties"]["name_ja"] for f in layer["features"]}
    assert got == expected
    assert sorted(got) == [f"{i:02d}" for i in range(1, 48)]
    # neighbours keep one common border: no overlaps, no slivers between them
    assert shapely.coverage_is_valid([shape(f["geometry"]) for f in layer["features"]])


def test_capital_municipalities_are_complete_without_tokyo_islands():
    layer = _layer("capital_municipalities")
    codes = [f["properties"]["municipality_code"] for f in layer["features"]]
    assert len(codes) == len(set(codes))
    assert not [c for c in codes if 13360 <= int(c) <= 13421], "Tokyo's islands are left out"
    tokyo = [c for c in codes if c.startswith("13")]
    assert len(tokyo) == 53  # 23 special wards + 26 cities + 3 towns + 1 village (Tama)
    assert len([c for c in tokyo if int(c) < 13200]) == 23
    expected = {r["municipality_code"]: r["name_ja"] for r in _rows("municipalities.csv")
                if r["pref_code"] in geo.CAPITAL_PREFS
                and r["kind"] not in ("prefecture", "ward")
                and not 13360 <= int(r["municipality_code"]) <= 13421}
    got = {f["properties"]["municipality_code"]: f["properties"]["name_ja"]
           for f in layer["features"]}
    assert got == expected
    assert {"11100", "14100", "14130", "14150"} <= set(got), "designated cities merged"
    for f in layer["features"]:
        assert f["properties"]["pref_code"] == f["properties"]["municipality_code"][:2]
    assert shapely.coverage_is_valid([shape(f["geometry"]) for f in layer["features"]])


@NEEDS_SHARED
def test_tokyo_count_matches_the_n03_file():
    n03 = json.loads((SHARED_GEO / "municipalities_13_2021_s0010.geojson")
                     .read_text(encoding="utf-8"))
    codes = {f["properties"]["N03_007"] for f in n03["features"]} - {None}
    assert len([c for c in codes if not 13360 <= int(c) <= 13421]) == 53


def test_load_layer_needs_no_gis_library_and_names_what_is_missing(tmp_path):
    code = ("import sys; from sangaku.geo import load_layer; "
            "layer = load_layer('regions'); assert layer['features']; "
            "print(sorted(m for m in ('geopandas', 'shapely', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
    with pytest.raises(FileNotFoundError, match="regions.geojson.*python -m sangaku geo"):
        geo.load_layer("regions", tmp_path)
    with pytest.raises(ValueError, match="unknown geo layer"):
        geo.load_layer("rivers")


# --------------------------------------------------------------------------- the command


@NEEDS_SHARED
def test_command_reproduces_the_shipped_files_byte_for_byte(tmp_path):
    out = _run_cli("sangaku", "geo", "--n03", str(SHARED_GEO), "--out",
                   str(tmp_path / "sources"))
    assert out.returncode == 0, out.stderr
    assert "geo: reading" in out.stdout and "KB in all" in out.stdout
    for name in geo.LAYER_NAMES:
        made = (tmp_path / "geo" / f"{name}.geojson").read_bytes()
        assert made == (GEO_DIR / f"{name}.geojson").read_bytes(), name
    assert ((tmp_path / "sources" / "municipalities.csv").read_bytes()
            == (SOURCES_DIR / "municipalities.csv").read_bytes())


@NEEDS_SHARED
def test_one_nationwide_file_serves_every_layer(tmp_path):
    geo.run(SHARED_GEO / geo.NATIONWIDE_FILE, tmp_path / "sources", log=lambda _: None)
    assert ((tmp_path / "sources" / "municipalities.csv").read_bytes()
            == (SOURCES_DIR / "municipalities.csv").read_bytes())
    for name in geo.LAYER_NAMES:
        shipped = _layer(name)
        made = geo.load_layer(name, tmp_path / "geo")
        assert [f["id"] for f in made["features"]] == [f["id"] for f in shipped["features"]]
        for f in made["features"]:
            _assert_polygonal(shape(f["geometry"]), f"{name} {f['id']}")


def test_command_refuses_a_file_that_is_not_n03(tmp_path):
    bad = tmp_path / "not_n03.geojson"
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "somewhere", "code": "13101"},
         "geometry": {"type": "Point", "coordinates": [139.7, 35.7]}}]}), encoding="utf-8")
    out = _run_cli("sangaku", "geo", "--n03", str(bad), "--out", str(tmp_path / "sources"))
    assert out.returncode != 0
    assert str(bad) in out.stderr and "not an N03 file" in out.stderr, out.stderr
    assert not (tmp_path / "sources").exists() and not (tmp_path / "geo").exists()
    out = _run_cli("sangaku.geo", "--n03", str(bad), "--out-dir", str(tmp_path))
    assert out.returncode == 1
    assert out.stderr.strip().startswith(f"geo: {bad}: not an N03 file"), out.stderr
    with pytest.raises(geo.N03Error, match="not_n03.geojson: not an N03 file"):
        geo.run(bad, tmp_path / "sources", log=lambda _: None)


@NEEDS_SHARED
def test_command_refuses_a_file_that_lacks_region_members(tmp_path):
    """One prefecture's file cannot draw the nationwide regions: refused, nothing written."""
    tokyo = SHARED_GEO / "municipalities_13_2021_s0010.geojson"
    with pytest.raises(geo.N03Error, match=r"region cluster_sapporo: municipalities \['01100'\]"):
        geo.run(tokyo, tmp_path / "sources", log=lambda _: None)
    assert not (tmp_path / "sources").exists() and not (tmp_path / "geo").exists()
