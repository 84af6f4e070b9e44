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
    # vocabularies
    "org_type.university": {"ja": "大学", "en": "University"},
    "org_type.college": {"ja": "高専・大学院", "en": "College"},
    "org_type.high_school": {"ja": "高等学校", "en": "High school"},
    "org_type.municipality": {"ja": "区市町村", "en": "Municipality"},
    "org_type.financial_institution": {"ja": "金融機関", "en": "Financial institution"},
    "org_type.support_organisation": {"ja": "支援機関", "en": "Support organisation"},
    "org_type.research_institute": {"ja": "研究機関", "en": "Research institute"},
    "org_type.business_association": {"ja": "経済団体", "en": "Business association"},
    "org_type.government_body": {"ja": "行政機関", "en": "Government body"},
    "org_type.overseas_body": {"ja": "海外機関", "en": "Overseas body"},
    "org_type.company": {"ja": "企業", "en": "Company"},
    "org_type.academic_society": {"ja": "学協会", "en": "Academic society"},
    "org_type.network": {"ja": "連携組織", "en": "Network"},
    "doc_kind.agreement": {"ja": "協定書", "en": "Agreement"},
    "doc_kind.memorandum": {"ja": "覚書", "en": "Memorandum"},
    "doc_kind.confidentiality_agreement": {"ja": "秘密保持契約書", "en": "Confidentiality agreement"},
    "area.城東": {"ja": "城東", "en": "Joto (east)"},
    "area.城南": {"ja": "城南", "en": "Jonan (south)"},
    "area.城北": {"ja": "城北", "en": "Johoku (north)"},
    "area.城西": {"ja": "城西", "en": "Josai (west)"},
    "area.都心・副都心": {"ja": "都心・副都心", "en": "Central Tokyo"},
    "area.多摩": {"ja": "多摩", "en": "Tama"},
    "area.outside": {"ja": "都外", "en": "Outside Tokyo"},
    "area.unassigned": {"ja": "区分なし（都内）", "en": "Not assigned (Tokyo)"},
    "role.hosted": {"ja": "主催", "en": "Hosted"},
    "role.co_hosted": {"ja": "共催", "en": "Co-hosted"},
    "role.attended": {"ja": "参加", "en": "Attended"},
    "role.presented": {"ja": "発表", "en": "Presented"},
    "role.supported": {"ja": "後援・協賛", "en": "Supported"},
    "role.exhibited": {"ja": "出展", "en": "Exhibited"},
    "role.cooperated": {"ja": "協力", "en": "Cooperated"},
    "role.organised_by_others": {"ja": "他機関主催", "en": "Organised by others"},
    "mode.onsite": {"ja": "会場", "en": "On site"},
    "mode.online": {"ja": "オンライン", "en": "Online"},
    "mode.hybrid": {"ja": "会場＋オンライン", "en": "Hybrid"},
    "mode.written": {"ja": "書面", "en": "In writing"},
    "mode.email": {"ja": "メール", "en": "By e-mail"},
    "mode.unknown": {"ja": "記載なし", "en": "Not stated"},
    "milestone.law": {"ja": "法律", "en": "Law"},
    "milestone.plan": {"ja": "計画", "en": "Plan"},
    "milestone.program": {"ja": "事業", "en": "Program"},
    "milestone.strategy": {"ja": "戦略", "en": "Strategy"},
    "milestone.organisation": {"ja": "組織", "en": "Organisation"},
    "milestone.regulation": {"ja": "規制", "en": "Regulation"},
    "network_role.member": {"ja": "連携機関", "en": "Member"},
    "network_role.observer": {"ja": "オブザーバー", "en": "Observer"},
    "network_role.partner": {"ja": "協力機関", "en": "Partner"},
    "common.axis.year": {"ja": "年", "en": "Year"},
    "common.axis.date": {"ja": "日付", "en": "Date"},
    "common.data_behind": {"ja": "グラフのデータ", "en": "Data behind the chart"},
    "common.notes_for_chart": {"ja": "この図の注記", "en": "Notes on this chart"},
    "common.select_hint": {"ja": "点をクリックすると詳細を表示します。",
                           "en": "Click a mark to see its details."},
    # agreements
    "nav.agreements": {"ja": "協定", "en": "Agreements"},
    "agreements.title": {"ja": "協定・覚書", "en": "Agreements and memoranda"},
    "agreements.intro": {
        "ja": "東京都立産業技術研究センター（都産技研）が大学・研究機関・支援機関・行政機関・金融機関と"
              "結んだ協定書・覚書（2021年3月31日現在）と、多摩地域の連携協定です。1文書を1件として数えます。",
        "en": "Agreements and memoranda the Tokyo Metropolitan Industrial Technology Research "
              "Institute (TIRI) has signed with universities, research bodies, support "
              "organisations, governments and banks (as of 31 March 2021), and the Tama-region "
              "agreement of 2025. Each document counts once."},
    "agreements.local_filters": {"ja": "このページの絞り込み", "en": "Filters on this page"},
    "agreements.filter.org_type": {"ja": "機関の種類", "en": "Institution type"},
    "agreements.filter.document_kind": {"ja": "文書の種類", "en": "Document type"},
    "agreements.filter.area": {"ja": "地域区分", "en": "Area"},
    "agreements.filter.all": {"ja": "すべて", "en": "All"},
    "agreements.timeline": {"ja": "協定の時系列（機関ごと、1文書1点）",
                            "en": "Timeline of agreements (one row per institution, a mark per document)"},
    "agreements.timeline.legend": {
        "ja": "色は機関の種類、形は文書の種類（●協定書 ◆覚書 ■秘密保持契約書）。点線より下は部署単位の協定です。",
        "en": "Colour: institution type. Shape: document type (● agreement, ◆ memorandum, "
              "■ confidentiality agreement). Below the dotted line: department-level agreements."},
    "agreements.department_band": {"ja": "部署単位の協定", "en": "Department-level agreements"},
    "agreements.axis.signed": {"ja": "締結日", "en": "Date signed"},
    "agreements.per_year": {"ja": "年別の協定数（機関の種類別）と協定先機関数の累計",
                            "en": "Agreements per year by institution type, and cumulative partner institutions"},
    "agreements.axis.documents": {"ja": "協定・覚書（件）", "en": "Documents"},
    "agreements.axis.partners": {"ja": "協定先機関（累計）", "en": "Partner institutions (cumulative)"},
    "agreements.cumulative_partners": {"ja": "協定先機関の累計", "en": "Partner institutions, cumulative"},
    "agreements.undated": {"ja": "日付の記載がない文書 {n} 件は時系列に含めていません。",
                           "en": "{n} undated document(s) are not in the timeline."},
    "agreements.table": {"ja": "協定・覚書の一覧", "en": "List of agreements"},
    "agreements.profile": {"ja": "機関の詳細", "en": "Institution profile"},
    "agreements.profile.pick": {"ja": "機関を選択（表の行・時系列の点をクリックしても選べます）",
                                "en": "Choose an institution (or click a row of the table or a mark of the timeline)"},
    "agreements.profile.none": {"ja": "（選択なし）", "en": "(none)"},
    "agreements.profile.documents": {"ja": "協定・覚書", "en": "Agreements"},
    "agreements.profile.activities": {"ja": "報告書に記載された連携活動", "en": "Cooperation activities in the report"},
    "agreements.profile.events": {"ja": "関わったイベント", "en": "Events"},
    "agreements.profile.location": {"ja": "所在地", "en": "Location"},
    "agreements.profile.location_basis": {
        "ja": "地図上の位置は所在区市町村の代表点です（住所の位置ではありません）。",
        "en": "The map point is a representative point of the municipality, not the street address."},
    "agreements.profile.no_location": {"ja": "所在地の記録がありません。",
                                       "en": "No location is recorded for this institution."},
    "agreements.profile.aliases": {"ja": "別名・旧名称: {aliases}", "en": "Other and former names: {aliases}"},
    "agreements.profile.type": {"ja": "種類: {type}", "en": "Type: {type}"},
    "agreements.profile.area": {"ja": "地域区分: {area}", "en": "Area: {area}"},
    "agreements.profile.nothing": {"ja": "記載はありません。", "en": "None listed."},
    "col.institution": {"ja": "機関", "en": "Institution"},
    "col.org_type": {"ja": "機関の種類", "en": "Institution type"},
    "col.area": {"ja": "地域区分", "en": "Area"},
    "col.document_type": {"ja": "文書", "en": "Document"},
    "col.signed_on": {"ja": "締結日", "en": "Signed"},
    "col.department": {"ja": "連携部署", "en": "Department"},
    "col.unit": {"ja": "相手の部署・支店", "en": "Partner's unit"},
    "col.counterpart": {"ja": "相手方", "en": "Counterpart"},
    "col.no": {"ja": "No.", "en": "No."},
    "col.activity": {"ja": "連携事業", "en": "Activity"},
    "col.month": {"ja": "月", "en": "Month"},
    "col.count": {"ja": "件数・回数", "en": "Count"},
    "col.event": {"ja": "イベント", "en": "Event"},
    "col.date": {"ja": "日付", "en": "Date"},
    "col.role": {"ja": "役割", "en": "Role"},
    "col.mode": {"ja": "開催形態", "en": "Format"},
    "col.venue": {"ja": "会場", "en": "Venue"},
    "col.participants": {"ja": "参加者数", "en": "Participants"},
    "col.organisations": {"ja": "関係機関", "en": "Organisations"},
    "col.presenter": {"ja": "発表者", "en": "Presenter"},
    "col.meeting": {"ja": "会議・大会", "en": "Meeting"},
    "col.value": {"ja": "値", "en": "Value"},
    "col.unit_name": {"ja": "単位", "en": "Unit"},
    "col.period": {"ja": "時点", "en": "Period"},
    "col.printed": {"ja": "原文の表記", "en": "As printed"},
    "col.since": {"ja": "参加年度", "en": "Since (FY)"},
    "col.partners": {"ja": "連携先", "en": "Partners"},
    "col.summary": {"ja": "概要", "en": "Summary"},
    "col.url": {"ja": "URL", "en": "URL"},
    # events & statistics
    "nav.events": {"ja": "イベントと統計", "en": "Events & statistics"},
    "events.title": {"ja": "イベントと統計", "en": "Events and statistics"},
    "events.intro": {
        "ja": "都産技研が主催・共催・参加したイベント、交流と研究会の実績、首都圏公設試の連携、"
              "TAMA の会員数、国の産学連携指標と政策の年表です。",
        "en": "Events TIRI hosted, co-hosted or attended, its exchange and research groups, the "
              "capital-region institutes' network, the TAMA initiative's membership, national "
              "indicators of university–industry collaboration, and the policy timeline."},
    "events.tab.events": {"ja": "イベント", "en": "Events"},
    "events.tab.groups": {"ja": "交流・研究会", "en": "Groups"},
    "events.tab.networks": {"ja": "連携ネットワーク", "en": "Networks"},
    "events.tab.national": {"ja": "国の指標・政策", "en": "National indicators & policy"},
    "events.tab.tama": {"ja": "多摩・TAMA", "en": "Tama & TAMA"},
    "events.timeline": {"ja": "2020年度のイベントの時系列（都産技研の役割別）",
                        "en": "Events of FY2020 over time, by TIRI's role"},
    "events.timeline.legend": {"ja": "塗りつぶし: 会場開催、白抜き: オンライン、二重丸: 併用、×: 記載なし。横棒は複数日の会期。",
                               "en": "Filled: on site; hollow: online; dotted: hybrid; ×: not stated. Bars show multi-day events."},
    "events.undated": {"ja": "日付の記載がないイベント {n} 件は時系列に含めていません（一覧には含みます）。",
                       "en": "{n} undated event(s) are not in the timeline (they are in the list)."},
    "events.per_month": {"ja": "2020年度の月別イベント数", "en": "Events per month, FY2020"},
    "events.axis.date": {"ja": "開催日", "en": "Date"},
    "events.axis.month": {"ja": "月", "en": "Month"},
    "events.axis.events": {"ja": "イベント（件）", "en": "Events"},
    "events.list": {"ja": "イベント一覧", "en": "List of events"},
    "events.web_expo": {"ja": "東京イノベーション発信交流会 2021 WEB 展示会", "en": "Tokyo Innovation Exchange 2021 web exhibition"},
    "events.web_expo.exhibitors": {"ja": "出展企業", "en": "Exhibitors"},
    "events.web_expo.registrants": {"ja": "参加登録者", "en": "Registered visitors"},
    "events.web_expo.period": {"ja": "会期", "en": "Dates"},
    "events.groups": {"ja": "技術研究会の参加者数と開催回数（2020年度）",
                      "en": "Technical research groups: participants and meetings (FY2020)"},
    "events.groups.participants": {"ja": "企業延べ参加者数（人）", "en": "Participants (person-visits)"},
    "events.groups.institute": {"ja": "うち都産技研（人）", "en": "of which TIRI staff"},
    "events.groups.meetings": {"ja": "開催回数（回）", "en": "Meetings"},
    "events.exchange": {"ja": "異業種交流グループ", "en": "Cross-industry exchange groups"},
    "events.medeng": {"ja": "医工連携コーディネーター事業（2020年度）", "en": "Medical–engineering coordination (FY2020)"},
    "events.tkf": {"ja": "首都圏公設試験研究機関連携体（TKF）の会議", "en": "Meetings of the capital-region public research institutes (TKF)"},
    "events.tkf_members": {"ja": "TKF の連携機関とオブザーバー", "en": "TKF members and observers"},
    "events.sangiren": {"ja": "産業技術連携推進会議（参加した会議）", "en": "National council of public research institutes: meetings attended"},
    "events.presentations": {"ja": "他機関での発表", "en": "Presentations at other bodies"},
    "events.societies": {"ja": "学協会連携事業", "en": "Events with academic societies"},
    "events.tama_members": {"ja": "TAMA の会員数", "en": "TAMA initiative membership"},
    "events.tama_cases": {"ja": "多摩地域の産学連携事例（2025年）", "en": "Tama collaboration cases (2025)"},
    "events.tama_expo": {"ja": "多摩の記事に載ったイベント（たま未来連携EXPO 2025 ほか）",
                         "en": "Events in the Tama article (Tama Mirai Renkei EXPO 2025 and others)"},
    "events.national_then_now": {"ja": "国立大学と産業界の共同研究（FY1991 と FY2001）",
                                 "en": "Joint research of national universities with industry (FY1991 and FY2001)"},
    "events.centres": {"ja": "共同研究センター数（FY1991 と FY2001）", "en": "Centres for cooperative research (FY1991 and FY2001)"},
    "events.ventures": {"ja": "大学発ベンチャーの累計", "en": "University ventures, cumulative"},
    "events.ventures_abroad": {"ja": "海外の大学発ベンチャー（年間）と日本（累計）",
                               "en": "University ventures abroad (per year) and Japan (cumulative)"},
    "events.ventures_abroad.caveat": {
        "ja": "米国・英国は年間の設立数、日本は累計です。同じ尺度ではありません。",
        "en": "The US and UK figures are per year, Japan's is cumulative: not like for like."},
    "events.tlo": {"ja": "TLO と特許出願", "en": "TLOs and patent applications"},
    "events.tlo.approved": {"ja": "承認 TLO（2003年4月）", "en": "Approved TLOs (April 2003)"},
    "events.tlo.patents": {"ja": "特許出願（2002年12月）", "en": "Patent applications (December 2002)"},
    "events.policy": {"ja": "産学連携政策の年表（1995年〜）", "en": "Policy timeline (from 1995)"},
    "events.budget": {"ja": "CITY AREA スライドに記載の予算総額", "en": "Budget totals printed on the CITY AREA slide"},
    "events.budget.total": {"ja": "予算総額", "en": "Total budget"},
    "events.budget.unit": {"ja": "億円", "en": "¥100 million"},
    "nav.map": {"ja": "地図", "en": "Map"},
    "map.title": {"ja": "クラスター・都市エリアの地図", "en": "Map of the CLUSTER and CITY AREA regions"},
    "map.intro": {
        "ja": "知的クラスター創成事業（CLUSTER）の地域と試行地域、都市エリア産学官連携促進事業（CITY AREA）の"
              "地域を、構成市町村から作った形で示します。色は技術分野です。地域をクリックすると詳細を表示し、"
              "全ページ共通の地域の絞り込みもその地域になります。",
        "en": "Every CLUSTER region, trial region and CITY AREA area as its real shape, built "
              "from its member municipalities and coloured by technology field. Click a region "
              "to read about it; the global region filter follows the click."},
    "map.layers": {"ja": "表示するレイヤー", "en": "Layers"},
    "map.tiles": {"ja": "背景地図", "en": "Background"},
    "map.tiles.none": {"ja": "オフライン（都道府県の輪郭）", "en": "Offline (prefecture outlines)"},
    "map.tiles.osm": {"ja": "OpenStreetMap（要インターネット）", "en": "OpenStreetMap (needs internet)"},
    "map.tiles.gsi": {"ja": "地理院タイル（要インターネット）", "en": "GSI tiles (needs internet)"},
    "map.layer.prefectures": {"ja": "都道府県の輪郭", "en": "Prefecture outlines"},
    "map.layer.cluster": {"ja": "CLUSTER 地域", "en": "CLUSTER regions"},
    "map.layer.trial": {"ja": "試行地域", "en": "Trial regions"},
    "map.layer.city_area": {"ja": "CITY AREA 地域", "en": "CITY AREA areas"},
    "map.layer.greater": {"ja": "広域クラスター（関西・九州）", "en": "Greater clusters (Kansai, Kyushu)"},
    "map.layer.tama": {"ja": "TAMA 地域", "en": "TAMA region"},
    "map.layer.partners": {"ja": "協定先機関", "en": "Partner institutions"},
    "map.legend.fields": {"ja": "技術分野", "en": "Technology field"},
    "map.legend.two_fields": {"ja": "2分野の地域: 塗り＝1つ目、太い輪郭＝2つ目の分野",
                              "en": "Two fields: fill = first field, thick outline = second"},
    "map.tooltip.program": {"ja": "事業", "en": "Program"},
    "map.tooltip.fields": {"ja": "分野", "en": "Fields"},
    "map.tooltip.budget": {"ja": "年間予算（地域あたり）", "en": "Annual budget per region"},
    "map.tooltip.period": {"ja": "期間", "en": "Period"},
    "map.from_fy": {"ja": "（{fy}年度〜）", "en": " (from FY{fy})"},
    "map.institutions": {"ja": "{n} 機関", "en": "{n} institution(s)"},
    "map.more": {"ja": "ほか {n} 機関", "en": "and {n} more"},
    "map.detail": {"ja": "地域の詳細", "en": "Region details"},
    "map.detail.hint": {"ja": "地図上の地域をクリックするか、全ページ共通の絞り込みで地域を選ぶと、ここに詳細を表示します。",
                        "en": "Click a region on the map, or choose one in the global region filter, to see it here."},
    "map.detail.members": {"ja": "構成市町村", "en": "Member municipalities"},
    "map.detail.delimitation": {"ja": "範囲の決め方", "en": "How it was delimited"},
    "map.detail.interpretation": {"ja": "文書には市町村名の記載がなく、範囲は本プロジェクトの解釈です。",
                                  "en": "The document names no municipalities: this delimitation is this project's reading."},
    "map.detail.partners": {"ja": "域内の協定先機関", "en": "Partner institutions in the region"},
    "map.detail.events": {"ja": "域内で開かれたイベント", "en": "Events held in the region"},
    "map.detail.greater": {"ja": "広域クラスター: {name}", "en": "Greater cluster: {name}"},
    "map.detail.none": {"ja": "記載はありません。", "en": "None recorded."},
    "map.detail.clear": {"ja": "地域の選択を解除", "en": "Clear the region"},
    "map.partners_note": {"ja": "協定先機関は所在区市町村の代表点に示し、同じ地点の機関は1つの円にまとめます（円の大きさが機関数、名前はマウスを重ねると表示）。",
                          "en": "Partner institutions are drawn at a point of their municipality; institutions at one point share one circle, sized by their number (hover for the names)."},
    "map.choropleth": {"ja": "都道府県別の件数", "en": "Counts per prefecture"},
    "map.measure": {"ja": "表示する件数", "en": "Measure"},
    "map.measure.regions": {"ja": "プログラム地域", "en": "Program regions"},
    "map.measure.partners": {"ja": "協定先機関", "en": "Partner institutions"},
    "map.measure.agreements": {"ja": "協定・覚書", "en": "Agreements"},
    "map.tokyo": {"ja": "東京と多摩: 区市町村ごとの連携（協定と連携活動）",
                  "en": "Tokyo and Tama: collaborations per ward and city (agreements and activities)"},
    "map.tokyo.agreements": {"ja": "協定・覚書", "en": "Agreements"},
    "map.tokyo.activities": {"ja": "連携活動", "en": "Cooperation activities"},
    "map.tokyo.collaborations": {"ja": "連携（件）", "en": "Collaborations"},
    "map.tokyo.note": {"ja": "都産技研の年報が区市町村と結んだ協定と、報告した連携活動の合計。区分（城東・城南・城北・城西・都心・副都心・多摩）は年報の区分です。破線は TAMA 地域（解釈）。島しょ部は省略。",
                       "en": "Agreements of the research institute with each ward or city plus the cooperation activities its report lists. Areas as the report groups them. Dashed: the TAMA region (an interpretation). Islands omitted."},
    "nav.matching": {"ja": "シーズとニーズ", "en": "Seeds & needs"},
    "match.title": {"ja": "シーズ・ニーズのマッチング", "en": "Matching seeds and needs"},
    "match.intro": {
        "ja": "大学・研究機関の研究シーズと企業などのニーズを、技術分野・文章の類似・距離・既存の協定の"
              "4つの要素で採点し、順位の理由が分かる形で示します。文書から得たシーズ（研究発表、技術研究会、"
              "事例、各地域の分野）に加え、文書にニーズの具体例がないため、生成したサンプルを含みます。",
        "en": "Research seeds of universities and research bodies and the needs of companies, "
              "scored on four components — technology field, text similarity, distance, "
              "existing agreements — with the reason for every rank shown. Besides the seeds "
              "from the documents (presentations, research groups, cases, each region's "
              "fields), it includes generated samples, since the documents state no concrete needs."},
    "match.samples": {"ja": "サンプルデータを含める", "en": "Include sample data"},
    "match.samples.note": {"ja": "サンプル行は生成データで、表ではサンプル欄に印があります。",
                           "en": "Sample rows are generated and marked in the Sample column."},
    "match.mode": {"ja": "見たいもの", "en": "Show"},
    "match.mode.need": {"ja": "ニーズに合うシーズ", "en": "Seeds for a need"},
    "match.mode.seed": {"ja": "シーズに合うニーズ", "en": "Needs for a seed"},
    "match.mode.org": {"ja": "次に組む相手（機関）", "en": "Who next (institutions)"},
    "match.weights": {"ja": "重み付け", "en": "Weights"},
    "match.weight.field": {"ja": "技術分野", "en": "Technology field"},
    "match.weight.text": {"ja": "文章の類似", "en": "Text similarity"},
    "match.weight.geo": {"ja": "距離", "en": "Distance"},
    "match.weight.prior": {"ja": "既存の協定", "en": "Prior agreement"},
    "match.weight.field.help": {"ja": "同じ技術分野であることは、シーズがニーズに応えうる最も強い手がかりです（既定35%）。関連分野は部分点。",
                                "en": "A shared technology field is the strongest cheap signal that a seed can meet a need (35%). Related fields get partial credit."},
    "match.weight.text.help": {"ja": "題名・概要の言葉の重なりが、分野の中の具体的な課題と方法を絞り込みます（既定35%）。文字2〜3グラムで日本語・英語とも比較。",
                               "en": "Overlapping wording pins down the problem and method within a field (35%); character 2–3-grams compare Japanese and English alike."},
    "match.weight.geo.help": {"ja": "近い相手ほど協働しやすく、地域の事業は地域内の組合せを支援します（既定20%）。同じ都道府県・地域は加点。",
                              "en": "Nearby partners collaborate more easily, and regional programs fund local pairs (20%); same prefecture or region adds a bonus."},
    "match.weight.prior.help": {"ja": "既に協定がある機関どうしは始めやすい（既定10%）。「新しい相手を優先」で逆になります。",
                                "en": "An existing agreement eases a new project (10%); 'favour new partners' inverts it."},
    "match.prefer_new": {"ja": "新しい相手を優先（協定のない機関を上位に）", "en": "Favour new partners (no agreement yet)"},
    "match.pick.need": {"ja": "ニーズを選択", "en": "Choose a need"},
    "match.pick.seed": {"ja": "シーズを選択", "en": "Choose a seed"},
    "match.pick.org": {"ja": "機関を選択", "en": "Choose an institution"},
    "match.results": {"ja": "順位（要素別の得点つき）", "en": "Ranking, with the score of each component"},
    "match.results.how": {"ja": "総合点 = 各要素（0〜1）× 重みの合計。要素の値が順位の理由です。",
                          "en": "Score = sum of each component (0–1) × its weight; the components explain the rank."},
    "match.map": {"ja": "選んだ項目と上位の相手の位置", "en": "The chosen item and its top matches"},
    "match.matrix": {"ja": "ニーズ × 上位シーズ（現在の絞り込み）", "en": "Needs × top seeds (current filters)"},
    "match.matrix.note": {"ja": "絞り込みに合うニーズ（先頭12件）ごとに上位3件のシーズの得点。",
                          "en": "For the first 12 needs under the filters, the scores of their top 3 seeds."},
    "match.partners": {"ja": "まだ協定のない機関のうち、組む相手の候補", "en": "Institutions it has not signed with, ranked"},
    "match.partners.how": {"ja": "両機関のシーズとニーズの組合せの得点のうち上位3つを 0.6・0.3・0.1 で重み付けした値。",
                           "en": "The best three scores between the two institutions' seeds and needs, weighted 0.6, 0.3, 0.1."},
    "match.none": {"ja": "この条件に該当するシーズ・ニーズはありません。", "en": "No seeds or needs for this selection."},
    "match.confidential": {"ja": "非公開のニーズは表示していません（サインインした職員のみ閲覧可）。",
                           "en": "Confidential needs are not shown (signed-in staff only)."},
    "field.it": {"ja": "情報通信", "en": "IT"},
    "field.life_science": {"ja": "ライフサイエンス", "en": "Life Science"},
    "field.nanotech": {"ja": "ナノテクノロジー", "en": "Nanotechnology"},
    "field.environment": {"ja": "環境", "en": "Environment"},
    "field.energy": {"ja": "エネルギー", "en": "Energy"},
    "field.manufacturing": {"ja": "ものづくり技術", "en": "Manufacturing technology"},
    "col.rank": {"ja": "順位", "en": "Rank"},
    "col.score": {"ja": "総合点", "en": "Score"},
    "col.fields": {"ja": "分野", "en": "Fields"},
    "col.sample": {"ja": "サンプル", "en": "Sample"},
    "col.best_pair": {"ja": "最良の組合せ", "en": "Best pair"},
    "col.program": {"ja": "プログラム", "en": "Program"},
    "col.started": {"ja": "開始年度", "en": "Started (FY)"},
    "col.size": {"ja": "規模", "en": "Size"},
    "col.budget": {"ja": "地域あたり年間予算", "en": "Annual budget per region"},
    "col.duration": {"ja": "期間", "en": "Duration"},
    "programs.budget": {"ja": "{amount} 億円", "en": "¥{amount}00 million"},
    "programs.approximately": {"ja": "約 ", "en": "approx. "},
    "programs.duration": {"ja": "{years} 年", "en": "{years} years"},
    "programs.duration_max": {"ja": "最長 {years} 年", "en": "up to {years} years"},
    "programs.regions": {"ja": "{regions} 地域", "en": "{regions} regions"},
    "programs.size": {"ja": "{units} クラスター（{regions} 地域）", "en": "{units} clusters ({regions} regions)"},
    "events.per_region_budgets": {"ja": "地域あたりの年間予算と期間", "en": "Annual budget per region and duration"},
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
