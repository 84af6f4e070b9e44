"""Generated import files: good ones in every encoding and format, and a corpus of bad
ones, each with the problem it must be refused for (message key, row, column)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import openpyxl

from sangaku import importer

# ------------------------------------------------------------------ good files
GOOD_ROWS: dict[str, list[list[str]]] = {
    "organizations": [
        ["機関名", "英語名", "種別", "所在地", "別名"],
        ["株式会社多摩精密", "Tama Precision Co.", "企業", "東京都八王子市", "多摩精密"],
        ["ＡＢＣ　センサー株式会社", "", "会社", "13201", ""],
        ["首都大学東京", "", "大学", "", ""],  # an existing organisation, through its alias
    ],
    "agreements": [
        ["締結先", "締結元", "文書", "締結日", "備考"],
        ["東京農工大学", "都産技研", "連携協定書", "令和3年3月4日", ""],
        ["電気通信大学", "都産技研", "覚書", "R3.4.1", ""],
        ["首都大学東京", "都産技研", "秘密保持契約", "２０１４／１２／９", ""],
        ["多摩信用金庫", "都産技研", "協定書", "平成26年", ""],
        ["東京都立大学", "東京農工大学", "協定書", "", "日付の記載なし"],
    ],
    "events": [
        ["イベント名", "開催日", "終了日", "区分", "役割", "形式", "参加者数", "開催地"],
        ["多摩ものづくりセミナー", "2022年10月5日", "", "セミナー", "主催", "対面", "120名",
         "東京都立川市"],
        ["オンライン技術交流会", "2023/2/1", "2023/2/2", "交流会", "共催", "オンライン",
         "1,050", ""],
        ["産学連携フォーラム", "令和4年度", "", "フォーラム", "参加", "", "", ""],
    ],
    "seeds": [
        ["シーズ名", "概要", "機関", "分野"],
        ["IoTセンサの省電力化", "無線センサ端末の消費電力を抑える回路技術。", "電気通信大学",
         "情報通信、ものづくり技術"],
        ["抗菌性表面処理", "金属表面の抗菌コーティング。", "都産技研", "ナノテクノロジー"],
    ],
    "needs": [
        ["ニーズ名", "概要", "企業名", "分野", "機密"],
        ["検査工程の自動化", "外観検査を画像処理で自動化したい。", "多摩信用金庫", "IT",
         "いいえ"],
        ["新素材の評価", "樹脂の耐候性評価の相談先を探している。", "", "ナノテクノロジー",
         "はい"],
    ],
}


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    text = "\r\n".join(",".join(_quote(c) for c in r) for r in rows) + "\r\n"
    return text.encode(encoding)


def _quote(cell: str) -> str:
    if any(ch in cell for ch in ',"\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def xlsx_bytes(rows: list[list[object]], sheet: str = "Sheet1",
               before: list[str] = ()) -> bytes:
    book = openpyxl.Workbook()
    first = book.active
    first.title = before[0] if before else sheet
    for name in before[1:]:
        book.create_sheet(name)
    target = book.create_sheet(sheet) if before else first
    for r in rows:
        target.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------ bad files
@dataclass
class Bad:
    name: str
    table: str
    data: bytes
    key: str
    row: int | None = None
    column: str | None = None
    options: dict = field(default_factory=dict)


def _ag(*rows: list[str], header: list[str] | None = None) -> bytes:
    return csv_bytes([header or ["締結先", "締結元", "文書", "締結日"], *rows])


def _ev(*rows: list[str]) -> bytes:
    return csv_bytes([["イベント名", "開催日", "終了日", "区分", "役割", "参加者数"], *rows])


def _org(*rows: list[str], header: list[str] | None = None) -> bytes:
    return csv_bytes([header or ["機関名", "種別", "所在地"], *rows])


OK_AG = ["東京農工大学", "都産技研", "協定書", "2020-04-01"]
OK_EV = ["技術セミナー", "2022-10-05", "", "セミナー", "主催", "30"]


def bad_files() -> list[Bad]:
    good_xlsx = xlsx_bytes(GOOD_ROWS["agreements"])
    cases = [
        # encodings and file kinds
        Bad("euc_jp.csv", "agreements", _ag(OK_AG).decode().encode("euc_jp"),
            "imp.err.encoding_unknown"),
        Bad("utf16_no_bom.csv", "agreements", _ag(OK_AG).decode().encode("utf-16-le"),
            "imp.err.binary"),
        Bad("cp932_read_as_utf8.csv", "agreements", _ag(OK_AG, OK_AG).decode().encode("cp932"),
            "imp.err.encoding_chosen", row=1, options={"encoding": "utf-8"}),
        Bad("truncated_utf8.csv", "agreements",
            "締結先,締結元,文書,締結日\n東京農工大学,都産技研,協定書,令和".encode()[:-1],
            "imp.err.encoding_unknown"),
        Bad("picture.csv", "agreements", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64,
            "imp.err.binary"),
        Bad("unclosed_quote.csv", "agreements",
            "締結先,締結元,文書,締結日\n\"東京農工大学,都産技研,協定書,2020-04-01\n".encode(),
            "imp.err.csv"),
        # empty, header only, too big
        Bad("empty.csv", "agreements", b"", "imp.err.empty"),
        Bad("blank_lines.csv", "agreements", b"\r\n\r\n  \r\n", "imp.err.empty"),
        Bad("bom_only.csv", "agreements", b"\xef\xbb\xbf", "imp.err.empty"),
        Bad("header_only.csv", "agreements", _ag(), "imp.err.no_rows"),
        Bad("huge.csv", "events", _ev(OK_EV) + b"," * (importer.MAX_IMPORT_BYTES + 10),
            "imp.err.too_large"),
        Bad("too_many_rows.csv", "events",
            _ev(*([OK_EV] * (importer.MAX_IMPORT_ROWS + 1))), "imp.err.too_many_rows"),
        # columns
        Bad("missing_required_column.csv", "agreements",
            _ag(["都産技研", "協定書", "2020-04-01"], header=["締結元", "文書", "締結日"]),
            "imp.err.missing_column", row=1, column="org"),
        Bad("missing_category.csv", "events",
            csv_bytes([["イベント名", "開催日", "役割"], ["セミナー", "2022-01-01", "主催"]]),
            "imp.err.missing_column", row=1, column="category"),
        Bad("extra_column.csv", "agreements",
            _ag(OK_AG + ["x"], header=["締結先", "締結元", "文書", "締結日", "担当者の気分"]),
            "imp.err.unknown_column", row=1, column="担当者の気分"),
        Bad("duplicate_header.csv", "agreements",
            _ag(OK_AG + ["2021-01-01"], header=["締結先", "締結元", "文書", "締結日", "締結日"]),
            "imp.err.dup_header", row=1, column="締結日"),
        Bad("blank_header.csv", "agreements",
            _ag(["東京農工大学", "", "都産技研", "協定書", "2020-04-01"],
                header=["締結先", "", "締結元", "文書", "締結日"]),
            "imp.err.blank_header", row=1, column="#2"),
        Bad("extra_cells.csv", "agreements", _ag(OK_AG, OK_AG + ["余計な値"]),
            "imp.err.extra_cells", row=3),
        Bad("two_columns_one_target.csv", "agreements",
            _ag(OK_AG + ["2020-04-02"], header=["締結先", "締結元", "文書", "締結日", "日付2"]),
            "imp.err.target_twice", row=1, column="signed_on",
            options={"mapping": {"日付2": "signed_on"}}),
        Bad("events_into_seeds.csv", "seeds", _ev(OK_EV), "imp.err.unknown_column", row=1),
        # dates
        Bad("month_13.csv", "agreements", _ag(["東京農工大学", "都産技研", "協定書", "2014-13-01"]),
            "imp.err.date_impossible", row=2, column="締結日"),
        Bad("feb_30.csv", "agreements", _ag(["東京農工大学", "都産技研", "協定書", "2014/2/30"]),
            "imp.err.date_impossible", row=2, column="締結日"),
        Bad("heisei_after_end.csv", "agreements",
            _ag(OK_AG, ["東京農工大学", "都産技研", "覚書", "平成31年5月1日"]),
            "imp.err.era_after", row=3, column="締結日"),
        Bad("reiwa_before_start.csv", "agreements",
            _ag(["東京農工大学", "都産技研", "協定書", "令和元年4月1日"]),
            "imp.err.era_before", row=2, column="締結日"),
        Bad("words_for_date.csv", "agreements", _ag(["東京農工大学", "都産技研", "協定書", "昨年"]),
            "imp.err.date_form", row=2, column="締結日"),
        Bad("us_date.csv", "agreements", _ag(["東京農工大学", "都産技研", "協定書", "12/9/2014"]),
            "imp.err.date_form", row=2, column="締結日"),
        Bad("era_year_zero.csv", "agreements", _ag(["東京農工大学", "都産技研", "協定書", "R0.1.1"]),
            "imp.err.date_impossible", row=2, column="締結日"),
        Bad("end_before_start.csv", "events",
            _ev(["技術セミナー", "2022-10-05", "2022-10-01", "セミナー", "主催", ""]),
            "imp.err.end_before_start", row=2, column="終了日"),
        # numbers, booleans, coordinates, accepted values
        Bad("words_for_count.csv", "events", _ev(["技術セミナー", "2022-10-05", "", "セミナー",
                                                 "主催", "多数"]),
            "imp.err.int", row=2, column="参加者数"),
        Bad("latitude_text.csv", "organizations",
            _org(["株式会社北", "企業", "", "北緯35度"], header=["機関名", "種別", "所在地", "緯度"]),
            "imp.err.number", row=2, column="緯度"),
        Bad("latitude_range.csv", "organizations",
            _org(["株式会社北", "企業", "", "135.2"], header=["機関名", "種別", "所在地", "緯度"]),
            "imp.err.coordinate", row=2, column="緯度"),
        Bad("confidential_maybe.csv", "needs",
            csv_bytes([["ニーズ名", "機密"], ["検査の自動化", "たぶん"]]),
            "imp.err.bool", row=2, column="機密"),
        Bad("unknown_category.csv", "events", _ev(["技術セミナー", "2022-10-05", "", "パーティー",
                                                  "主催", ""]),
            "imp.err.accepted", row=2, column="区分"),
        Bad("unknown_org_type.csv", "organizations", _org(["株式会社北", "宇宙人", ""]),
            "imp.err.accepted", row=2, column="種別"),
        Bad("unknown_document_kind.csv", "agreements",
            _ag(["東京農工大学", "都産技研", "連携文書", "2020-04-01"]),
            "imp.err.document_kind", row=2, column="文書"),
        # duplicates
        Bad("duplicate_org.csv", "organizations",
            _org(["株式会社北", "企業", ""], ["株式会社　北", "企業", ""]),
            "imp.err.duplicate", row=3),
        Bad("duplicate_agreement.csv", "agreements", _ag(OK_AG, OK_AG), "imp.err.duplicate",
            row=3),
        Bad("duplicate_id.csv", "events",
            csv_bytes([["イベントID", "イベント名", "区分", "役割"],
                       ["ev1", "A", "セミナー", "主催"], ["ev1", "B", "セミナー", "主催"]]),
            "imp.err.duplicate", row=3, column="イベントID"),
        # references
        Bad("near_miss_org.csv", "agreements", _ag(["東京農工大", "都産技研", "協定書", "2020-04-01"]),
            "imp.err.org_unknown_suggest", row=2, column="締結先"),
        Bad("unknown_org.csv", "agreements", _ag(["ぜんぜん知らない財団", "都産技研", "協定書",
                                                 "2020-04-01"]),
            "imp.err.org_unknown", row=2, column="締結先"),
        Bad("unknown_municipality.csv", "organizations", _org(["株式会社北", "企業", "架空市"]),
            "imp.err.municipality", row=2, column="所在地"),
        Bad("ambiguous_municipality.csv", "organizations", _org(["株式会社北", "企業", "伊達市"]),
            "imp.err.municipality_ambiguous", row=2, column="所在地"),
        Bad("unknown_prefecture.csv", "organizations",
            _org(["株式会社北", "企業", "架空県"], header=["機関名", "種別", "都道府県"]),
            "imp.err.prefecture", row=2, column="都道府県"),
        Bad("unknown_field.csv", "seeds", csv_bytes([["シーズ名", "分野"], ["新技術", "錬金術"]]),
            "imp.err.field", row=2, column="分野"),
        Bad("unknown_source.csv", "seeds",
            csv_bytes([["シーズ名", "出典"], ["新技術", "no_such_document"]]),
            "imp.err.source", row=2, column="出典"),
        Bad("bad_org_id.csv", "organizations",
            _org(["ABC-1", "株式会社北", "企業"], header=["機関ID", "機関名", "種別"]),
            "imp.err.pattern", row=2),
        Bad("alias_of_other_org.csv", "organizations",
            _org(["株式会社北", "企業", "都立大"], header=["機関名", "種別", "別名"]),
            "imp.err.alias_taken", row=2, column="別名"),
        Bad("blank_required_cell.csv", "agreements", _ag(["", "都産技研", "協定書", "2020-04-01"]),
            "imp.err.required", row=2, column="締結先"),
        # formula and script injection
        Bad("formula_equals.csv", "organizations", _org(['=HYPERLINK("http://x","y")', "企業", ""]),
            "imp.err.formula", row=2, column="機関名"),
        Bad("formula_plus.csv", "organizations", _org(["+cmd|' /C calc'!A0", "企業", ""]),
            "imp.err.formula", row=2, column="機関名"),
        Bad("formula_at.csv", "events", _ev(["@SUM(A1:A9)", "2022-10-05", "", "セミナー", "主催",
                                             ""]),
            "imp.err.formula", row=2, column="イベント名"),
        Bad("formula_minus.csv", "seeds", csv_bytes([["シーズ名", "概要"], ["新技術", "-2+3+cmd"]]),
            "imp.err.formula", row=2, column="概要"),
        Bad("script_tag.csv", "events", _ev(["<script>alert(1)</script>", "2022-10-05", "",
                                             "セミナー", "主催", ""]),
            "imp.err.markup", row=2, column="イベント名"),
        Bad("img_onerror.csv", "organizations", _org(["<img src=x onerror=alert(1)>", "企業", ""]),
            "imp.err.markup", row=2, column="機関名"),
        Bad("javascript_url.csv", "needs", csv_bytes([["ニーズ名", "概要"],
                                                      ["検査", "javascript:alert(1)"]]),
            "imp.err.markup", row=2, column="概要"),
        Bad("control_char.csv", "seeds", csv_bytes([["シーズ名"], ["新\x07技術"]]),
            "imp.err.control", row=2, column="シーズ名"),
        # Excel
        Bad("truncated.xlsx", "agreements", good_xlsx[: len(good_xlsx) // 2], "imp.err.xlsx"),
        Bad("not_really.xlsx", "agreements", b"PK\x03\x04" + b"\x00" * 100, "imp.err.xlsx"),
        Bad("zip_not_xlsx.xlsx", "agreements", _zip_without_workbook(), "imp.err.xlsx"),
        Bad("wrong_sheet.xlsx", "agreements", good_xlsx, "imp.err.sheet",
            options={"sheet": "協定一覧2021"}),
        Bad("empty_sheet.xlsx", "agreements", xlsx_bytes([]), "imp.err.empty"),
        Bad("xlsx_bad_date.xlsx", "agreements",
            xlsx_bytes([["締結先", "締結元", "文書", "締結日"],
                        ["東京農工大学", "都産技研", "協定書", "平成32年13月1日"]]),
            "imp.err.date_impossible", row=2, column="締結日"),
        Bad("xlsx_unknown_org.xlsx", "agreements",
            xlsx_bytes([["締結先", "締結元", "文書", "締結日"],
                        ["東京農工", "都産技研", "協定書", "2020-04-01"]]),
            "imp.err.org_unknown_suggest", row=2, column="締結先"),
    ]
    return cases


def _zip_without_workbook() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()
