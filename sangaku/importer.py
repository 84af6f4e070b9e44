"""Importing staff's own spreadsheets: organisations, agreements, events, seeds, needs.

The flow is `read_file` (bytes → header and cells; CSV in UTF-8, UTF-8 with BOM,
Shift_JIS/CP932, or .xlsx) → `auto_mapping` (file headers → table columns, editable) →
`prepare` (every cell read the way people write it, names matched to organisations,
every problem listed with row, column, value and reason; nothing written) → `commit`.

`commit` is all or nothing. The rows go to a new batch folder under `data/imports/`
(the store of record the build replays after `data/sources/`, so imported rows survive
every rebuild), and the database is rebuilt into a temporary file from sources plus
batches. Only when that build has passed is the batch folder renamed into place and the
new database renamed over the old one. A failure or a kill at any point leaves the
database as it was (or, after the last rename, as it will be), never half-written.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import difflib
import fcntl
import functools
import hashlib
import io
import json
import os
import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from . import build, schema, values
from .db import run_query
from .i18n import t
from .paths import SOURCES_DIR, db_path as default_db_path, imports_dir as default_imports_dir
from .values import ValueProblem

# Uploads above this are refused before they are read (documented in the README and
# enforced in the UI, the CLI and Streamlit's own server.maxUploadSize).
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 20_000
IMPORT_TABLES = ("organizations", "agreements", "events", "seeds", "needs")
ENCODINGS = ("utf-8", "utf-8-sig", "cp932", "shift_jis")
IGNORE = ""  # the mapping target meaning "leave this column out, on purpose"

Progress = Callable[[float, str], None]


# ---------------------------------------------------------------------------------------
# Problems

@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    value: str | None
    key: str
    params: tuple = ()

    def reason(self, lang: str) -> str:
        return t(self.key, lang, **dict(self.params))

    def text(self, lang: str = "en") -> str:
        where = self.file
        if self.row is not None:
            where += t("imp.where.row", lang, row=self.row)
        if self.column:
            where += t("imp.where.column", lang, column=self.column)
        if self.value not in (None, ""):
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "…"
            where += t("imp.where.value", lang, value=shown)
        return f"{where}: {self.reason(lang)}"


def _problem(file: str, row: int | None, column: str | None, cell: object, key: str,
             /, **params: object) -> Problem:
    return Problem(file, row, column, None if cell is None else str(cell), key,
                   tuple(sorted((k, str(v)) for k, v in params.items())))


class ImportFailed(Exception):
    """The file cannot be imported; nothing was written."""

    def __init__(self, problems: list[Problem], lang: str = "en"):
        self.problems = problems
        shown = "\n".join(f"  - {p.text(lang)}" for p in problems[:200])
        more = f"\n  … {len(problems) - 200} more" if len(problems) > 200 else ""
        super().__init__(t("imp.failed", lang, n=len(problems)) + "\n" + shown + more)


# ---------------------------------------------------------------------------------------
# Reading a file

@dataclass
class RawFile:
    name: str
    checksum: str
    size: int
    kind: str  # csv | xlsx
    encoding: str | None
    sheet: str | None
    sheets: list[str]
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as a spreadsheet shows it, cells)
    problems: list[Problem] = field(default_factory=list)


def _is_xlsx(data: bytes, name: str) -> bool:
    return name.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04"


def _decode(data: bytes, name: str, encoding: str | None) -> tuple[str | None, str | None,
                                                                   Problem | None]:
    if encoding:
        try:
            return data.decode(encoding), encoding, None
        except (UnicodeDecodeError, LookupError) as exc:
            line = data[: getattr(exc, "start", 0)].count(b"\n") + 1
            return None, None, _problem(name, line, None, None, "imp.err.encoding_chosen",
                                        encoding=encoding)
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ("utf-8-sig",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8", "cp932")
    for candidate in candidates:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError as exc:
            first_error = exc
            continue
        if candidate == "cp932" and _looks_misread(text):
            # UTF-8 or EUC-JP bytes read as CP932 come out as runs of half-width kana.
            return None, None, _problem(name, None, None, None, "imp.err.encoding_unknown")
        return text, candidate, None
    line = data[: first_error.start].count(b"\n") + 1
    return None, None, _problem(name, line, None, None, "imp.err.encoding_unknown")


def _looks_misread(text: str) -> bool:
    non_ascii = [c for c in text if ord(c) > 127]
    kana = sum(1 for c in non_ascii if "\uff61" <= c <= "\uff9f")
    return kana >= 3 and kana > 0.1 * len(non_ascii)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes, name: str, sheet: str | None,
               raw: RawFile) -> list[list[str]] | None:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError,
            TypeError, IndexError, EOFError) as exc:
        raw.problems.append(_problem(name, None, None, None, "imp.err.xlsx",
                                     reason=type(exc).__name__))
        return None
    try:
        raw.sheets = list(book.sheetnames)
        if sheet is None:
            sheet = raw.sheets[0] if raw.sheets else None
        if sheet not in raw.sheets:
            raw.problems.append(_problem(name, None, None, sheet, "imp.err.sheet",
                                         sheets=", ".join(raw.sheets)))
            return None
        raw.sheet = sheet
        table = []
        try:
            for row in book[sheet].iter_rows(values_only=True):
                table.append([_cell_text(v) for v in row])
                if len(table) > MAX_IMPORT_ROWS + 1:
                    break
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError,
                EOFError) as exc:
            raw.problems.append(_problem(name, None, None, None, "imp.err.xlsx",
                                         reason=type(exc).__name__))
            return None
        return table
    finally:
        book.close()


def read_file(data: bytes, name: str, *, encoding: str | None = None,
              sheet: str | None = None) -> RawFile:
    """Header and cells of a CSV or .xlsx file; problems are listed, never raised."""
    raw = RawFile(name=name, checksum=hashlib.sha256(data).hexdigest(), size=len(data),
                  kind="xlsx" if _is_xlsx(data, name) else "csv", encoding=None,
                  sheet=None, sheets=[], header=[], rows=[])
    if len(data) > MAX_IMPORT_BYTES:
        raw.problems.append(_problem(name, None, None, None, "imp.err.too_large",
                                     size=f"{len(data) / 1e6:.1f}",
                                     limit=f"{MAX_IMPORT_BYTES / 1e6:.0f}"))
        return raw
    if not data.strip():
        raw.problems.append(_problem(name, None, None, None, "imp.err.empty"))
        return raw
    if raw.kind == "xlsx":
        table = _read_xlsx(data, name, sheet, raw)
        if table is None:
            return raw
    else:
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raw.problems.append(_problem(name, None, None, None, "imp.err.binary"))
            return raw
        text, used, problem = _decode(data, name, encoding)
        if problem:
            raw.problems.append(problem)
            return raw
        raw.encoding = used
        try:
            table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""),
                                   strict=True))
        except csv.Error as exc:
            raw.problems.append(_problem(name, None, None, None, "imp.err.csv",
                                         reason=str(exc)))
            return raw
    # The first non-empty row is the header; row numbers are the ones a spreadsheet shows.
    numbered = [(i + 1, cells) for i, cells in enumerate(table)]
    while numbered and not any(c.strip() for c in numbered[0][1]):
        numbered.pop(0)
    if not numbered:
        raw.problems.append(_problem(name, None, None, None, "imp.err.empty"))
        return raw
    header_row, header = numbered[0]
    while header and not header[-1].strip():
        header = header[:-1]
    raw.header = [values.clean_text(h) for h in header]
    if not raw.header:
        raw.problems.append(_problem(name, header_row, None, None, "imp.err.no_header"))
        return raw
    for i, h in enumerate(raw.header):
        if h == "":
            raw.problems.append(_problem(name, header_row, f"#{i + 1}", None,
                                         "imp.err.blank_header"))
        elif raw.header.count(h) > 1 and raw.header.index(h) == i:
            raw.problems.append(_problem(name, header_row, h, None, "imp.err.dup_header"))
    width = len(raw.header)
    for row_no, cells in numbered[1:]:
        if not any(c.strip() for c in cells):
            continue
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            raw.problems.append(_problem(name, row_no, None, extra[0], "imp.err.extra_cells",
                                         n=len(cells), width=width))
            continue
        raw.rows.append((row_no, (cells + [""] * width)[:width]))
    if not raw.rows and not raw.problems:
        raw.problems.append(_problem(name, None, None, None, "imp.err.no_rows"))
    if len(raw.rows) > MAX_IMPORT_ROWS:
        raw.problems.append(_problem(name, None, None, None, "imp.err.too_many_rows",
                                     limit=f"{MAX_IMPORT_ROWS:,}"))
        raw.rows = raw.rows[:MAX_IMPORT_ROWS]
    return raw


# ---------------------------------------------------------------------------------------
# Columns: what each table takes, and the headers people use for them

# target -> header spellings (compared after values.name_key). Targets are the table's
# columns, or a "virtual" one resolved into columns: org / counterpart / parent_org (an
# organisation by name, alias or id), prefecture, municipality (by name or code),
# fields (technology fields, several per cell), aliases (other names, several per cell).
COMMON = {
    "note": ("備考", "メモ", "注記", "notes", "remarks", "note"),
    "source_id": ("出典", "出典id", "source", "source id"),
}
TARGETS: dict[str, dict[str, tuple[str, ...]]] = {
    "organizations": {
        "org_id": ("機関id", "組織id", "id", "org id"),
        "name_ja": ("機関名", "名称", "組織名", "団体名", "機関名称", "name", "name (ja)",
                    "名前", "正式名称"),
        "name_en": ("英語名", "英文名", "英語名称", "english name", "name (en)"),
        "short_name_ja": ("略称", "短縮名", "short name"),
        "org_type": ("種別", "機関種別", "区分", "種類", "type", "organisation type",
                     "organization type"),
        "parent_org": ("親機関", "上位機関", "所属機関", "parent", "parent organisation"),
        "prefecture": ("都道府県", "都道府県名", "pref", "prefecture", "pref code",
                       "都道府県コード"),
        "municipality": ("市区町村", "所在地", "市区町村名", "市区町村コード", "city",
                         "municipality", "municipality code"),
        "tokyo_area": ("地域区分", "エリア", "東京の地域", "area", "tokyo area"),
        "lat": ("緯度", "latitude"),
        "lon": ("経度", "longitude", "lng"),
        "country": ("国", "国名", "国コード", "country"),
        "aliases": ("別名", "旧名称", "別称", "aliases", "other names", "former names"),
    },
    "agreements": {
        "agreement_id": ("協定id", "id", "agreement id"),
        "org": ("機関", "機関名", "締結先", "相手先", "連携先", "相手機関", "協定先",
                "partner", "organisation", "organization", "institution"),
        "org_unit_ja": ("部局", "相手部局", "学部", "unit"),
        "counterpart": ("締結元", "当方", "当方機関", "counterpart", "our organisation"),
        "list_no": ("番号", "no", "no.", "list no", "通し番号", "項番"),
        "document_type_ja": ("文書", "文書名", "協定の種類", "協定名", "締結文書",
                             "document", "document type"),
        "document_kind": ("文書区分", "kind", "document kind"),
        "signed_on": ("締結日", "締結年月日", "日付", "年月日", "date", "signed",
                      "signed on"),
        "department_ja": ("担当部署", "部署", "department"),
        "is_department_level": ("部局間", "部局間協定", "department level"),
        "section": ("節", "section"),
    },
    "events": {
        "event_id": ("イベントid", "id", "event id"),
        "title_ja": ("名称", "イベント名", "行事名", "タイトル", "件名", "催事名", "title",
                     "event", "事業名"),
        "title_en": ("英語名", "英語タイトル", "title (en)", "english title"),
        "start_date": ("開始日", "開催日", "日付", "開催年月日", "date", "start",
                       "start date"),
        "end_date": ("終了日", "end", "end date"),
        "fiscal_year": ("年度", "fiscal year", "fy"),
        "category": ("区分", "種類", "分類", "カテゴリ", "category", "type"),
        "role": ("役割", "関与", "主催区分", "関わり", "role"),
        "organizer_ja": ("主催者", "主催", "organiser", "organizer"),
        "venue_ja": ("会場", "場所", "venue"),
        "municipality": ("開催地", "市区町村", "municipality", "city"),
        "mode": ("形式", "開催形式", "mode", "format"),
        "is_planned": ("予定", "計画", "planned"),
        "participants": ("参加者数", "参加者", "来場者数", "来場者", "participants",
                         "attendance"),
        "exhibitors": ("出展者数", "出展数", "exhibitors"),
        "registrants": ("登録者数", "申込者数", "registrants"),
        "section": ("節", "section"),
    },
    "seeds": {
        "seed_id": ("シーズid", "id", "seed id"),
        "title_ja": ("シーズ名", "タイトル", "件名", "テーマ", "研究テーマ", "名称", "title"),
        "title_en": ("英語タイトル", "title (en)", "english title"),
        "summary_ja": ("概要", "内容", "説明", "summary", "description"),
        "summary_en": ("英語概要", "summary (en)"),
        "org": ("機関", "機関名", "保有機関", "所属", "大学名", "organisation",
                "organization", "institution"),
        "municipality": ("市区町村", "所在地", "municipality", "city"),
        "lat": ("緯度", "latitude"),
        "lon": ("経度", "longitude", "lng"),
        "fields": ("分野", "技術分野", "fields", "field", "technology field"),
    },
    "needs": {
        "need_id": ("ニーズid", "id", "need id"),
        "title_ja": ("ニーズ名", "タイトル", "件名", "テーマ", "課題", "名称", "title"),
        "title_en": ("英語タイトル", "title (en)", "english title"),
        "summary_ja": ("概要", "内容", "説明", "詳細", "summary", "description"),
        "summary_en": ("英語概要", "summary (en)"),
        "org": ("企業名", "会社名", "機関", "機関名", "company", "organisation",
                "organization"),
        "municipality": ("市区町村", "所在地", "municipality", "city"),
        "lat": ("緯度", "latitude"),
        "lon": ("経度", "longitude", "lng"),
        "is_confidential": ("機密", "非公開", "秘", "confidential"),
        "fields": ("分野", "技術分野", "fields", "field", "technology field"),
    },
}
for _targets in TARGETS.values():
    _targets.update(COMMON)

VIRTUAL = {"org": "org_id", "counterpart": "counterpart_org_id",
           "parent_org": "parent_org_id", "prefecture": "pref_code",
           "municipality": "municipality_code"}
CHILDREN = {"seeds": "seed_fields", "needs": "need_fields"}
REQUIRED_TARGETS = {
    "organizations": ("name_ja",),
    "agreements": ("org", "counterpart", "document_type_ja"),
    "events": ("title_ja", "category", "role"),
    "seeds": ("title_ja",),
    "needs": ("title_ja",),
}

# Accepted values as people write them (compared after values.name_key).
VALUE_WORDS: dict[str, dict[str, str]] = {
    "org_type": {
        "大学": "university", "国立大学": "university", "私立大学": "university",
        "公立大学": "university", "短期大学": "college", "高専": "college",
        "高等専門学校": "college", "高校": "high_school", "高等学校": "high_school",
        "自治体": "municipality", "区": "municipality", "市": "municipality",
        "町": "municipality", "村": "municipality", "金融機関": "financial_institution",
        "銀行": "financial_institution", "信用金庫": "financial_institution",
        "信金": "financial_institution", "支援機関": "support_organisation",
        "研究機関": "research_institute", "研究所": "research_institute",
        "公設試": "research_institute", "業界団体": "business_association",
        "協会": "business_association", "団体": "business_association",
        "国": "government_body", "官公庁": "government_body", "省庁": "government_body",
        "海外機関": "overseas_body", "企業": "company", "会社": "company",
        "民間企業": "company", "学会": "academic_society", "ネットワーク": "network",
        "support_organization": "support_organisation",
    },
    "document_kind": {
        "協定": "agreement", "協定書": "agreement", "連携協定": "agreement",
        "包括協定": "agreement", "覚書": "memorandum", "mou": "memorandum",
        "秘密保持契約": "confidentiality_agreement", "秘密保持": "confidentiality_agreement",
        "nda": "confidentiality_agreement",
    },
    "category": {
        "セミナー": "seminar", "講演会": "lecture", "講演": "lecture",
        "講習会": "lecture", "展示会": "exhibition", "展示": "exhibition",
        "会議": "meeting", "フォーラム": "forum", "シンポジウム": "symposium",
        "ワークショップ": "workshop", "交流会": "exchange", "交流": "exchange",
        "フェア": "fair", "見本市": "fair", "説明会": "briefing", "見学会": "tour",
        "見学": "tour", "表彰": "award",
    },
    "role": {
        "主催": "hosted", "共催": "co_hosted", "参加": "attended", "出席": "attended",
        "発表": "presented", "講演": "presented", "後援": "supported", "協賛": "supported",
        "出展": "exhibited", "協力": "cooperated", "他機関主催": "organised_by_others",
        "co-hosted": "co_hosted", "organized_by_others": "organised_by_others",
    },
    "mode": {
        "対面": "onsite", "会場": "onsite", "現地": "onsite", "オンライン": "online",
        "web": "online", "ウェブ": "online", "ハイブリッド": "hybrid", "書面": "written",
        "メール": "email", "不明": "unknown",
    },
}
_DOC_KIND_HINTS = (("秘密保持", "confidentiality_agreement"), ("覚書", "memorandum"),
                   ("協定", "agreement"), ("契約", "agreement"))


def targets(table: str) -> list[str]:
    return list(TARGETS[table])


def auto_mapping(header: list[str], table: str) -> dict[str, str | None]:
    """Each header → the column it most likely means (None: not recognised)."""
    spellings: dict[str, str] = {}
    for target, names in TARGETS[table].items():
        spellings.setdefault(values.name_key(target), target)
        for name in names:
            spellings.setdefault(values.name_key(name), target)
    mapping: dict[str, str | None] = {}
    taken: set[str] = set()
    for h in header:
        target = spellings.get(values.name_key(h))
        if target in taken:
            target = None
        mapping[h] = target
        if target:
            taken.add(target)
    return mapping


# ---------------------------------------------------------------------------------------
# The database's current state, as the importer needs it

@dataclass
class Reference:
    org_names: dict[str, set[str]]  # name_key -> org ids
    org_labels: dict[str, str]  # name_key -> a name as written, for suggestions
    org_ids: set[str]
    prefectures: dict[str, str]  # name_key of code/name -> pref_code
    municipalities: list[dict]
    def __post_init__(self) -> None:
        for m in self.municipalities:
            self.municipality_codes[m["municipality_code"]] = m
            if m["kind"] != "prefecture":
                self.municipality_names.setdefault(values.name_key(m["name_ja"]), []).append(m)
    fields: dict[str, str]  # name_key of id/ja/en -> field_id
    sources: set[str]
    existing: dict[str, dict]  # key -> row of the target table
    existing_names: dict[str, str]  # organisations only: name_key(name_ja) -> org_id
    municipality_codes: dict[str, dict] = field(default_factory=dict)
    municipality_names: dict[str, list[dict]] = field(default_factory=dict)


def _rows(con: duckdb.DuckDBPyConnection, table: str) -> list[dict]:
    frame = run_query(con, "browse_table", {"table_name": table})
    frame = frame.astype(object).where(frame.notna(), None)
    return frame.to_dict("records")


def load_reference(con: duckdb.DuckDBPyConnection, table: str) -> Reference:
    orgs = _rows(con, "organizations")
    aliases = _rows(con, "org_aliases")
    names: dict[str, set[str]] = {}
    labels: dict[str, str] = {}

    def add(name: object, org_id: str) -> None:
        if name:
            key = values.name_key(name)
            names.setdefault(key, set()).add(org_id)
            labels.setdefault(key, str(name))

    for o in orgs:
        for col in ("name_ja", "name_en", "short_name_ja"):
            add(o[col], o["org_id"])
    for a in aliases:
        add(a["alias"], a["org_id"])
    prefectures: dict[str, str] = {}
    for p in _rows(con, "prefectures"):
        code = p["pref_code"]
        for name in (code, str(int(code)), p["name_ja"], p["name_en"],
                     re.sub(r"[都道府県]$", "", p["name_ja"])):
            prefectures.setdefault(values.name_key(name), code)
    fields = {}
    for f in _rows(con, "tech_fields"):
        for name in (f["field_id"], f["name_ja"], f["name_en"]):
            fields[values.name_key(name)] = f["field_id"]
    target = schema.table(table)
    key_col = target.key[0]
    existing = {r[key_col]: r for r in _rows(con, table)}
    existing_names = ({values.name_key(r["name_ja"]): r["org_id"] for r in orgs}
                      if table == "organizations" else {})
    return Reference(
        org_names=names, org_labels=labels, org_ids={o["org_id"] for o in orgs},
        prefectures=prefectures, municipalities=_rows(con, "municipalities"),
        fields=fields, sources={s["source_id"] for s in _rows(con, "sources")},
        existing=existing, existing_names=existing_names)


# ---------------------------------------------------------------------------------------
# Preparing: every cell read, every problem listed

@dataclass
class ImportPlan:
    table: str
    raw: RawFile
    mapping: dict[str, str | None]
    rows: list[dict] = field(default_factory=list)  # full rows of `table`
    row_numbers: list[int] = field(default_factory=list)
    children: list[dict] = field(default_factory=list)  # seed_fields / need_fields
    aliases: list[dict] = field(default_factory=list)  # org_aliases (organisations)
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def key(self) -> str:
        return schema.table(self.table).key[0]

    def status(self, key_value: str) -> str:
        if key_value in self.added:
            return "added"
        if key_value in self.changed:
            return "changed"
        return "unchanged"


_FORMULA = re.compile(r"^[=+@\-]")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|javascript\s*:|on[a-z]+\s*=", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")
_SPLIT = re.compile(r"\s*[;；、,，|｜\n]\s*")


def _text_problem(text: str, numeric_ok: bool = False) -> tuple[str, dict] | None:
    """Cells a spreadsheet would run as a formula, or that carry markup, are refused."""
    if _FORMULA.match(text) and not (numeric_ok and values.is_number(text)):
        return "imp.err.formula", {}
    if _MARKUP.search(text):
        return "imp.err.markup", {}
    if _CONTROL.search(text):
        return "imp.err.control", {}
    return None


class _RowReader:
    """Reads one row's cells into typed values, collecting problems."""

    def __init__(self, plan: ImportPlan, ref: Reference, row_no: int,
                 cells: dict[str, str], file_rows: dict[str, set[str]]):
        self.plan, self.ref, self.row_no, self.cells = plan, ref, row_no, cells
        self.file_orgs = file_rows
        self.headers = {target: h for h, target in plan.mapping.items() if target}
        self.ok = True

    def problem(self, target: str, cell: object, key: str, /, **params: object) -> None:
        self.ok = False
        params.pop("value", None)
        self.plan.problems.append(_problem(self.plan.raw.name, self.row_no,
                                           self.headers.get(target, target), cell, key,
                                           **params))

    def raw(self, target: str) -> str:
        return self.cells.get(target, "")

    def text(self, target: str) -> str | None:
        raw = self.raw(target)
        text = values.clean_text(raw)
        if text == "":
            return None
        issue = _text_problem(text)
        if issue:
            self.problem(target, raw, issue[0], **issue[1])
            return None
        return text

    def parsed(self, target: str, parser):
        raw = self.raw(target)
        issue = _text_problem(values.clean_text(raw), numeric_ok=True)
        if issue and values.clean_text(raw):
            self.problem(target, raw, issue[0], **issue[1])
            return None
        try:
            return parser(raw)
        except ValueProblem as exc:
            self.problem(target, raw, exc.key, **exc.values)
            return None

    def date(self, target: str) -> values.ParsedDate:
        result = self.parsed(target, values.parse_date)
        return result or values.ParsedDate(None, "unknown")

    def word(self, target: str, column: str) -> str | None:
        text = self.text(target)
        if text is None:
            return None
        accepted = schema.table(self.plan.table).column(column).accepted or ()
        words = _words(self.plan.table, column)
        key = values.name_key(text)
        if key in words:
            return words[key]
        self.problem(target, text, "imp.err.accepted", accepted=", ".join(accepted))
        return None

    def org(self, target: str) -> str | None:
        text = self.text(target)
        if text is None:
            return None
        if text in self.ref.org_ids or text in self.file_orgs.get("ids", set()):
            return text
        key = values.name_key(text)
        ids = self.ref.org_names.get(key) or self.file_orgs.get(key)
        if ids and len(ids) == 1:
            return next(iter(ids))
        if ids:
            self.problem(target, text, "imp.err.org_ambiguous", ids=", ".join(sorted(ids)))
            return None
        close = difflib.get_close_matches(key, list(self.ref.org_labels), n=3, cutoff=0.6)
        if close:
            self.problem(target, text, "imp.err.org_unknown_suggest",
                         suggestions=" / ".join(self.ref.org_labels[c] for c in close))
        else:
            self.problem(target, text, "imp.err.org_unknown")
        return None

    def prefecture(self, target: str = "prefecture") -> str | None:
        text = self.text(target)
        if text is None:
            return None
        code = self.ref.prefectures.get(values.name_key(text))
        if code is None:
            self.problem(target, text, "imp.err.prefecture")
        return code

    def municipality(self, pref_code: str | None,
                     target: str = "municipality") -> tuple[str | None, str | None]:
        text = self.text(target)
        if text is None:
            return None, pref_code
        plain = values.normalise(text)
        if re.fullmatch(r"\d{5,6}", plain):
            found = self.ref.municipality_codes.get(plain[:5])
            if found is None:
                self.problem(target, text, "imp.err.municipality")
                return None, pref_code
            return found["municipality_code"], found["pref_code"]
        name = values.name_key(plain)
        # "東京都八王子市": a leading prefecture name narrows the search.
        for key, code in self.ref.prefectures.items():
            if len(key) >= 2 and name.startswith(key) and name != key and not key.isdigit():
                if pref_code in (None, code):
                    pref_code, name = code, name[len(key):]
                break
        matches = [m for m in self.ref.municipality_names.get(name, [])
                   if pref_code is None or m["pref_code"] == pref_code]
        if len(matches) == 1:
            return matches[0]["municipality_code"], matches[0]["pref_code"]
        if len(matches) > 1:
            self.problem(target, text, "imp.err.municipality_ambiguous",
                         codes=", ".join(m["municipality_code"] for m in matches))
        else:
            self.problem(target, text, "imp.err.municipality")
        return None, pref_code

    def fields(self) -> list[str]:
        text = self.text("fields")
        if text is None:
            return []
        found = []
        for token in _SPLIT.split(text):
            if not token:
                continue
            field_id = self.ref.fields.get(values.name_key(token))
            if field_id is None:
                self.problem("fields", token, "imp.err.field",
                             fields=", ".join(sorted(set(self.ref.fields.values()))))
            elif field_id not in found:
                found.append(field_id)
        return found

    def source(self) -> str | None:
        text = self.text("source_id")
        if text is None:
            return None
        if text not in self.ref.sources:
            self.problem("source_id", text, "imp.err.source")
            return None
        return text


