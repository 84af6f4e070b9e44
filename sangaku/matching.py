"""Seeds–needs matching: score every (need, seed) pair and keep the best.

Pure functions over pandas DataFrames: no Streamlit, no database. An *item* frame
(seeds or needs alike) has the columns

    item_id     identifier (str or int; ties are broken by it, ascending)
    text        title + summary, Japanese and/or English, concatenated
    field_ids   list of technology field ids (it, life_science, nanotech, ...)
    lat, lon    representative point (NaN when unknown)
    pref_code   two-digit prefecture code (None when unknown)
    region_ids  list of program region ids (may be empty)
    org_id      owning institution (None when unknown)

A pair's score is a weighted mean of four components, each in [0, 1]:

field
    :func:`field_fit`: 1.0 when the two items share a technology field, otherwise
    the best partial credit in :data:`FIELD_RELATIONS` between any of their
    fields, 0 when unrelated.
text
    Cosine similarity of TF-IDF vectors of character 2- and 3-grams
    (``TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True)``)
    fitted on the union of both sides. Why characters: Japanese is written without
    spaces, so word n-grams would need a morphological analyser (MeCab, Sudachi)
    and its dictionary; character bigrams and trigrams capture Japanese compound
    words (超音波 → 超音, 音波, 超音波) and English stems (inspection /
    inspect → "ins", "nsp", ...) alike, with no tokeniser dependency and
    graceful handling of mixed-language text. Text is NFKC-normalised and
    lower-cased first (full-width letters and digits fold to ASCII). Rows are
    L2-normalised so the cosine is a sparse dot product.
geo
    ``exp(-distance_km / 50)`` (great-circle, haversine), plus 0.2 when both items
    are in the same prefecture and 0.3 when they share a program region, capped at
    1.0; 0 when either location is missing (no bonus either).
prior
    1.0 when the two items' organisations are already linked by an agreement
    (``linked_pairs``: a set of ``frozenset({org_a, org_b})``). With
    ``prefer_new=True`` it is inverted: 1.0 for organisations *not yet* linked.
    A missing organisation counts as "not linked" (0, or 1.0 with prefer_new).

All components are symmetric, so score(need, seed) == score(seed, need).

Scores are float32. :func:`rank` (one query) and :func:`top_k_all` (every need)
share the same block-scoring code, so they agree exactly given the same text model.
Fit the text model once (:func:`fit_text_model`) and build a :class:`MatchIndex`
over the candidates once to answer interactive queries in milliseconds.
"""

from __future__ import annotations

import math
import os
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields as dc_fields
from typing import Iterable

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

FIELDS: tuple[str, ...] = ("it", "life_science", "nanotech", "environment", "energy",
                           "manufacturing")

# Partial credit between related (different) fields; symmetric; pairs not listed are
# unrelated (0). A judgement of how often the two fields' problems and methods meet.
FIELD_RELATIONS: dict[frozenset, float] = {
    # nanomaterials, precision machining, coatings
    frozenset({"nanotech", "manufacturing"}): 0.6,
    # renewables, emissions, energy saving
    frozenset({"environment", "energy"}): 0.6,
    # IoT, factory automation, control software
    frozenset({"it", "manufacturing"}): 0.5,
    # nanomedicine, biosensors, drug delivery
    frozenset({"life_science", "nanotech"}): 0.4,
    # agriculture, food, ecology, bioremediation
    frozenset({"life_science", "environment"}): 0.4,
    # batteries, solar-cell and thermoelectric materials
    frozenset({"nanotech", "energy"}): 0.4,
    # power electronics, motors, plant engineering
    frozenset({"energy", "manufacturing"}): 0.4,
    # bioinformatics, medical imaging, digital health
    frozenset({"it", "life_science"}): 0.4,
    # semiconductors, devices
    frozenset({"it", "nanotech"}): 0.3,
    # smart grids, energy management systems
    frozenset({"it", "energy"}): 0.3,
    # clean production, recycling
    frozenset({"environment", "manufacturing"}): 0.3,
    # medical-device and food production
    frozenset({"life_science", "manufacturing"}): 0.3,
    # Unrelated (0): it–environment, life_science–energy, nanotech–environment.
}

