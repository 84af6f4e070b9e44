"""The seeded sample generator: deterministic, flagged, matching the committed files."""

from __future__ import annotations

import pandas as pd
import pytest

from sangaku import samples
from sangaku.paths import SOURCES_DIR

FIELDS = set(samples.FIELD_IDS)


def _read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def tables():
    return samples.sample_tables()


def test_sample_tables_deterministic(tables):
    again = samples.sample_tables()
    for name in samples.TABLE_NAMES:
        pd.testing.assert_frame_equal(tables[name], again[name])
    other = samples.sample_tables(seed=7)
    assert not tables["seeds"].equals(other["seeds"])
    assert not tables["needs"].equals(other["needs"])


def test_synthetic_deterministic():
    s1, n1 = samples.synthetic(500, 400, seed=3)
    s2, n2 = samples.synthetic(500, 400, seed=3)
    pd.testing.assert_frame_equal(s1, s2)
    pd.testing.assert_frame_equal(n1, n2)
    s3, _ = samples.synthetic(500, 400, seed=4)
    assert not s1["text"].equals(s3["text"])


def test_committed_files_equal_generator(tmp_path):
    samples.write_sample_files(tmp_path, progress=None)
    for name in samples.TABLE_NAMES:
        committed = SOURCES_DIR / name / samples.SAMPLE_FILE
        assert committed.exists(), f"{committed} missing: run python -m sangaku.samples"
        fresh = tmp_path / name / samples.SAMPLE_FILE
        assert committed.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
            f"{committed} is stale: run python -m sangaku.samples")


def test_every_sample_row_flagged(tables):
    for name in samples.TABLE_NAMES:
        frame = tables[name]
        assert len(frame) > 0
        assert frame["is_sample"].map(lambda v: v is True).all(), name
        assert (frame["source_id"] == samples.SOURCE_ID).all(), name
        committed = _read(SOURCES_DIR / name / samples.SAMPLE_FILE)
        assert (committed["is_sample"] == "true").all(), name
    key = {"organizations": "org_id", "seeds": "seed_id", "needs": "need_id"}
    for name, col in key.items():
        assert tables[name][col].str.startswith("sample_").all(), name


def test_sample_contents(tables):
    seeds, needs, orgs = tables["seeds"], tables["needs"], tables["organizations"]
    assert len(seeds) == 300 and len(needs) == 300
    confidential = needs["is_confidential"].sum()
    assert 0 < confidential < len(needs)
    assert abs(confidential / len(needs) - 0.1) < 0.05
    companies = set(orgs.loc[orgs["org_type"] == "company", "org_id"])
    assert set(needs["org_id"]) <= companies
    assert orgs["name_ja"].str.startswith("サンプル").all()
    assert orgs["name_en"].str.startswith("Sample").all()
    # seed owners: real universities / colleges / research institutes or sample labs
    real = pd.concat([_read(p) for p in (SOURCES_DIR / "organizations").glob("*.csv")
                      if p.name != samples.SAMPLE_FILE])
    owner_ids = set(real.loc[real["org_type"].isin(samples.OWNER_TYPES), "org_id"])
    owner_ids |= set(orgs.loc[orgs["org_type"] == "university", "org_id"])
    assert set(seeds["org_id"]) <= owner_ids
    # locations are program-region municipalities
    members = set(_read(SOURCES_DIR / "region_municipalities.csv")["municipality_code"])
    assert set(seeds["municipality_code"]) <= members
    assert set(needs["municipality_code"]) <= members
    for name, key in (("seed_fields", "seed_id"), ("need_fields", "need_id")):
        frame = tables[name]
        assert set(frame["field_id"]) <= FIELDS
        per_item = frame.groupby(key).size()
        assert per_item.between(1, 2).all()
    assert seeds["title_ja"].str.len().gt(0).all() and seeds["title_en"].str.len().gt(0).all()
    assert needs["summary_en"].str.len().gt(0).all()


def test_synthetic_sizes_fields_and_coordinates():
    seeds, needs = samples.synthetic(20_000, 25_000, seed=1)
    assert len(seeds) == 20_000 and len(needs) == 25_000
    cols = ["item_id", "text", "field_ids", "lat", "lon", "pref_code", "region_ids", "org_id"]
    for frame in (seeds, needs):
        assert list(frame.columns) == cols
        assert frame["item_id"].is_unique
        assert frame["field_ids"].map(lambda f: 1 <= len(f) <= 2 and set(f) <= FIELDS).all()
        assert frame["region_ids"].map(len).gt(0).all()
        assert frame["lat"].between(24.0, 46.0).all()
        assert frame["lon"].between(122.0, 154.0).all()
        assert frame["pref_code"].str.fullmatch(r"\d{2}").all()
        assert frame["text"].str.len().gt(0).all()


def test_document_rows_not_samples():
    for name in ("seeds", "seed_fields", "needs", "need_fields"):
        frame = _read(SOURCES_DIR / name / "documents.csv")
        assert "is_sample" in frame.columns
        assert (frame["is_sample"] == "false").all(), name
        assert not frame["source_id"].eq(samples.SOURCE_ID).any(), name
    seeds = _read(SOURCES_DIR / "seeds" / "documents.csv")
    assert len(seeds) > 0
    assert not seeds["seed_id"].str.startswith("sample_").any()
