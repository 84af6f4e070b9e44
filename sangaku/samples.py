"""Seeded sample data for the seeds–needs matcher.

Two generators, both deterministic for a given seed (``random.Random(seed)``):

* :func:`synthetic` — large frames in the matcher's input form, for benchmarks
  (tens of thousands of rows in well under a second; no files involved).
* :func:`sample_tables` — rows for the tables organizations, seeds, seed_fields,
  needs and need_fields, every row ``is_sample`` true with source ``sample_generator``.
  :func:`write_sample_files` writes them to ``data/sources/<table>/sample.csv``.

Locations are the municipalities of the program regions (region_municipalities.csv)
with their representative points from municipalities.csv; seeds belong to real
universities, colleges and research institutes in those municipalities or to
fictitious sample labs, needs to fictitious sample companies. Nothing here is a
fact: titles and summaries are composed from per-field vocabularies.

Command line: ``python -m sangaku.samples [--seed 42] [--seeds 300] [--needs 300]``.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .paths import SOURCES_DIR

SOURCE_ID = "sample_generator"
FIELD_IDS = ("it", "life_science", "nanotech", "environment", "energy", "manufacturing")
OWNER_TYPES = ("university", "college", "research_institute")
SAMPLE_FILE = "sample.csv"
TABLE_NAMES = ("organizations", "seeds", "seed_fields", "needs", "need_fields")
PROGRAM_REGION_KINDS = ("cluster_region", "trial_region", "city_area", "initiative_region")
JITTER_DEG = 0.004  # spread points of one municipality by up to ~400 m

# Per field: methods (what a lab offers) and applications (where it is used), (ja, en).
VOCAB: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    "it": {
        "method": (("画像認識", "image recognition"), ("エッジAI", "edge AI"),
                   ("組込みセキュリティ", "embedded security"), ("深層学習", "deep learning"),
                   ("自然言語処理", "natural language processing"),
                   ("センサネットワーク", "sensor networks"),
                   ("異常検知アルゴリズム", "anomaly-detection algorithms"),
                   ("無線通信", "wireless communication"), ("デジタルツイン", "digital twins"),
                   ("組込みソフトウェア", "embedded software")),
        "app": (("外観検査", "visual inspection"), ("需要予測", "demand forecasting"),
                ("設備の予知保全", "predictive maintenance of equipment"),
                ("高齢者の見守り", "monitoring of older people"),
                ("物流の最適化", "logistics optimisation"), ("工場のIoT化", "factory IoT"),
                ("音声対話システム", "spoken dialogue systems")),
    },
    "life_science": {
        "method": (("再生医療", "regenerative medicine"), ("体外診断", "in-vitro diagnostics"),
                   ("バイオマーカー探索", "biomarker discovery"), ("細胞培養", "cell culture"),
                   ("生体適合材料", "biocompatible materials"), ("ゲノム解析", "genome analysis"),
                   ("医用画像解析", "medical image analysis"),
                   ("機能性食品素材", "functional food ingredients")),
        "app": (("医療機器", "medical devices"), ("診断キット", "diagnostic kits"),
                ("手術支援器具", "surgical instruments"),
                ("リハビリ機器", "rehabilitation equipment"),
                ("創薬スクリーニング", "drug screening"),
                ("ヘルスケアサービス", "healthcare services")),
    },
    "nanotech": {
        "method": (("ナノ粒子", "nanoparticles"), ("薄膜", "thin films"),
                   ("表面改質", "surface modification"),
                   ("カーボンナノチューブ", "carbon nanotubes"),
                   ("微細パターニング", "micro-patterning"),
                   ("機能性コーティング", "functional coatings"),
                   ("ナノインプリント", "nanoimprinting"), ("複合材料", "composite materials")),
        "app": (("半導体デバイス", "semiconductor devices"),
                ("高機能フィルム", "high-performance films"), ("触媒", "catalysts"),
                ("光学部品", "optical components"), ("センサ素子", "sensor elements"),
                ("撥水部材", "water-repellent parts")),
    },
    "environment": {
        "method": (("リサイクル", "recycling"), ("水処理", "water treatment"),
                   ("土壌浄化", "soil remediation"), ("バイオマス利用", "biomass utilisation"),
                   ("大気汚染計測", "air-pollution monitoring"),
                   ("廃プラスチック分解", "waste-plastic decomposition"),
                   ("生分解性樹脂", "biodegradable resins"),
                   ("水質モニタリング", "water-quality monitoring")),
        "app": (("工場排水", "factory wastewater"), ("産業廃棄物", "industrial waste"),
                ("包装材", "packaging materials"), ("農業用水", "agricultural water"),
                ("建設副産物", "construction by-products")),
    },
    "energy": {
        "method": (("蓄電池", "storage batteries"), ("燃料電池", "fuel cells"),
                   ("太陽電池", "solar cells"), ("水素製造", "hydrogen production"),
                   ("熱電変換", "thermoelectric conversion"),
                   ("パワー半導体", "power semiconductors"),
                   ("省エネ制御", "energy-saving control"), ("小水力発電", "small hydropower")),
        "app": (("電気自動車", "electric vehicles"),
                ("工場の電力管理", "factory power management"),
                ("住宅用電源", "home power supplies"), ("非常用電源", "emergency power supplies"),
                ("排熱回収", "waste-heat recovery")),
    },
    "manufacturing": {
        "method": (("精密加工", "precision machining"), ("積層造形", "additive manufacturing"),
                   ("はんだ付け", "soldering"), ("金型設計", "die and mould design"),
                   ("レーザー加工", "laser processing"), ("三次元測定", "3D measurement"),
                   ("鋳造", "casting"), ("接合技術", "joining technology"),
                   ("超音波加工", "ultrasonic machining")),
        "app": (("自動車部品", "automotive parts"), ("航空機部品", "aircraft parts"),
                ("精密部品", "precision parts"), ("電子基板", "circuit boards"),
                ("産業用ロボット", "industrial robots"), ("締結部品", "fasteners")),
    },
}

BENEFITS = (("高精度化", "higher precision"), ("低コスト化", "lower cost"),
            ("小型化", "miniaturisation"), ("高効率化", "higher efficiency"),
            ("長寿命化", "longer service life"), ("省エネ化", "energy saving"),
            ("自動化", "automation"), ("品質安定化", "stable quality"),
            ("軽量化", "weight reduction"), ("高速化", "faster processing"))
SEED_CLOSING = (("共同研究の相手先を募集している。", "Partners for joint research are sought."),
                ("技術移転・ライセンスが可能。", "Available for technology transfer or licensing."),
                ("試作品による評価が可能。", "Prototypes are available for evaluation."),
                ("特許出願済み。", "A patent application has been filed."))
NEED_CLOSING = (("試作・評価までの共同開発を希望する。",
                 "We would like joint development up to prototyping and evaluation."),
                ("早期の実用化を目指している。", "We aim at early practical use."),
                ("公的助成の活用を検討している。", "We are considering public funding."),
                ("技術相談から始めたい。", "We would like to start with a technical consultation."))

COMPANY_STEMS = (("精密工業", "Precision"), ("電子", "Electronics"), ("化成", "Chemical"),
                 ("マテリアル", "Materials"), ("バイオ", "Bio"), ("環境システム", "Environmental Systems"),
                 ("エナジー", "Energy"), ("計測", "Instruments"), ("金型", "Mould"),
                 ("光学", "Optics"), ("機械", "Machinery"), ("メディカル", "Medical"),
                 ("ソフトウェア", "Software"), ("工業", "Industries"))
COMPANY_FORMS = (("株式会社", "Co."), ("株式会社", "Co."), ("有限会社", "Ltd."))
LAB_FIELDS = {"it": ("情報システム", "Information Systems"),
              "life_science": ("生命医工学", "Biomedical Engineering"),
              "nanotech": ("ナノ材料", "Nano-Materials"),
              "environment": ("環境化学", "Environmental Chemistry"),
              "energy": ("エネルギー変換", "Energy Conversion"),
              "manufacturing": ("生産加工", "Production Engineering")}


# ---------------------------------------------------------------------------
# Reference data from data/sources (the sample files themselves are never read)


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


@lru_cache(maxsize=4)
def _reference(sources_dir: Path = SOURCES_DIR) -> dict:
    mun = _read(sources_dir / "municipalities.csv").set_index("municipality_code")
    regions = _read(sources_dir / "regions.csv")
    regions = regions[regions["kind"].isin(PROGRAM_REGION_KINDS)]
    members = _read(sources_dir / "region_municipalities.csv")
    members = members[members["region_id"].isin(regions["region_id"])]
    rfields = _read(sources_dir / "region_fields.csv")
    region_fields = {r: tuple(g["field_id"]) for r, g in rfields.groupby("region_id", sort=False)}
    region_ids = list(regions["region_id"])  # document order
    region_members = {r: tuple(members.loc[members["region_id"] == r, "municipality_code"])
                      for r in region_ids}
    region_members = {r: m for r, m in region_members.items() if m}
    muni_regions: dict[str, list[str]] = {}
    for r, codes in region_members.items():
        for c in codes:
            muni_regions.setdefault(c, []).append(r)
    org_files = sorted(p for p in (sources_dir / "organizations").glob("*.csv")
                       if p.name != SAMPLE_FILE)
    orgs = pd.concat([_read(p) for p in org_files], ignore_index=True)
    owners = orgs[orgs["org_type"].isin(OWNER_TYPES)
                  & orgs["municipality_code"].isin(list(muni_regions))]
    owners = owners.sort_values("org_id")
    short = {}
    for r in regions.itertuples():
        if r.region_id == "tama":
            short[r.region_id] = ("多摩", "Tama")
        else:
            short[r.region_id] = (re.split(r"[・、]", r.name_ja)[0],
                                  re.split(r"[-,]", r.name_en)[0].strip())
    return {
        "region_short": short,
        "mun": mun,
        "region_ids": list(region_members),
        "region_members": region_members,
        "region_fields": region_fields,
        "muni_regions": {c: tuple(v) for c, v in muni_regions.items()},
        "owners": [(r.org_id, r.name_ja, r.name_en or r.name_ja, r.municipality_code)
                   for r in owners.itertuples()],
    }


# ---------------------------------------------------------------------------
# Text


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _seed_text(method, app, benefit, other_app, closing, owner_ja, owner_en):
    title_ja = f"{method[0]}による{app[0]}の{benefit[0]}"
    title_en = f"{_cap(benefit[1])} in {app[1]} through {method[1]}"
    summary_ja = (f"{owner_ja}が開発した{method[0]}の技術を{app[0]}に応用し、{benefit[0]}を"
                  f"実現する。{other_app[0]}への展開も可能。{closing[0]}")
    summary_en = (f"{_cap(method[1])} technology developed at {owner_en}, applied to {app[1]} "
                  f"for {benefit[1]}. It could also be applied to {other_app[1]}. {closing[1]}")
    return title_ja, title_en, summary_ja, summary_en


def _need_text(method, app, benefit, closing):
    title_ja = f"{app[0]}の{benefit[0]}に向けた{method[0]}技術の導入"
    title_en = f"Introducing {method[1]} for {benefit[1]} in {app[1]}"
    summary_ja = (f"当社では{app[0]}の{benefit[0]}が課題となっている。{method[0]}に関する"
                  f"知見を持つ大学・研究機関との連携を希望する。{closing[0]}")
    summary_en = (f"{_cap(benefit[1])} in {app[1]} is a challenge for us. We are looking for a "
                  f"university or research institute with know-how in {method[1]}. {closing[1]}")
    return title_ja, title_en, summary_ja, summary_en


def _pick_fields(rng: random.Random, preferred: tuple[str, ...]) -> list[str]:
    """One or two fields; the first from the region's printed fields most of the time."""
    if preferred and rng.random() < 0.7:
        first = rng.choice(preferred)
    else:
        first = rng.choice(FIELD_IDS)
    if rng.random() < 0.3:
        second = rng.choice([f for f in FIELD_IDS if f != first])
        return [first, second]
    return [first]