# The same as a matrix over FIELDS (1.0 on the diagonal), for display.
RELATION_MATRIX = np.array(
    [[1.0 if a == b else FIELD_RELATIONS.get(frozenset({a, b}), 0.0) for b in FIELDS]
     for a in FIELDS], dtype=np.float32)

GEO_SCALE_KM = 50.0
PREF_BONUS = 0.2
REGION_BONUS = 0.3
EARTH_RADIUS_KM = 6371.0088

WEIGHT_HELP: dict[str, str] = {
    "field": "Shared technology field is the strongest cheap signal that a seed can "
             "address a need (35%).",
    "text": "Overlapping wording in titles and summaries pins down the specific "
            "problem and method within a field (35%).",
    "geo": "Nearby partners collaborate more easily, and regional programs fund local "
           "pairs (20%).",
    "prior": "Existing agreements ease a new project, or, with 'prefer new', favour "
             "institutions not yet linked (10%).",
}


@dataclass(frozen=True)
class Weights:
    """Component weights; normalised to sum to 1 when used (see WEIGHT_HELP)."""

    field: float = 0.35
    text: float = 0.35
    geo: float = 0.2
    prior: float = 0.1

    def normalised(self) -> "Weights":
        values = [float(getattr(self, f.name)) for f in dc_fields(self)]
        if any(v < 0 or not math.isfinite(v) for v in values):
            raise ValueError("weights must be finite and non-negative")
        total = sum(values)
        if total <= 0:
            raise ValueError("at least one weight must be positive")
        return Weights(*(v / total for v in values))

    def as_array(self) -> np.ndarray:
        w = self.normalised()
        return np.array([w.field, w.text, w.geo, w.prior], dtype=np.float32)


COMPONENTS = ("field", "text", "geo", "prior")


# --------------------------------------------------------------------------- helpers

def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, float) and math.isnan(value):
        return []
    if isinstance(value, str):
        return [value]
    try:
        return [v for v in value if v is not None and not (isinstance(v, float) and math.isnan(v))]
    except TypeError:
        return [value]


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _text(value) -> str:
    return "" if _missing(value) else str(value)


# ----------------------------------------------------------------- scalar components
# Used by the tests and the pure-Python benchmark baseline; the vectorised code below
# computes the same quantities.

def field_fit(a_fields: Iterable[str], b_fields: Iterable[str]) -> float:
    """1.0 if the field lists share a field, else the best relation, 0 if unrelated."""
    a, b = set(_as_list(a_fields)), set(_as_list(b_fields))
    if a & b:
        return 1.0
    return max((FIELD_RELATIONS.get(frozenset({x, y}), 0.0) for x in a for y in b),
               default=0.0)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def geo_proximity(lat1, lon1, pref1, regions1, lat2, lon2, pref2, regions2) -> float:
    """exp(-d/50) + 0.2 same prefecture + 0.3 shared region, capped at 1; 0 if unlocated."""
    if any(_missing(v) for v in (lat1, lon1, lat2, lon2)):
        return 0.0
    score = math.exp(-haversine_km(float(lat1), float(lon1), float(lat2), float(lon2))
                     / GEO_SCALE_KM)
    if not _missing(pref1) and not _missing(pref2) and str(pref1) == str(pref2):
        score += PREF_BONUS
    if set(_as_list(regions1)) & set(_as_list(regions2)):
        score += REGION_BONUS
    return min(1.0, score)


def prior_score(org_a, org_b, linked_pairs, prefer_new: bool = False) -> float:
    """1.0 if the organisations are linked (inverted with prefer_new); missing = unlinked."""
    linked = (not _missing(org_a) and not _missing(org_b)
              and frozenset({org_a, org_b}) in linked_pairs)
    return float(linked != prefer_new)


# ------------------------------------------------------------------------- text model

def _normalise_text(s: str) -> str:
    return unicodedata.normalize("NFKC", s).lower()