@functools.lru_cache(maxsize=64)
def _words(table: str, column: str) -> dict[str, str]:
    """Accepted values of a column as people write them (name_key → code)."""
    words = {values.name_key(k): v for k, v in VALUE_WORDS.get(column, {}).items()}
    for code in schema.table(table).column(column).accepted or ():
        words.setdefault(values.name_key(code), code)
        words.setdefault(values.name_key(code.replace("_", " ")), code)
    return words


def _generated_id(prefix: str, *parts: object) -> str:
    digest = hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts)
                          .encode()).hexdigest()[:10]
    return f"imp_{prefix}_{digest}"


def _note(note: str | None, extra: list[str]) -> str | None:
    parts = [p for p in [note, *extra] if p]
    return " ".join(parts) if parts else None


def _read_row(plan: ImportPlan, ref: Reference, r: _RowReader, batch_source: str,
              file_orgs: dict) -> tuple[dict, list[str], list[str]] | None:
    """One file row → (table row, field ids, aliases), or None if it has problems."""
    table = plan.table
    row: dict = {}
    notes: list[str] = []
    fields: list[str] = []
    aliases: list[str] = []
    note = r.text("note")
    source = r.source() or batch_source
    if table == "organizations":
        row["name_ja"] = r.text("name_ja")
        row["name_en"] = r.text("name_en")
        row["short_name_ja"] = r.text("short_name_ja")
        row["org_type"] = r.word("org_type", "org_type")
        row["parent_org_id"] = r.org("parent_org")
        pref = r.prefecture()
        row["municipality_code"], row["pref_code"] = r.municipality(pref)
        row["tokyo_area"] = r.word("tokyo_area", "tokyo_area")
        row["lat"] = r.parsed("lat", values.parse_float)
        row["lon"] = r.parsed("lon", values.parse_float)
        country = r.text("country")
        row["country"] = values.normalise(country).upper() if country else None
        aliases = [a for a in _SPLIT.split(r.text("aliases") or "") if a]
        given = r.text("org_id")
        name = values.name_key(row["name_ja"] or "")
        known = ref.org_names.get(name, set())
        # An organisation already known by this name (or an alias / former name) is
        # updated rather than added twice.
        existing = ref.existing_names.get(name) or (next(iter(known)) if len(known) == 1
                                                    else None)
        row["org_id"] = given or existing or _generated_id("org", values.name_key(
            row["name_ja"] or ""))
    elif table == "agreements":
        row["org_id"] = r.org("org")
        row["counterpart_org_id"] = r.org("counterpart")
        row["org_unit_ja"] = r.text("org_unit_ja")
        row["list_no"] = r.parsed("list_no", values.parse_int)
        row["document_type_ja"] = r.text("document_type_ja")
        kind = r.word("document_kind", "document_kind") if r.raw("document_kind").strip() \
            else None
        if kind is None and row["document_type_ja"]:
            kind = next((k for hint, k in _DOC_KIND_HINTS
                         if hint in row["document_type_ja"]), None)
            if kind is None and r.ok:
                r.problem("document_type_ja", row["document_type_ja"],
                          "imp.err.document_kind")
        row["document_kind"] = kind
        signed = r.date("signed_on")
        row["signed_on"], row["date_precision"] = signed.value, signed.precision
        if signed.precision == "fiscal_year":
            notes.append(f"Fiscal year {signed.fiscal_year} as written: "
                         f"'{values.clean_text(r.raw('signed_on'))}'.")
        elif signed.precision not in ("day", "unknown"):
            notes.append(f"Date as written: '{values.clean_text(r.raw('signed_on'))}'.")
        elif signed.value is None and r.ok:
            notes.append("No date in the imported file.")
        row["department_ja"] = r.text("department_ja")
        row["is_department_level"] = r.parsed("is_department_level", values.parse_bool) \
            or False
        row["section"] = r.text("section")
        row["agreement_id"] = r.text("agreement_id") or _generated_id(
            "ag", row["org_id"], row["org_unit_ja"], row["counterpart_org_id"],
            row["document_type_ja"], row["signed_on"] or r.raw("signed_on"))
    elif table == "events":
        row["title_ja"] = r.text("title_ja")
        row["title_en"] = r.text("title_en")
        start, end = r.date("start_date"), r.date("end_date")
        row["start_date"], row["end_date"] = start.value, end.value
        row["date_precision"] = start.precision
        fiscal = r.parsed("fiscal_year", values.parse_int) if r.raw("fiscal_year").strip() \
            else None
        if fiscal is None and r.raw("fiscal_year").strip() == "":
            fiscal = start.fiscal_year if start.precision == "fiscal_year" else (
                values.fiscal_year_of(start.value) if start.value else None)
        row["fiscal_year"] = fiscal
        if start.precision not in ("day", "unknown"):
            notes.append(f"Date as written: '{values.clean_text(r.raw('start_date'))}'.")
        elif start.value is None and r.ok and fiscal is None:
            notes.append("No date in the imported file.")
        if start.value and end.value and end.value < start.value:
            r.problem("end_date", r.raw("end_date"), "imp.err.end_before_start")
        row["category"] = r.word("category", "category")
        row["role"] = r.word("role", "role")
        row["organizer_ja"] = r.text("organizer_ja")
        row["venue_ja"] = r.text("venue_ja")
        row["municipality_code"], _ = r.municipality(None)
        row["mode"] = r.word("mode", "mode") or "unknown"
        row["is_planned"] = r.parsed("is_planned", values.parse_bool) or False
        for col in ("participants", "exhibitors", "registrants"):
            row[col] = r.parsed(col, values.parse_int)
        row["section"] = r.text("section")
        row["event_id"] = r.text("event_id") or _generated_id(
            "ev", values.name_key(row["title_ja"] or ""),
            row["start_date"] or row["fiscal_year"])
    else:  # seeds, needs
        key = plan.key
        row["title_ja"] = r.text("title_ja")
        row["title_en"] = r.text("title_en")
        row["summary_ja"] = r.text("summary_ja")
        row["summary_en"] = r.text("summary_en")
        row["org_id"] = r.org("org")
        row["municipality_code"], _ = r.municipality(None)
        row["lat"] = r.parsed("lat", values.parse_float)
        row["lon"] = r.parsed("lon", values.parse_float)
        if table == "needs":
            row["is_confidential"] = r.parsed("is_confidential", values.parse_bool) or False
        fields = r.fields()
        row[key] = r.text(key) or _generated_id(
            "seed" if table == "seeds" else "need", values.name_key(row["title_ja"] or ""),
            row["org_id"])
    for col in ("lat", "lon"):
        bound = 90 if col == "lat" else 180
        if row.get(col) is not None and not -bound <= row[col] <= bound:
            r.problem(col, r.raw(col), "imp.err.coordinate")
    row["note"] = _note(note, notes)
    row["source_id"] = source
    row["is_sample"] = False
    for col in schema.table(table).all_columns:
        if row.get(col.name) is None and col.default is not None:
            row[col.name] = build.parse_value(col, col.default)
        value = row.get(col.name)
        if col.required and value is None and r.ok:
            target = next((v for v, c in VIRTUAL.items() if c == col.name
                           and v in TARGETS[table]), col.name)
            r.problem(target, None, "imp.err.required")
        if value is not None and col.pattern and not re.match(col.pattern, str(value)):
            r.problem(col.name, value, "imp.err.pattern", pattern=col.pattern)
    return (row, fields, aliases) if r.ok else None


