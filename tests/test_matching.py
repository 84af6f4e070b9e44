"""Seeds–needs matcher: hand-made cases for each component, the weighted ranking, and
agreement between the one-query and all-needs code paths."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sangaku import matching as M

TOKYO = (35.68, 139.76)


def item(item_id, text="", fields=(), lat=math.nan, lon=math.nan, pref=None,
         regions=(), org=None) -> dict:
    return dict(item_id=item_id, text=text, field_ids=list(fields), lat=lat, lon=lon,
                pref_code=pref, region_ids=list(regions), org_id=org)


def frame(*items) -> pd.DataFrame:
    return pd.DataFrame(list(items))


ONLY = {name: M.Weights(**{c: (1.0 if c == name else 0.0) for c in M.COMPONENTS})
        for name in M.COMPONENTS}


def ids(result) -> list:
    return result["item_id"].tolist()


# ----------------------------------------------------------------------- components

def test_field_relations_are_symmetric_and_in_range():
    assert np.allclose(M.RELATION_MATRIX, M.RELATION_MATRIX.T)
    for pair, value in M.FIELD_RELATIONS.items():
        assert len(pair) == 2 and pair <= set(M.FIELDS)
        assert 0.3 <= value <= 0.6
    assert M.field_fit(["nanotech"], ["manufacturing"]) == M.field_fit(
        ["manufacturing"], ["nanotech"])


def test_field_fit_shared_related_unrelated():
    assert M.field_fit(["it", "energy"], ["energy"]) == 1.0
    assert M.field_fit(["nanotech"], ["manufacturing"]) == 0.6
    assert M.field_fit(["it", "nanotech"], ["manufacturing"]) == 0.6  # best relation
    assert M.field_fit(["life_science"], ["energy"]) == 0.0
    assert M.field_fit([], ["energy"]) == 0.0


def test_same_field_beats_related_beats_unrelated():
    q = pd.Series(item("n", fields=["nanotech"]))
    cands = frame(item("c_unrelated", fields=["environment"]),
                  item("c_related", fields=["manufacturing"]),
                  item("c_same", fields=["nanotech", "it"]))
    r = M.rank(q, cands, ONLY["field"])
    assert ids(r) == ["c_same", "c_related", "c_unrelated"]
    assert r["field"].tolist() == pytest.approx([1.0, 0.6, 0.0])


def test_nearer_beats_farther_and_bonuses():
    q = pd.Series(item("n", lat=TOKYO[0], lon=TOKYO[1], pref="13", regions=["tama"]))
    cands = frame(item("osaka", lat=34.69, lon=135.50, pref="27"),
                  item("yokohama", lat=35.44, lon=139.64, pref="14"),
                  item("unlocated", pref="13", regions=["tama"]))
    r = M.rank(q, cands, ONLY["geo"]).set_index("item_id")
    assert r.loc["yokohama", "geo"] > r.loc["osaka", "geo"] > 0
    assert r.loc["unlocated", "geo"] == 0.0
    d = M.haversine_km(*TOKYO, 35.44, 139.64)
    assert r.loc["yokohama", "geo"] == pytest.approx(math.exp(-d / 50), abs=1e-5)

    # Same distance; the prefecture bonus (+0.2) and the region bonus (+0.3) order them.
    far = (TOKYO[0] + 0.5, TOKYO[1])
    cands = frame(item("plain", lat=far[0], lon=far[1], pref="11"),
                  item("same_pref", lat=far[0], lon=far[1], pref="13"),
                  item("same_region", lat=far[0], lon=far[1], pref="11", regions=["tama"]),
                  item("both", lat=far[0], lon=far[1], pref="13", regions=["x", "tama"]))
    r = M.rank(q, cands, ONLY["geo"]).set_index("item_id")["geo"]
    base = math.exp(-M.haversine_km(*TOKYO, *far) / 50)
    assert r["plain"] == pytest.approx(base, abs=1e-5)
    assert r["same_pref"] == pytest.approx(base + 0.2, abs=1e-5)
    assert r["same_region"] == pytest.approx(base + 0.3, abs=1e-5)
    assert r["both"] == pytest.approx(min(1.0, base + 0.5), abs=1e-5)
    # Same place, same prefecture and region: capped at 1.
    cap = frame(item("here", lat=TOKYO[0], lon=TOKYO[1], pref="13", regions=["tama"]))
    assert M.rank(q, cap, ONLY["geo"])["geo"].iloc[0] == pytest.approx(1.0)


def test_japanese_text_sharing_terms_beats_unrelated():
    q = pd.Series(item("n", text="超音波による非破壊検査"))
    cands = frame(item("agri", text="有機農業の販路開拓"),
                  item("ultra", text="超音波検査装置の開発"))
    r = M.rank(q, cands, ONLY["text"])
    assert ids(r) == ["ultra", "agri"]
    assert r["text"].iloc[0] > 0.1
    assert r["text"].iloc[1] < 0.05


def test_english_text_sharing_terms_beats_unrelated():
    q = pd.Series(item("n", text="Non-destructive inspection by ultrasonic waves"))
    cands = frame(item("agri", text="Marketing channels for organic farming"),
                  item("ultra", text="Development of an ultrasonic inspection device"))
    r = M.rank(q, cands, ONLY["text"])
    assert ids(r) == ["ultra", "agri"]
    assert r["text"].iloc[0] > 2 * r["text"].iloc[1]


def test_text_normalisation_full_width():
    model = M.fit_text_model(["ＩｏＴ センサ", "iot センサ", "農業"])
    assert model.similarity("ＩｏＴ センサ", "iot センサ") == pytest.approx(1.0, abs=1e-5)


def test_prior_collaboration_and_prefer_new():
    linked = {frozenset({"uni", "firm_a"})}
    q = pd.Series(item("n", org="uni"))
    cands = frame(item("a", org="firm_a"), item("b", org="firm_b"), item("c", org=None))
    r = M.rank(q, cands, ONLY["prior"], linked_pairs=linked).set_index("item_id")
    assert r["prior"].to_dict() == {"a": 1.0, "b": 0.0, "c": 0.0}
    r = M.rank(q, cands, ONLY["prior"], linked_pairs=linked,
               prefer_new=True).set_index("item_id")
    assert r["prior"].to_dict() == {"a": 0.0, "b": 1.0, "c": 1.0}
    assert M.prior_score("firm_a", "uni", linked) == 1.0
    assert M.prior_score(None, "uni", linked, prefer_new=True) == 1.0


def test_weights_normalise_and_change_order():
    w = M.Weights(field=2, text=2, geo=0, prior=0).normalised()
    assert (w.field, w.text, w.geo, w.prior) == pytest.approx((0.5, 0.5, 0, 0))
    with pytest.raises(ValueError):
        M.Weights(0, 0, 0, 0).normalised()
    assert set(M.WEIGHT_HELP) == set(M.COMPONENTS)

    q = pd.Series(item("n", text="超音波による非破壊検査", fields=["manufacturing"],
                       lat=TOKYO[0], lon=TOKYO[1], pref="13"))
    cands = frame(
        # same field, far away, different wording
        item("field_far", text="有機農業の販路開拓", fields=["manufacturing"],
             lat=43.06, lon=141.35, pref="01"),
        # unrelated field, next door, shared wording
        item("text_near", text="超音波検査装置の開発", fields=["life_science"],
             lat=TOKYO[0], lon=TOKYO[1], pref="13"))
    assert ids(M.rank(q, cands, M.Weights(1, 0.1, 0.1, 0)))[0] == "field_far"
    assert ids(M.rank(q, cands, M.Weights(0.1, 1, 0.1, 0)))[0] == "text_near"
    assert ids(M.rank(q, cands, M.Weights(0.1, 0.1, 1, 0)))[0] == "text_near"
    r = M.rank(q, cands)
    parts = r[["w_field", "w_text", "w_geo", "w_prior"]].sum(axis=1)
    assert np.allclose(parts, r["score"], atol=1e-6)


def test_rank_is_deterministic_under_shuffle_and_ties_by_id():
    rng = np.random.default_rng(3)
    cands = frame(*[item(f"s{i:03d}", text=["超音波検査", "ultrasonic test", "農業"][i % 3],
                         fields=[M.FIELDS[i % 6]], lat=35 + (i % 4) * 0.1, lon=139.0,
                         pref="13", org=f"o{i % 5}") for i in range(60)])
    q = pd.Series(item("n", text="超音波", fields=["it"], lat=35.0, lon=139.0, org="o1"))
    model = M.fit_text_model(cands, [q["text"]])
    linked = {frozenset({"o1", "o2"})}
    base = M.rank(q, cands, linked_pairs=linked, k=25, model=model)
    for seed in range(3):
        shuffled = cands.sample(frac=1, random_state=seed).reset_index(drop=True)
        again = M.rank(q, shuffled, linked_pairs=linked, k=25, model=model)
        pd.testing.assert_frame_equal(base, again)
    # many exact ties: within equal scores, ids ascend
    for _, grp in base.groupby("score"):
        assert grp["item_id"].tolist() == sorted(grp["item_id"])
    assert base["score"].is_monotonic_decreasing
    assert len(base) == 25


# --------------------------------------------------------------- rank == top_k_all

def random_items(rng, n, prefix):
    words = ["超音波", "検査", "装置", "農業", "電池", "材料", "ナノ", "センサ", "solar",
             "battery", "sensor", "robot", "organic", "water", "診断", "画像", "AI",
             "省エネ", "リサイクル", "coating"]
    rows = []
    for i in range(n):
        located = rng.random() > 0.1
        rows.append(item(
            f"{prefix}{i:04d}",
            text="".join(rng.choice(words, size=rng.integers(2, 6))) + " "
                 + " ".join(rng.choice(words, size=rng.integers(0, 4))),
            fields=list(rng.choice(M.FIELDS, size=rng.integers(0, 3), replace=False)),
            lat=rng.uniform(31, 43) if located else math.nan,
            lon=rng.uniform(130, 142) if located else math.nan,
            pref=(f"{rng.integers(1, 6):02d}" if rng.random() > 0.1 else None),
            regions=[f"r{j}" for j in rng.choice(5, size=rng.integers(0, 2))],
            org=(f"o{rng.integers(0, 40)}" if rng.random() > 0.1 else None)))
    return frame(*rows)


@pytest.mark.parametrize("prefer_new", [False, True])
def test_top_k_all_agrees_with_rank(prefer_new):
    rng = np.random.default_rng(42)
    needs, seeds = random_items(rng, 200, "n"), random_items(rng, 300, "s")
    linked = {frozenset({f"o{rng.integers(0, 40)}", f"o{rng.integers(0, 40)}"})
              for _ in range(60)}
    model = M.fit_text_model(needs, seeds)
    allk = M.top_k_all(needs, seeds, k=10, linked_pairs=linked, prefer_new=prefer_new,
                       chunk=37, model=model)
    assert len(allk) == 200 * 10
    index = M.MatchIndex(seeds, model)
    for _, need in needs.iterrows():
        one = M.rank(need, index, linked_pairs=linked, prefer_new=prefer_new, k=10)
        got = allk[allk["need_id"] == need["item_id"]]
        assert got["seed_id"].tolist() == one["item_id"].tolist()
        assert np.allclose(got["score"], one["score"], atol=1e-5)
        assert got["rank"].tolist() == list(range(1, 11))
    # and with the scalar component functions for a few needs
    for _, need in needs.head(5).iterrows():
        row = allk[allk["need_id"] == need["item_id"]].iloc[0]
        seed = seeds.set_index("item_id").loc[row["seed_id"]]
        assert row["field"] == pytest.approx(M.field_fit(need["field_ids"], seed["field_ids"]))
        assert row["geo"] == pytest.approx(M.geo_proximity(
            need["lat"], need["lon"], need["pref_code"], need["region_ids"],
            seed["lat"], seed["lon"], seed["pref_code"], seed["region_ids"]), abs=1e-5)
        assert row["prior"] == M.prior_score(need["org_id"], seed["org_id"], linked,
                                              prefer_new)
        assert row["text"] == pytest.approx(
            model.similarity(need["text"], seed["text"]), abs=1e-5)


def test_organisation_partners_excludes_linked_and_ranks():
    seeds = frame(item("s1", "超音波検査装置の開発", ["manufacturing"], *TOKYO, "13", org="A"),
                  item("s2", "超音波センサ", ["manufacturing"], *TOKYO, "13", org="B"),
                  item("s3", "有機農業の販路開拓", ["life_science"], 43.0, 141.3, "01",
                       org="C"),
                  item("s4", "自社の技術", ["it"], *TOKYO, "13", org="U"))
    needs = frame(item("n1", "超音波による非破壊検査", ["manufacturing"], *TOKYO, "13",
                       org="U"),
                  item("n2", "超音波の応用", ["manufacturing"], *TOKYO, "13", org="D"))
    linked = {frozenset({"U", "B"})}
    r = M.organisation_partners("U", seeds, needs, linked_pairs=linked)
    assert "B" not in set(r["org_id"]) and "U" not in set(r["org_id"])
    assert r["org_id"].iloc[0] == "A"
    assert set(r["org_id"]) == {"A", "C", "D"}
    best_a = r.set_index("org_id").loc["A"]
    assert best_a["best_need_id"] == "n1" and best_a["best_seed_id"] == "s1"
    assert r.set_index("org_id").loc["D", "direction"] == "seed→need"
    assert r["score"].is_monotonic_decreasing


def test_rank_without_candidates_is_empty():
    seeds = frame(item("s1", text="燃料電池の開発"), item("s2", text="水素の貯蔵"))
    model = M.fit_text_model(seeds)
    ranked = M.rank(seeds.iloc[0], seeds.iloc[:0], model=model)
    assert ranked.empty and "score" in ranked.columns