class TextModel:
    """Character 2–3-gram TF-IDF (see module docstring); rows L2-normalised, float32."""

    def __init__(self) -> None:
        self.vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True, norm="l2",
            preprocessor=_normalise_text, dtype=np.float32)
        self.empty = False

    def fit(self, texts: Iterable) -> "TextModel":
        texts = [_text(t) for t in texts]
        try:
            self.vectorizer.fit(texts)
        except ValueError:  # empty vocabulary: no text anywhere
            self.empty = True
        return self

    def transform(self, texts: Iterable) -> sp.csr_matrix:
        texts = [_text(t) for t in texts]
        if self.empty:
            return sp.csr_matrix((len(texts), 1), dtype=np.float32)
        if not texts:  # no candidates under the filters; scikit-learn refuses 0 rows
            return sp.csr_matrix((0, len(self.vectorizer.vocabulary_)), dtype=np.float32)
        return sp.csr_matrix(self.vectorizer.transform(texts), dtype=np.float32)

    def similarity(self, a: str, b: str) -> float:
        m = self.transform([a, b])
        return float(m[0].multiply(m[1]).sum())


def fit_text_model(*frames_or_texts) -> TextModel:
    """Fit the TF-IDF on the union of the given item frames (their `text`) or text lists."""
    texts: list = []
    for x in frames_or_texts:
        if isinstance(x, pd.DataFrame):
            texts.extend(x["text"].tolist())
        elif isinstance(x, pd.Series):
            texts.extend(x.tolist())
        else:
            texts.extend(list(x))
    return TextModel().fit(texts)


# ----------------------------------------------------------------- vectorised scoring

def _geo_arrays(lat, lon):
    lat = pd.to_numeric(pd.Series(lat), errors="coerce").to_numpy(dtype=np.float64)
    lon = pd.to_numeric(pd.Series(lon), errors="coerce").to_numpy(dtype=np.float64)
    has = np.isfinite(lat) & np.isfinite(lon)
    phi, lam = np.radians(np.where(has, lat, 0.0)), np.radians(np.where(has, lon, 0.0))
    g = dict(has=has, sp=np.sin(phi / 2), cp=np.cos(phi / 2), cos=np.cos(phi),
             sl=np.sin(lam / 2), cl=np.cos(lam / 2))
    # sin(dphi/2) = [sp, -cp] . [cp', sp']; sqrt(cos cos') sin(dlam/2) likewise, so the
    # haversine term h = A^2 + T^2 comes from two rank-2 float32 matrix products.
    rc = np.sqrt(np.maximum(g["cos"], 0.0))
    g["q_phi"] = np.stack([g["sp"], -g["cp"]], axis=1).astype(np.float32)
    g["c_phi"] = np.stack([g["cp"], g["sp"]], axis=0).astype(np.float32)
    g["q_lam"] = np.stack([g["sl"] * rc, -g["cl"] * rc], axis=1).astype(np.float32)
    g["c_lam"] = np.stack([g["cl"] * rc, g["sl"] * rc], axis=0).astype(np.float32)
    return g


class _Side:
    """Encoded features of a set of items (candidates or queries)."""

    def __init__(self, frame: pd.DataFrame, model: TextModel, base: "MatchIndex | None"):
        n = len(frame)
        self.n = n
        self.ids = frame["item_id"].to_numpy()
        self.text = model.transform(frame["text"])
        sets = [frozenset(map(str, _as_list(v))) for v in frame["field_ids"]]
        codes, uniques = pd.factorize(pd.Series(sets, dtype=object))
        self.field_code = codes.astype(np.intp)
        self.field_sets = list(uniques)
        self.geo = _geo_arrays(frame["lat"], frame["lon"])
        prefs = [None if _missing(p) else str(p) for p in frame["pref_code"]]
        regions = [[str(r) for r in _as_list(v)] for v in frame["region_ids"]]
        orgs = [None if _missing(o) else o for o in frame["org_id"]]
        self.orgs = orgs
        if base is None:  # candidate side: defines the vocabularies
            self.pref_vocab = {p: i for i, p in enumerate(sorted({p for p in prefs if p}))}
            self.region_vocab = {r: i for i, r in
                                 enumerate(sorted({r for rs in regions for r in rs}))}
            self.org_vocab = {}
            for o in orgs:
                if o is not None and o not in self.org_vocab:
                    self.org_vocab[o] = len(self.org_vocab)
            pv, rv = self.pref_vocab, self.region_vocab
            missing_pref = -1
            # missing organisation -> an extra, never-linked column
            self.org_code = np.array([len(self.org_vocab) if o is None else self.org_vocab[o]
                                      for o in orgs], dtype=np.intp)
        else:
            pv, rv = base.side.pref_vocab, base.side.region_vocab
            missing_pref = -2
        self.pref = np.array([pv.get(p, -2) if p is not None else missing_pref
                              for p in prefs], dtype=np.int64)
        rows = [i for i, rs in enumerate(regions) for r in rs if r in rv]
        cols = [rv[r] for rs in regions for r in rs if r in rv]
        self.regions = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)),
                                     shape=(n, max(len(rv), 1)))