def _merge(existing: dict | None, new: dict, given: set[str]) -> dict:
    """An existing row keeps the values the file leaves blank or does not have."""
    if existing is None:
        return new
    merged = dict(existing)
    for col, value in new.items():
        if value is not None and (col in given or col in ("source_id",)):
            merged[col] = value
    return merged


_TARGET_COLUMNS = {
    # Which table columns a target fills (for "did the file give this value").
    "org": ("org_id",), "counterpart": ("counterpart_org_id",),
    "parent_org": ("parent_org_id",), "prefecture": ("pref_code",),
    "municipality": ("municipality_code", "pref_code"),
    "signed_on": ("signed_on", "date_precision"), "start_date": ("start_date",
                                                                 "date_precision", "fiscal_year"),
    "document_type_ja": ("document_type_ja", "document_kind"),
}


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        try:
            return a is not None and b is not None and abs(float(a) - float(b)) < 1e-9
        except (TypeError, ValueError):
            return False
    if hasattr(a, "isoformat") and hasattr(b, "isoformat"):
        return str(a)[:10] == str(b)[:10]
    return a == b or (a in (None, "") and b in (None, ""))


def prepare(raw: RawFile, table: str, mapping: dict[str, str | None] | None = None, *,
            db_path: Path | None = None, batch_source: str = "import_pending",
            progress: Progress | None = None) -> ImportPlan:
    """Read every row of the file into rows of `table`; list every problem; write nothing."""
    if table not in IMPORT_TABLES:
        raise ValueError(f"cannot import into {table!r}; choose one of {IMPORT_TABLES}")
    mapping = dict(mapping if mapping is not None else auto_mapping(raw.header, table))
    plan = ImportPlan(table=table, raw=raw, mapping=mapping)
    plan.problems.extend(raw.problems)
    if raw.problems and not raw.rows:
        return plan
    # Columns: every header mapped or explicitly left out; every required target present.
    known = set(TARGETS[table])
    for h in raw.header:
        target = mapping.get(h)
        if target is None:
            plan.problems.append(_problem(raw.name, 1, h, None, "imp.err.unknown_column",
                                          columns=", ".join(TARGETS[table])))
        elif target != IGNORE and target not in known:
            plan.problems.append(_problem(raw.name, 1, h, target, "imp.err.bad_target"))
    chosen = [v for v in mapping.values() if v]
    for target in sorted({v for v in chosen if chosen.count(v) > 1}):
        plan.problems.append(_problem(raw.name, 1, target, None, "imp.err.target_twice"))
    for target in REQUIRED_TARGETS[table]:
        if target not in chosen:
            plan.problems.append(_problem(raw.name, 1, target, None,
                                          "imp.err.missing_column"))
    if plan.problems:
        return plan
    con = duckdb.connect(str(db_path or default_db_path()), read_only=True)
    try:
        ref = load_reference(con, table)
    finally:
        con.close()
    index = {h: i for i, h in enumerate(raw.header)}
    # Organisations in this file can be referred to by later rows (parent_org).
    file_orgs: dict[str, set[str]] = {"ids": set()}
    seen: dict[str, int] = {}
    given_targets = {v for v in mapping.values() if v}
    given_cols = {c for target in given_targets
                  for c in _TARGET_COLUMNS.get(target, (VIRTUAL.get(target, target),))}
    total = len(raw.rows)
    for n, (row_no, cells) in enumerate(raw.rows):
        if progress and n % 500 == 0:
            progress(n / max(total, 1), f"{n:,} / {total:,}")
        by_target = {mapping[h]: cells[i] for h, i in index.items() if mapping.get(h)}
        reader = _RowReader(plan, ref, row_no, by_target, file_orgs)
        result = _read_row(plan, ref, reader, batch_source, file_orgs)
        if result is None:
            continue
        row, fields, aliases = result
        key = row[plan.key]
        if key in seen:
            plan.problems.append(_problem(raw.name, row_no, reader.headers.get(
                plan.key, plan.key), key, "imp.err.duplicate", first=seen[key]))
            continue
        seen[key] = row_no
        existing = ref.existing.get(key)
        merged = _merge(existing, row, given_cols | {plan.key})
        if table == "organizations" and existing is not None and values.name_key(
                existing["name_ja"]) != values.name_key(row["name_ja"]) and key in \
                ref.org_names.get(values.name_key(row["name_ja"]), set()):
            merged["name_ja"] = existing["name_ja"]  # named by an alias: not a rename
        if table == "organizations":
            file_orgs["ids"].add(key)
            file_orgs.setdefault(values.name_key(merged["name_ja"]), set()).add(key)
        if existing is None:
            plan.added.append(key)
        elif all(_same(merged.get(c), existing.get(c)) for c in merged
                 if c not in ("source_id", "note")) and not fields and not aliases:
            plan.unchanged.append(key)
            continue
        else:
            plan.changed.append(key)
        plan.rows.append(merged)
        plan.row_numbers.append(row_no)
        for field_id in fields:
            plan.children.append({plan.key: key, "field_id": field_id,
                                  "source_id": merged["source_id"], "is_sample": False})
        for alias in aliases:
            owner = ref.org_names.get(values.name_key(alias))
            if owner and owner != {key}:
                plan.problems.append(_problem(raw.name, row_no, reader.headers.get(
                    "aliases"), alias, "imp.err.alias_taken", org=", ".join(sorted(owner))))
                continue
            if owner:
                continue
            plan.aliases.append({"alias": alias, "org_id": key, "alias_kind": "alias",
                                 "valid_until": None, "note": None,
                                 "source_id": merged["source_id"], "is_sample": False})
    if progress:
        progress(1.0, f"{total:,} / {total:,}")
    return plan