def _point(rng: random.Random, ref: dict, code: str) -> tuple[float, float]:
    row = ref["mun"].loc[code]
    return (round(float(row["lat"]) + rng.uniform(-JITTER_DEG, JITTER_DEG), 5),
            round(float(row["lon"]) + rng.uniform(-JITTER_DEG, JITTER_DEG), 5))


# ---------------------------------------------------------------------------
# Matcher input at scale


def synthetic(n_seeds: int, n_needs: int, seed: int = 0,
              sources_dir: Path = SOURCES_DIR) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Seeds and needs in the matcher's input form, for benchmarks.

    Columns: item_id, text, field_ids (list), lat, lon, pref_code, region_ids (list),
    org_id. Deterministic for a given seed; per-row work is a few list look-ups.
    """
    ref = _reference(Path(sources_dir))
    master = random.Random(seed)
    np_rng = np.random.default_rng(master.getrandbits(64))
    codes = np.array(sorted(ref["muni_regions"]))
    base_lat = ref["mun"].loc[codes, "lat"].astype(float).to_numpy()
    base_lon = ref["mun"].loc[codes, "lon"].astype(float).to_numpy()
    prefs = ref["mun"].loc[codes, "pref_code"].to_numpy()
    regions_of = [list(ref["muni_regions"][c]) for c in codes]
    n_fields = len(FIELD_IDS)
    methods = [VOCAB[f]["method"] for f in FIELD_IDS]
    apps = [VOCAB[f]["app"] for f in FIELD_IDS]

    def frame(n: int, kind: str) -> pd.DataFrame:
        if n <= 0:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in
                                 ("item_id", "text", "field_ids", "lat", "lon", "pref_code",
                                  "region_ids", "org_id")})
        loc = np_rng.integers(0, len(codes), n)
        f1 = np_rng.integers(0, n_fields, n)
        two = np_rng.random(n) < 0.3
        f2 = (f1 + np_rng.integers(1, n_fields, n)) % n_fields
        mi = np_rng.integers(0, 1 << 30, n)
        ai = np_rng.integers(0, 1 << 30, n)
        bi = np_rng.integers(0, len(BENEFITS), n)
        n_orgs = max(1, n // (5 if kind == "need" else 10))
        org = np_rng.integers(0, n_orgs, n)
        org_prefix = "syn_co_" if kind == "need" else "syn_lab_"
        text, fields = [], []
        for i in range(n):
            a, b = int(f1[i]), (int(f2[i]) if two[i] else int(f1[i]))
            m = methods[a][mi[i] % len(methods[a])]
            ap = apps[b][ai[i] % len(apps[b])]
            be = BENEFITS[bi[i]]
            text.append(f"{m[0]}による{ap[0]}の{be[0]} {be[1]} in {ap[1]} through {m[1]}"
                        if kind == "seed" else
                        f"{ap[0]}の{be[0]}に向けた{m[0]}技術 {m[1]} for {be[1]} in {ap[1]}")
            fields.append([FIELD_IDS[a], FIELD_IDS[b]] if a != b else [FIELD_IDS[a]])
        lat = base_lat[loc] + np_rng.uniform(-JITTER_DEG, JITTER_DEG, n)
        lon = base_lon[loc] + np_rng.uniform(-JITTER_DEG, JITTER_DEG, n)
        return pd.DataFrame({
            "item_id": [f"syn_{kind}_{i:07d}" for i in range(n)],
            "text": text,
            "field_ids": fields,
            "lat": np.round(lat, 5),
            "lon": np.round(lon, 5),
            "pref_code": prefs[loc],
            "region_ids": [regions_of[j] for j in loc],
            "org_id": [f"{org_prefix}{j:05d}" for j in org],
        })

    return frame(n_seeds, "seed"), frame(n_needs, "need")


# ---------------------------------------------------------------------------
# Sample rows for the database


def sample_tables(n_seeds: int = 300, n_needs: int = 300, seed: int = 42,
                  sources_dir: Path = SOURCES_DIR) -> dict[str, pd.DataFrame]:
    """Rows for organizations, seeds, seed_fields, needs and need_fields (all is_sample)."""
    ref = _reference(Path(sources_dir))
    rng = random.Random(seed)
    mun = ref["mun"]
    region_ids = ref["region_ids"]

    def region_field(code: str) -> tuple[str, ...]:
        out: list[str] = []
        for r in ref["muni_regions"][code]:
            out.extend(f for f in ref["region_fields"].get(r, ()) if f not in out)
        return tuple(out)

    orgs: list[dict] = []

    def add_org(org_id, name_ja, name_en, org_type, code, note):
        lat, lon = _point(rng, ref, code)
        orgs.append({"org_id": org_id, "name_ja": name_ja, "name_en": name_en,
                     "short_name_ja": "", "org_type": org_type, "parent_org_id": "",
                     "pref_code": mun.loc[code, "pref_code"], "municipality_code": code,
                     "tokyo_area": "", "lat": lat, "lon": lon, "country": "JP", "note": note,
                     "source_id": SOURCE_ID, "is_sample": True})

    # A few sample university labs, in regions that have no real owner.
    owned = {r for o in ref["owners"] for r in ref["muni_regions"][o[3]]}
    free_regions = [r for r in region_ids if r not in owned]
    n_labs = min(len(free_regions), max(4, n_seeds // 20))
    owners = list(ref["owners"])
    for k, region in enumerate(rng.sample(free_regions, n_labs), start=1):
        code = rng.choice(ref["region_members"][region])
        field = rng.choice(ref["region_fields"].get(region) or FIELD_IDS)
        lab_ja, lab_en = LAB_FIELDS[field]
        org_id = f"sample_lab_{k:03d}"
        name_ja = f"サンプル大学 {lab_ja}研究室{k}"
        name_en = f"Sample University {lab_en} Lab {k}"
        add_org(org_id, name_ja, name_en, "university", code,
                "Fictitious sample university lab (generated by sangaku/samples.py).")
        owners.append((org_id, name_ja, name_en, code))

    # Sample companies spread over all program regions.
    n_companies = max(5, n_needs // 5)
    companies = []
    used_names: set[str] = set()
    for k in range(1, n_companies + 1):
        region = rng.choice(region_ids)
        code = rng.choice(ref["region_members"][region])
        stem_ja, stem_en = rng.choice(COMPANY_STEMS)
        form_ja, form_en = rng.choice(COMPANY_FORMS)
        place_ja, place_en = ref["region_short"][region]
        org_id = f"sample_co_{k:03d}"
        name_ja = f"サンプル{place_ja}{stem_ja}{form_ja}"
        name_en = f"Sample {place_en} {stem_en} {form_en}"
        if name_ja in used_names:
            name_ja = f"サンプル{place_ja}{stem_ja}第{k}{form_ja}"
            name_en = f"Sample {place_en} {stem_en} No. {k} {form_en}"
        used_names.add(name_ja)
        add_org(org_id, name_ja, name_en, "company", code,
                "Fictitious sample company (generated by sangaku/samples.py).")
        companies.append((org_id, code))

    def texts_for(fields):
        method = rng.choice(VOCAB[fields[0]]["method"])
        app = rng.choice(VOCAB[fields[-1]]["app"])
        other = rng.choice([a for a in VOCAB[fields[-1]]["app"] if a != app])
        return method, app, rng.choice(BENEFITS), other

    seeds, seed_fields = [], []
    for i in range(1, n_seeds + 1):
        org_id, owner_ja, owner_en, code = rng.choice(owners)
        fields = _pick_fields(rng, region_field(code))
        method, app, benefit, other = texts_for(fields)
        tja, ten, sja, sen = _seed_text(method, app, benefit, other, rng.choice(SEED_CLOSING),
                                        owner_ja, owner_en)
        lat, lon = _point(rng, ref, code)
        seed_id = f"sample_seed_{i:04d}"
        seeds.append({"seed_id": seed_id, "title_ja": tja, "title_en": ten,
                      "summary_ja": sja, "summary_en": sen, "org_id": org_id,
                      "municipality_code": code, "lat": lat, "lon": lon,
                      "note": "Generated sample seed; not a real research result.",
                      "source_id": SOURCE_ID, "is_sample": True})
        seed_fields += [{"seed_id": seed_id, "field_id": f, "source_id": SOURCE_ID,
                         "is_sample": True} for f in fields]

    confidential = set(rng.sample(range(1, n_needs + 1), round(n_needs * 0.1)))
    needs, need_fields = [], []
    for i in range(1, n_needs + 1):
        org_id, code = rng.choice(companies)
        fields = _pick_fields(rng, region_field(code))
        method, app, benefit, _ = texts_for(fields)
        tja, ten, sja, sen = _need_text(method, app, benefit, rng.choice(NEED_CLOSING))
        lat, lon = _point(rng, ref, code)
        need_id = f"sample_need_{i:04d}"
        needs.append({"need_id": need_id, "title_ja": tja, "title_en": ten,
                      "summary_ja": sja, "summary_en": sen, "org_id": org_id,
                      "municipality_code": code, "lat": lat, "lon": lon,
                      "is_confidential": i in confidential,
                      "note": "Generated sample need; not a real company's request.",
                      "source_id": SOURCE_ID, "is_sample": True})
        need_fields += [{"need_id": need_id, "field_id": f, "source_id": SOURCE_ID,
                         "is_sample": True} for f in fields]

    return {
        "organizations": pd.DataFrame(orgs),
        "seeds": pd.DataFrame(seeds),
        "seed_fields": pd.DataFrame(seed_fields),
        "needs": pd.DataFrame(needs),
        "need_fields": pd.DataFrame(need_fields),
    }


def _cell(value) -> str:
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)


def write_sample_files(out_dir: Path = SOURCES_DIR, progress=print, **kw) -> dict[str, Path]:
    """Write sample_tables(**kw) to <out_dir>/<table>/sample.csv; returns the paths."""
    out_dir = Path(out_dir)
    if "sources_dir" not in kw and out_dir != SOURCES_DIR and (out_dir / "regions.csv").exists():
        kw["sources_dir"] = out_dir
    tables = sample_tables(**kw)
    written = {}
    for name in TABLE_NAMES:
        frame = tables[name]
        path = out_dir / name / SAMPLE_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(list(frame.columns))
            for row in frame.itertuples(index=False):
                writer.writerow([_cell(v) for v in row])
        written[name] = path
        if progress:
            progress(f"wrote {len(frame)} rows to {path}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sangaku.samples",
                                     description="write seeded sample rows to data/sources")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--seeds", type=int, default=300, help="number of sample seeds")
    parser.add_argument("--needs", type=int, default=300, help="number of sample needs")
    parser.add_argument("--out", type=Path, default=SOURCES_DIR)
    args = parser.parse_args(argv)
    print(f"generating {args.seeds} seeds and {args.needs} needs (seed {args.seed})",
          flush=True)
    write_sample_files(args.out, progress=lambda m: print(m, flush=True),
                       n_seeds=args.seeds, n_needs=args.needs, seed=args.seed)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