class MatchIndex:
    """Candidates (e.g. all seeds) encoded once, for fast repeated queries."""

    def __init__(self, candidates: pd.DataFrame, model: TextModel | None = None):
        self.model = model if model is not None else fit_text_model(candidates)
        self.frame = candidates
        self.side = _Side(candidates, self.model, None)
        s = self.side
        self.text_t = s.text.T.tocsr()  # V x m, for Q @ text_t
        self.regions_t = s.regions.T.tocsr()
        # position of each id in ascending id order: the tie-break key
        order = np.argsort(s.ids, kind="stable")
        self.id_rank = np.empty(len(order), dtype=np.int64)
        self.id_rank[order] = np.arange(len(order))

    def __len__(self) -> int:
        return self.side.n

    def encode(self, queries: pd.DataFrame) -> _Side:
        return _Side(queries, self.model, self)

    def adjacency(self, q: _Side, linked_pairs) -> sp.csr_matrix:
        """(query orgs + 1) x (candidate orgs + 1) 0/1 matrix of linked organisations."""
        qv: dict = {}
        for o in q.orgs:
            if o is not None and o not in qv:
                qv[o] = len(qv)
        q.org_code = np.array([len(qv) if o is None else qv[o] for o in q.orgs],
                              dtype=np.intp)
        cv = self.side.org_vocab
        rows, cols = [], []
        for pair in linked_pairs or ():
            members = tuple(pair)
            if len(members) == 1:
                members = members * 2
            if len(members) != 2:
                continue
            a, b = members
            for x, y in ((a, b), (b, a)):
                if x in qv and y in cv:
                    rows.append(qv[x])
                    cols.append(cv[y])
        adj = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)),
                            shape=(len(qv) + 1, len(cv) + 1))
        adj.sum_duplicates()
        adj.data[:] = 1.0
        return adj


def _field_table(q: _Side, c: _Side) -> np.ndarray:
    """field_fit between the distinct field sets of both sides (few: <= 64 x 64)."""
    return np.array([[field_fit(a, b) for b in c.field_sets] for a in q.field_sets],
                    dtype=np.float32).reshape(len(q.field_sets), len(c.field_sets))


def _geo_block(index: MatchIndex, q: _Side, rows: np.ndarray) -> np.ndarray:
    """Geo component, len(rows) x m float32 (in place, few passes)."""
    c = index.side
    qg, cg = q.geo, c.geo
    a = qg["q_phi"][rows] @ cg["c_phi"]
    t = qg["q_lam"][rows] @ cg["c_lam"]
    np.square(a, out=a)
    np.square(t, out=t)
    a += t
    del t
    np.sqrt(a, out=a)
    np.minimum(a, 1.0, out=a)
    np.arcsin(a, out=a)
    a *= np.float32(-2.0 * EARTH_RADIUS_KM / GEO_SCALE_KM)
    np.exp(a, out=a)
    # query prefs missing/unknown are <= -2, candidate missing is -1: never equal
    np.add(a, np.float32(PREF_BONUS), out=a, where=q.pref[rows][:, None] == c.pref[None, :])
    if index.regions_t.nnz and q.regions.nnz:
        shared = (q.regions[rows] @ index.regions_t).tocoo()
        a[shared.row, shared.col] += np.float32(REGION_BONUS)
    np.minimum(a, 1.0, out=a)
    a[~qg["has"][rows]] = 0.0
    if not cg["has"].all():
        a[:, ~cg["has"]] = 0.0
    return a