# ---------------------------------------------------------------------------------------
# Committing: all or nothing

@dataclass(frozen=True)
class ImportResult:
    batch_id: str | None
    table: str
    added: int
    changed: int
    unchanged: int
    checksum: str


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(row.get(c)) for c in columns])
    _write_bytes(path, buffer.getvalue().encode("utf-8"))


def _write_bytes(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _locked(imports: Path) -> Iterator[None]:
    """One import at a time per store, across processes."""
    imports.mkdir(parents=True, exist_ok=True)
    with open(imports / ".lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _next_batch_id(imports: Path, checksum: str) -> str:
    numbers = [int(p.name.split("_", 1)[0]) for p in build.batch_dirs(imports)
               if p.name.split("_", 1)[0].isdigit()]
    return f"{max(numbers, default=0) + 1:05d}_{checksum[:12]}"


def _clean_leftovers(imports: Path, db: Path) -> None:
    """Remove what a killed import left behind: never part of any state."""
    for stale in imports.glob(".pending-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in db.parent.glob(f".{db.name}.import-*"):
        stale.unlink(missing_ok=True)


def commit(plan: ImportPlan, who: str, original: bytes, *, db_path: Path | None = None,
           sources_dir: Path = SOURCES_DIR, imports_dir: Path | None = None,
           lang: str = "en", progress: Progress | None = None,
           now: dt.datetime | None = None) -> ImportResult:
    """Write the plan as a new batch and rebuild the database; all or nothing."""
    if plan.problems:
        raise ImportFailed(plan.problems, lang)
    db = Path(db_path or default_db_path())
    imports = Path(imports_dir or default_imports_dir())
    if not plan.rows:
        return ImportResult(None, plan.table, 0, 0, len(plan.unchanged), plan.raw.checksum)
    now = (now or dt.datetime.now()).replace(microsecond=0)
    with _locked(imports):
        _clean_leftovers(imports, db)
        batch_id = _next_batch_id(imports, plan.raw.checksum)
        source_id = f"import_{batch_id}"
        pending = imports / f".pending-{batch_id}"
        pending.mkdir()
        tmp_db = db.parent / f".{db.name}.import-{batch_id}"
        try:
            if progress:
                progress(0.02, "writing the batch")
            rows = [dict(r, source_id=(source_id if r["source_id"] == "import_pending"
                                       else r["source_id"])) for r in plan.rows]
            table = schema.table(plan.table)
            _write_csv(pending / f"{plan.table}.csv", [c.name for c in table.all_columns],
                       rows)
            if plan.children:
                child = schema.table(CHILDREN[plan.table])
                _write_csv(pending / f"{child.name}.csv", [c.name for c in child.all_columns],
                           [dict(c, source_id=(source_id if c["source_id"] == "import_pending"
                                               else c["source_id"])) for c in plan.children])
            if plan.aliases:
                aliases = schema.table("org_aliases")
                _write_csv(pending / "org_aliases.csv", [c.name for c in aliases.all_columns],
                           [dict(a, source_id=(source_id if a["source_id"] == "import_pending"
                                               else a["source_id"])) for a in plan.aliases])
            suffix = ".xlsx" if plan.raw.kind == "xlsx" else ".csv"
            _write_bytes(pending / f"original{suffix}", original)
            sources = schema.table("sources")
            _write_csv(pending / "sources.csv", [c.name for c in sources.all_columns], [{
                "source_id": source_id, "kind": "import", "seed_file": None,
                "title": plan.raw.name, "title_en": plan.raw.name, "author": who,
                "publisher": who, "publisher_en": who, "published_on": now.date(),
                "date_precision": "day", "language": "ja", "url": None,
                "note": f"Imported into {plan.table} from '{plan.raw.name}' "
                        f"(sha256 {plan.raw.checksum}); the original file is kept in "
                        f"data/imports/{batch_id}/original{suffix}."}])
            history = schema.table("import_history")
            _write_csv(pending / "import_history.csv", [c.name for c in history.all_columns],
                       [{"batch_id": batch_id, "file_name": plan.raw.name,
                         "checksum": plan.raw.checksum, "table_name": plan.table,
                         "rows_added": len(plan.added), "rows_changed": len(plan.changed),
                         "rows_unchanged": len(plan.unchanged),
                         "imported_at": now.isoformat(sep=" "), "imported_by": who,
                         "file_format": plan.raw.kind,
                         "encoding": plan.raw.encoding, "sheet": plan.raw.sheet,
                         "source_id": source_id}])
            _fsync_dir(pending)

            def building(fraction: float, message: str) -> None:
                if progress:
                    progress(0.05 + 0.9 * fraction, message)

            try:
                tables = build.read_sources(sources_dir, building, imports_dir=imports,
                                            extra_batches=[pending])
            except build.BuildError as exc:
                raise ImportFailed([_problem(plan.raw.name, None, None, None,
                                             "imp.err.build", reason=str(p))
                                    for p in exc.problems], lang) from exc
            build.write_database(tables, tmp_db, build.fingerprint(
                build.all_source_files(sources_dir, imports)), building)
            # The two renames: first the store of record, then the database. A kill
            # between them leaves the old database with a newer store, which the app
            # rebuilds from on its next start.
            final = imports / batch_id
            os.rename(pending, final)
            _fsync_dir(imports)
            os.replace(tmp_db, db)
            os.utime(db)  # newer than the batch it holds, so it is not rebuilt again
            _fsync_dir(db.parent)
        finally:
            if pending.exists():
                shutil.rmtree(pending, ignore_errors=True)
            tmp_db.unlink(missing_ok=True)
    if progress:
        progress(1.0, f"imported batch {batch_id}")
    return ImportResult(batch_id, plan.table, len(plan.added), len(plan.changed),
                        len(plan.unchanged), plan.raw.checksum)


def import_file(path_or_bytes: Path | bytes, table: str, *, name: str | None = None,
                who: str = "cli", encoding: str | None = None, sheet: str | None = None,
                mapping: dict[str, str | None] | None = None, dry_run: bool = False,
                db_path: Path | None = None, sources_dir: Path = SOURCES_DIR,
                imports_dir: Path | None = None, lang: str = "en",
                progress: Progress | None = None) -> tuple[ImportPlan, ImportResult | None]:
    """Read, prepare and (unless dry_run) commit one file. Raises ImportFailed."""
    if isinstance(path_or_bytes, (bytes, bytearray)):
        data, name = bytes(path_or_bytes), name or "upload"
    else:
        path = Path(path_or_bytes)
        name = name or path.name
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise ImportFailed([_problem(name, None, None, None, "imp.err.too_large",
                                         size=f"{path.stat().st_size / 1e6:.1f}",
                                         limit=f"{MAX_IMPORT_BYTES / 1e6:.0f}")], lang)
        data = path.read_bytes()
    raw = read_file(data, name, encoding=encoding, sheet=sheet)
    if mapping is not None:
        mapping = {**auto_mapping(raw.header, table), **mapping}
    plan = prepare(raw, table, mapping, db_path=db_path, progress=progress)
    if plan.problems:
        raise ImportFailed(plan.problems, lang)
    if dry_run:
        return plan, None
    return plan, commit(plan, who, data, db_path=db_path, sources_dir=sources_dir,
                        imports_dir=imports_dir, lang=lang, progress=progress)


def history(imports_dir: Path | None = None) -> list[dict]:
    """Import history from the store of record, newest first."""
    rows = []
    for batch in build.batch_dirs(Path(imports_dir or default_imports_dir())):
        meta = batch / "import_history.csv"
        if meta.exists():
            rows.extend(csv.DictReader(io.StringIO(meta.read_text(encoding="utf-8"))))
    return sorted(rows, key=lambda r: r["batch_id"], reverse=True)


def state_digest(db: Path) -> str:
    """A digest of every table's rows (volatile import times and build metadata left
    out): two databases with equal digests hold the same data."""
    digest = hashlib.sha256()
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table in schema.TABLES:
            cols = [c.name for c in table.all_columns if c.name != "imported_at"]
            rows = con.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} '
                               f'FROM "{table.name}" ORDER BY ALL').fetchall()
            digest.update(json.dumps([table.name, rows], default=str,
                                     ensure_ascii=False).encode())
    finally:
        con.close()
    return digest.hexdigest()
