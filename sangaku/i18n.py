"""Every string the UI shows, in Japanese and English, looked up by key."""

from __future__ import annotations

import pandas as pd

LANGS = ("ja", "en")
DEFAULT_LANG = "ja"

STRINGS: dict[str, dict[str, str]] = {
    # shell
    "app.title": {"ja": "産学官連携ダッシュボード", "en": "Sangaku collaboration dashboard"},
    "app.subtitle": {"ja": "クラスター政策・協定・イベント・シーズとニーズ",
                     "en": "Cluster programs, agreements, events, seeds and needs"},
    "nav.overview": {"ja": "概要", "en": "Overview"},
    "nav.data": {"ja": "データと出典", "en": "Data & sources"},
    "lang.label": {"ja": "言語 / Language", "en": "Language / 言語"},
    "building.status": {"ja": "データベースを構築しています…", "en": "Building the database…"},
    "building.done": {"ja": "データベースを構築しました", "en": "Database built"},
    "building.failed": {"ja": "データベースを構築できませんでした。元のデータベースは変更されていません。",
                        "en": "The database could not be built. The previous database is unchanged."},
    # filters
    "filters.header": {"ja": "絞り込み（全ページ共通）", "en": "Filters (all pages)"},
    "filters.region": {"ja": "地域（都道府県またはプログラム地域）",
                       "en": "Region (prefecture or program region)"},
    "filters.region.all": {"ja": "全国", "en": "All of Japan"},
    "filters.region.group_pref": {"ja": "都道府県", "en": "Prefecture"},
    "filters.region.group_region": {"ja": "地域", "en": "Region"},
    "filters.field": {"ja": "技術分野", "en": "Technology field"},
    "filters.field.placeholder": {"ja": "すべての分野", "en": "All fields"},
    "filters.period": {"ja": "期間（暦年）", "en": "Period (calendar years)"},
    "filters.reset": {"ja": "絞り込みを解除", "en": "Clear filters"},
    "filters.active": {"ja": "適用中の絞り込み: {summary}", "en": "Active filters: {summary}"},
    "filters.none": {"ja": "絞り込みなし（全データ）", "en": "No filters (all data)"},
    "filters.invalid": {"ja": "URL のパラメータ「{name}={value}」は無効なため無視しました。",
                        "en": "URL parameter '{name}={value}' is not valid and was ignored."},
    "filters.share": {"ja": "このページの URL で現在の表示を共有できます。",
                      "en": "The page URL reproduces this view; copy it to share."},
    "filters.not_applied": {"ja": "この項目には「{filters}」の絞り込みは適用されません。",
                            "en": "The {filters} filter does not apply to this item."},
    "filter.name.region": {"ja": "地域", "en": "region"},
    "filter.name.field": {"ja": "技術分野", "en": "technology field"},
    "filter.name.period": {"ja": "期間", "en": "period"},
    # common
    "common.source": {"ja": "出典: {sources}", "en": "Source: {sources}"},
    "common.note": {"ja": "注記", "en": "Note"},
    "common.download_csv": {"ja": "CSV をダウンロード", "en": "Download CSV"},
    "common.download_xlsx": {"ja": "Excel をダウンロード", "en": "Download Excel"},
    "common.no_data": {"ja": "この条件に該当するデータはありません。",
                       "en": "No data for this selection."},
    "common.sample_badge": {"ja": "サンプル", "en": "Sample"},
    "common.sample_rows": {"ja": "{n} 行はサンプル（生成データ）です。",
                           "en": "{n} rows are sample (generated) data."},
    "common.truncated": {"ja": "表示は先頭 {n} 行までです。", "en": "Showing the first {n} rows."},
    "common.mlit_credit": {"ja": "出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成",
                           "en": "Source: MLIT National Land Numerical Information "
                                 "(Administrative Areas), processed by this project. "
                                 "出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成"},
    "common.rows": {"ja": "{n} 行", "en": "{n} rows"},
    # overview
    "overview.title": {"ja": "概要", "en": "Overview"},
    "overview.what": {
        "ja": "このダッシュボードは、日本の産学官連携を一つの場所で見るためのものです。"
              "文部科学省の知的クラスター創成事業（CLUSTER）と都市エリア産学官連携促進事業（CITY AREA）の"
              "地域と技術分野、TAMA（首都圏西部）の取り組み、東京都立産業技術研究センターの協定・"
              "イベント・連携実績、国の指標を、すべて出典付きで示します。数値は収録した5つの文書から"
              "転記したもので、各行に出典があります。",
        "en": "This dashboard shows industry–academia–government collaboration in Japan in one "
              "place: the regions and technology fields of MEXT's CLUSTER and CITY AREA programs, "
              "the TAMA initiative west of Tokyo, the agreements, events and cooperation of the "
              "Tokyo Metropolitan Industrial Technology Research Institute, and national "
              "indicators. Every figure is transcribed from the five documents it holds, and "
              "every row names its source."},
    "overview.headline": {"ja": "主要な数値", "en": "Headline figures"},
    "overview.metric.programs": {"ja": "プログラム", "en": "Programs"},
    "overview.metric.regions": {"ja": "プログラム地域", "en": "Program regions"},
    "overview.metric.partners": {"ja": "協定先機関", "en": "Partner institutions"},
    "overview.metric.agreements": {"ja": "協定・覚書", "en": "Agreements"},
    "overview.metric.events": {"ja": "イベント", "en": "Events"},
    "overview.metric.activities": {"ja": "連携活動", "en": "Cooperation activities"},
    "overview.metric.programs.help": {
        "ja": "国のプログラムと地域の取り組み（地域または分野の絞り込みでは、該当する地域を持つもの）",
        "en": "National programs and regional initiatives (with a region or field filter: those "
              "with a matching region)"},
    "overview.metric.regions.help": {
        "ja": "CLUSTER 地域、試行地域、CITY AREA、TAMA 地域（広域クラスターは含まない）",
        "en": "CLUSTER regions, trial regions, CITY AREA areas and the TAMA region "
              "(greater clusters not counted)"},
    "overview.metric.partners.help": {
        "ja": "協定・覚書を結んだ機関の数（1機関1件）", "en": "Institutions with at least one "
        "agreement or memorandum (each counted once)"},
    "overview.metric.agreements.help": {
        "ja": "協定書・覚書の件数（1文書1件、部署単位の協定を含む）",
        "en": "Agreement documents (one per document, department-level ones included)"},
    "overview.metric.events.help": {
        "ja": "主催・共催・参加・後援などのイベント（予定を含む）",
        "en": "Events hosted, co-hosted, attended or supported (planned ones included)"},
    "overview.metric.activities.help": {
        "ja": "区市町村・金融機関・大学等との連携活動（報告書の項目ごと）",
        "en": "Cooperation activities with wards, cities, banks, universities (one per item "
              "in the report)"},
    "overview.regions_by_field": {"ja": "技術分野別のプログラム地域数",
                                  "en": "Program regions by technology field"},
    "overview.regions_by_field.note": {
        "ja": "2分野を持つ地域は両方の分野に数えています。",
        "en": "A region with two fields is counted under both."},
    "overview.sources": {"ja": "収録した文書", "en": "Documents in the database"},
    "overview.axis.regions": {"ja": "地域数", "en": "Regions"},
    "overview.axis.field": {"ja": "技術分野", "en": "Technology field"},
    "overview.axis.program": {"ja": "プログラム", "en": "Program"},
    # data page
    "data.title": {"ja": "データと出典", "en": "Data & sources"},
    "data.intro": {
        "ja": "データベースのすべての表を閲覧・ダウンロードできます。CSV は Excel（日本語版 Windows）で"
              "文字化けしないよう BOM 付き UTF-8 で出力します。",
        "en": "Browse and download every table of the database. CSV files are UTF-8 with a BOM "
              "so that Excel on Japanese Windows opens them correctly."},
    "data.sources": {"ja": "出典文書", "en": "Sources"},
    "data.tables": {"ja": "表の閲覧", "en": "Browse tables"},
    "data.table_select": {"ja": "表", "en": "Table"},
    "data.columns": {"ja": "列の説明（データ辞書）", "en": "Columns (data dictionary)"},
    "data.filters_applied": {"ja": "この表には全ページ共通の絞り込みを適用しています。",
                             "en": "The global filters are applied to this table."},
    "data.filters_not_applicable": {
        "ja": "この表には全ページ共通の絞り込みは適用されません（全行を表示）。",
        "en": "The global filters do not apply to this table (all rows shown)."},
    "data.notes": {"ja": "注記（判読が難しい・解釈を含む数値）",
                   "en": "Notes on ambiguous or interpreted figures"},
    "data.notes.intro": {
        "ja": "文書の表記が崩れている、二通りに読める、あるいは本プロジェクトの解釈を含む箇所です。"
              "文書の表記をそのまま収録し、解釈をここに明記しています。",
        "en": "Places where a document's text is garbled, can be read two ways, or where this "
              "project interprets it. The database stores what the document shows and states "
              "the interpretation here."},
    "data.build": {"ja": "データベース: {built_at} 構築、{tables} 表・{rows} 行",
                   "en": "Database built {built_at}: {tables} tables, {rows} rows"},
    "data.credits": {"ja": "クレジット", "en": "Credits"},
    "col.source_id": {"ja": "出典ID", "en": "Source ID"},
    "col.title": {"ja": "題名", "en": "Title"},
    "col.publisher": {"ja": "発行者", "en": "Publisher"},
    "col.published_on": {"ja": "発行日", "en": "Date"},
    "col.language": {"ja": "言語", "en": "Language"},
    "col.seed_file": {"ja": "ファイル", "en": "File"},
    "col.note": {"ja": "注記", "en": "Note"},
    "col.kind": {"ja": "種別", "en": "Kind"},
    "col.table": {"ja": "表", "en": "Table"},
    "col.row": {"ja": "行", "en": "Row"},
    "col.label": {"ja": "項目", "en": "Item"},
    "col.column": {"ja": "列", "en": "Column"},
    "col.type": {"ja": "型", "en": "Type"},
    "col.required": {"ja": "必須", "en": "Required"},
    "col.accepted": {"ja": "許容値", "en": "Accepted values"},
    "col.references": {"ja": "参照先", "en": "References"},
    "col.description": {"ja": "説明", "en": "Description"},
    "col.rows": {"ja": "行数", "en": "Rows"},
    "date.unknown": {"ja": "日付なし", "en": "undated"},
}


def t(key: str, lang: str, **values: object) -> str:
    """The string for key in lang (falling back to Japanese), formatted with values."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text


def localized(frame: pd.DataFrame, base: str, lang: str) -> pd.Series:
    """Column `base_<lang>`, falling back to the other language where it is empty."""
    other = "ja" if lang == "en" else "en"
    first = frame.get(f"{base}_{lang}")
    second = frame.get(f"{base}_{other}")
    if first is None:
        return second
    if second is None:
        return first
    return first.where(first.notna() & (first.astype("string") != ""), second)


def name_in(lang: str, name_ja: str | None, name_en: str | None) -> str:
    if lang == "en":
        return name_en or name_ja or ""
    return name_ja or name_en or ""