def _score_block(index: MatchIndex, q: _Side, rows: np.ndarray, adj: sp.csr_matrix,
                 prefer_new: bool, w: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Weighted score, len(rows) x m float32, without materialising each component."""
    c = index.side
    # text: sparse product of L2-normalised rows, the query side pre-scaled by w_text
    score = ((q.text[rows] * w[1]) @ index.text_t).toarray()
    if score.dtype != np.float32:
        score = score.astype(np.float32)
    if w[0] and table.size:
        score += (table * w[0])[q.field_code[rows][:, None], c.field_code[None, :]]
    if w[2]:
        geo = _geo_block(index, q, rows)
        geo *= w[2]
        score += geo
        del geo
    if w[3]:
        linked = adj[q.org_code[rows]][:, c.org_code].tocoo()
        if prefer_new:
            score += w[3]
            score[linked.row, linked.col] -= w[3]
        else:
            score[linked.row, linked.col] += w[3]
    return score


def _pair_components(index: MatchIndex, q: _Side, qi: np.ndarray, ci: np.ndarray,
                     adj: sp.csr_matrix, prefer_new: bool, table: np.ndarray) -> dict:
    """The four unweighted components for the given (query row, candidate) pairs."""
    c = index.side
    out = {}
    out["field"] = (table[q.field_code[qi], c.field_code[ci]] if table.size
                    else np.zeros(len(qi), np.float32)).astype(np.float32)
    text = np.asarray(q.text[qi].multiply(c.text[ci]).sum(axis=1)).ravel()
    out["text"] = np.clip(text, 0.0, 1.0).astype(np.float32)
    qg, cg = q.geo, c.geo
    a = np.einsum("ij,ji->i", qg["q_phi"][qi], cg["c_phi"][:, ci])
    t = np.einsum("ij,ji->i", qg["q_lam"][qi], cg["c_lam"][:, ci])
    x = np.minimum(np.sqrt(a * a + t * t), 1.0)
    geo = np.exp(np.arcsin(x) * np.float32(-2.0 * EARTH_RADIUS_KM / GEO_SCALE_KM))
    geo = geo + np.float32(PREF_BONUS) * (q.pref[qi] == c.pref[ci])
    if len(qi) and index.regions_t.nnz and q.regions.nnz:
        geo = geo + np.float32(REGION_BONUS) * (
            np.asarray(q.regions[qi].multiply(c.regions[ci]).sum(axis=1)).ravel() > 0)
    geo = np.minimum(geo, 1.0) * (qg["has"][qi] & cg["has"][ci])
    out["geo"] = geo.astype(np.float32)
    linked = np.asarray(adj[q.org_code[qi], c.org_code[ci]]).ravel() > 0 if len(qi) else \
        np.zeros(0, bool)
    out["prior"] = (linked != prefer_new).astype(np.float32)
    return out


def _select_topk(score: np.ndarray, id_rank: np.ndarray, k: int) -> np.ndarray:
    """Column indices of the k best per row: score desc, then id_rank asc (exact ties)."""
    n, m = score.shape
    k = min(k, m)
    if k <= 0:
        return np.zeros((n, 0), dtype=np.intp)
    if k == m:
        cand = np.broadcast_to(np.arange(m), (n, m)).copy()
    else:
        cand = np.argpartition(-score, k - 1, axis=1)[:, :k]
        r = np.arange(n)[:, None]
        thresh = score[r, cand].min(axis=1)
        ties = np.nonzero((score >= thresh[:, None]).sum(axis=1) > k)[0]
        for i in ties:  # boundary ties: choose by id among all tied candidates
            pool = np.nonzero(score[i] >= thresh[i])[0]
            order = np.lexsort((id_rank[pool], -score[i, pool]))
            cand[i] = pool[order[:k]]
    r = np.arange(n)[:, None]
    s = score[r, cand]
    order = np.lexsort((id_rank[cand], -s), axis=1) if n else np.zeros_like(cand)
    return np.take_along_axis(cand, order, axis=1)


def _result_frame(index, q, rows, score, sel, w, adj, prefer_new, table) -> dict:
    r = np.arange(sel.shape[0])[:, None]
    out = {"score": score[r, sel].ravel()}
    qi = np.repeat(rows, sel.shape[1])
    comps = _pair_components(index, q, qi, sel.ravel(), adj, prefer_new, table)
    out.update(comps)
    for i, name in enumerate(COMPONENTS):
        out["w_" + name] = (comps[name] * w[i]).astype(np.float32)
    return out


def _prepare(candidates, model) -> MatchIndex:
    if isinstance(candidates, MatchIndex):
        return candidates
    return MatchIndex(candidates, model)


def rank(query_item: pd.Series, candidates: "pd.DataFrame | MatchIndex",
         weights: Weights | None = None, linked_pairs=frozenset(),
         prefer_new: bool = False, k: int = 20, model: TextModel | None = None
         ) -> pd.DataFrame:
    """Top k candidates for one item.

    `candidates` is an item frame or a prebuilt :class:`MatchIndex` (fast path).
    Without `model` (and a frame), the TF-IDF is fitted on query + candidates.
    Columns: item_id, score, field, text, geo, prior (components, unweighted) and
    w_field, w_text, w_geo, w_prior (weighted contributions; they sum to score).
    Ordered by score desc, then item_id asc.
    """
    weights = weights or Weights()
    qframe = query_item.to_frame().T.reset_index(drop=True)
    if model is None and not isinstance(candidates, MatchIndex):
        model = fit_text_model(candidates, qframe)
    index = _prepare(candidates, model)
    w = weights.as_array()
    q = index.encode(qframe)
    adj = index.adjacency(q, linked_pairs)
    table = _field_table(q, index.side)
    rows = np.array([0])
    score = _score_block(index, q, rows, adj, prefer_new, w, table)
    sel = _select_topk(score, index.id_rank, k)
    out = _result_frame(index, q, rows, score, sel, w, adj, prefer_new, table)
    return pd.DataFrame({"item_id": index.side.ids[sel.ravel()], **out})


def top_k_all(needs: pd.DataFrame, seeds: "pd.DataFrame | MatchIndex", k: int = 10,
              weights: Weights | None = None, linked_pairs=frozenset(),
              prefer_new: bool = False, chunk: int = 1000,
              model: TextModel | None = None, workers: int | None = None) -> pd.DataFrame:
    """Top k seeds for every need, computed in chunks of needs, one thread per core.

    Only the weighted score matrix of a chunk is materialised (float32, plus the
    sparse text product and two geo temporaries: about 20 bytes x chunk x n_seeds,
    ~0.4 GB at 1000 x 20,000); the components are recomputed for the k kept pairs.
    Columns: need_id, seed_id, rank (1-based), score, field, text, geo, prior,
    w_field, w_text, w_geo, w_prior.
    """
    weights = weights or Weights()
    if model is None and not isinstance(seeds, MatchIndex):
        model = fit_text_model(needs, seeds)
    index = _prepare(seeds, model)
    w = weights.as_array()
    q = index.encode(needs)
    adj = index.adjacency(q, linked_pairs)
    table = _field_table(q, index.side)
    chunk = max(1, int(chunk))

    def one_chunk(start: int) -> pd.DataFrame:
        rows = np.arange(start, min(start + chunk, q.n))
        score = _score_block(index, q, rows, adj, prefer_new, w, table)
        sel = _select_topk(score, index.id_rank, k)
        out = _result_frame(index, q, rows, score, sel, w, adj, prefer_new, table)
        del score
        kk = sel.shape[1]
        return pd.DataFrame({
            "need_id": np.repeat(q.ids[rows], kk),
            "seed_id": index.side.ids[sel.ravel()],
            "rank": np.tile(np.arange(1, kk + 1, dtype=np.int32), len(rows)),
            **out})

    # Chunks are independent and the sparse and numpy kernels release the GIL, so one
    # thread per core scores chunks side by side (memory: one chunk per thread).
    starts = list(range(0, q.n, chunk))
    workers = max(1, min(workers or (os.cpu_count() or 1), len(starts)))
    if workers == 1:
        parts = [one_chunk(s) for s in starts]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(one_chunk, starts))
    if not parts:
        cols = ["need_id", "seed_id", "rank", "score", *COMPONENTS,
                *("w_" + c for c in COMPONENTS)]
        return pd.DataFrame({c: [] for c in cols})
    return pd.concat(parts, ignore_index=True)


# ------------------------------------------------------------------------ who next

PARTNER_DEPTH = (0.6, 0.3, 0.1)


def organisation_partners(org_id, seeds: pd.DataFrame, needs: pd.DataFrame,
                          weights: Weights | None = None, linked_pairs=frozenset(),
                          prefer_new: bool = False, k: int = 10,
                          model: TextModel | None = None,
                          depth: tuple[float, ...] = PARTNER_DEPTH,
                          chunk: int = 1000) -> pd.DataFrame:
    """Rank partner institutions for `org_id` ("who next").

    Every pair between the institution's items and another institution's items is
    scored in both directions: its needs against their seeds, and their needs against
    its seeds (components are symmetric). Per partner, the pair scores are sorted and
    aggregated as ``0.6 * best + 0.3 * second + 0.1 * third`` (`depth`; missing
    places count 0): dominated by the single best match, so one excellent fit ranks
    high, with credit for several good fits, and a partner's catalogue size beyond
    three items does not matter. Institutions already linked to `org_id` by an
    agreement, `org_id` itself, and items without an organisation are excluded.

    Columns: org_id, score, best, n_pairs, best_need_id, best_seed_id, direction
    ("need→seed" when `org_id` owns the need of the best pair, else "seed→need").
    """
    weights = weights or Weights()
    if model is None:
        model = fit_text_model(seeds, needs)
    linked = {o for pair in (linked_pairs or ()) if org_id in pair for o in pair}
    excluded = linked | {org_id}

    def other(frame):
        keep = [not _missing(o) and o not in excluded for o in frame["org_id"]]
        return frame[np.array(keep, dtype=bool)]

    def own(frame):
        return frame[np.array([o == org_id for o in frame["org_id"]], dtype=bool)]

    pieces = []
    for queries, cands, direction in ((own(needs), other(seeds), "need→seed"),
                                      (own(seeds), other(needs), "seed→need")):
        if len(queries) == 0 or len(cands) == 0:
            continue
        index = MatchIndex(cands, model)
        q = index.encode(queries)
        adj = index.adjacency(q, linked_pairs)
        w = weights.as_array()
        table = _field_table(q, index.side)
        for start in range(0, q.n, chunk):
            rows = np.arange(start, min(start + chunk, q.n))
            score = _score_block(index, q, rows, adj, prefer_new, w, table)
            qi, ci = np.nonzero(np.ones_like(score, dtype=bool))
            pieces.append(pd.DataFrame({
                "org_id": np.asarray(index.side.orgs, dtype=object)[ci],
                "score": score.ravel(),
                "q_id": q.ids[rows][qi], "c_id": index.side.ids[ci],
                "direction": direction}))
    cols = ["org_id", "score", "best", "n_pairs", "best_need_id", "best_seed_id",
            "direction"]
    if not pieces:
        return pd.DataFrame({c: [] for c in cols})
    pairs = pd.concat(pieces, ignore_index=True)
    pairs["key"] = pairs["org_id"].astype(str)
    pairs = pairs.sort_values(["key", "score", "q_id", "c_id"],
                              ascending=[True, False, True, True], kind="stable")
    pairs["place"] = pairs.groupby("key", sort=False).cumcount()
    dw = np.zeros(int(pairs["place"].max()) + 1)
    dw[: min(len(depth), len(dw))] = depth[: len(dw)]
    pairs["part"] = pairs["score"].to_numpy(np.float64) * dw[pairs["place"].to_numpy()]
    g = pairs.groupby("key", sort=False)
    first = g.head(1).set_index("key")
    out = pd.DataFrame({
        "org_id": first["org_id"],
        "score": g["part"].sum(),
        "best": first["score"].astype(np.float64),
        "n_pairs": g.size(),
    })
    is_need = first["direction"] == "need→seed"
    out["best_need_id"] = np.where(is_need, first["q_id"], first["c_id"])
    out["best_seed_id"] = np.where(is_need, first["c_id"], first["q_id"])
    out["direction"] = first["direction"]
    out = out.reset_index().sort_values(["score", "key"], ascending=[False, True],
                                        kind="stable")
    return out[cols].head(k).reset_index(drop=True)
