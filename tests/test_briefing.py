"""Exports: the briefing pack (every source it cites listed, in the chosen language,
escaped, drawn with no network, printed to PDF) and the standalone map (opens in
Chromium with the network unavailable and draws its shapes)."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import urlparse

import pandas as pd
import pytest

from conftest import ARTIFACTS
from sangaku import briefing, db, exports, geo, standalone
from sangaku.filters import Filters
from sangaku.i18n import t
from sangaku.paths import ROOT
from test_browser import PAGES, browser, page, wait_for_app  # noqa: F401

VIEWS = {"all": Filters(), "tokyo_2010s": Filters(region="13", year_from=2010, year_to=2019),
         "life_science": Filters(fields=("life_science",))}


class _Citations(HTMLParser):
    """Source ids cited in the pack (data-sources) and those its sources section lists
    (data-source-id), the ids in the Source ID column of its tables, its sections."""

    def __init__(self, source_column: str):
        super().__init__()
        self.cited: dict[str, list[str]] = {}
        self.listed: list[str] = []
        self.section: str | None = None
        self.table_ids: set[str] = set()
        self.source_column = source_column
        self._column: int | None = None
        self._headers: list[str] = []
        self._cell = 0
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.section = attrs.get("id")
        if "data-sources" in attrs:
            self.cited.setdefault(self.section, []).extend(attrs["data-sources"].split())
        if "data-source-id" in attrs:
            self.listed.append(attrs["data-source-id"])
        if tag == "table":
            self._headers, self._column = [], None
        if tag == "tr":
            self._cell = 0
        if tag in ("th", "td"):
            self._in = tag

    def handle_endtag(self, tag):
        if tag == "td":
            self._cell += 1
        if tag in ("th", "td"):
            self._in = None

    def handle_data(self, data):
        if self._in == "th":
            self._headers.append(data.strip())
            if data.strip() == self.source_column:
                self._column = len(self._headers) - 1
        elif self._in == "td" and self._column is not None and self._cell == self._column:
            if data.strip():
                self.table_ids.add(data.strip())


def _parse(pack: briefing.Pack, lang: str) -> _Citations:
    parser = _Citations(t("col.source_id", lang))
    parser.feed(pack.html)
    return parser


@pytest.fixture(scope="module")
def packs(db_file):
    con = db.connect(db_file)
    options = briefing.filter_options(con)
    built = {(name, lang): briefing.build(con, filters, lang, options=options)
             for name, filters in VIEWS.items() for lang in ("ja", "en")}
    con.close()
    return built


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_the_pack_lists_every_source_cited_on_its_pages(packs, con, view, lang):
    pack = packs[(view, lang)]
    found = _parse(pack, lang)
    cited = {s for ids in found.cited.values() for s in ids}
    assert cited, "the pack cites nothing"
    assert set(found.listed) == cited, (set(found.listed) ^ cited)
    assert len(found.listed) == len(set(found.listed))
    assert found.listed == pack.sources
    assert found.table_ids <= set(found.listed), found.table_ids - set(found.listed)
    # Each listed source is the database's, titled in the pack's language.
    sources = con.execute("select source_id, title, title_en from sources").fetchall()
    titles = {sid: (en if lang == "en" and en else ja) for sid, ja, en in sources}
    section = pack.html[pack.html.index("<section id='sources'>"):]
    for source_id in found.listed:
        assert source_id in titles
        assert briefing.e(titles[source_id]) in section, source_id


def test_a_table_cites_the_sources_of_its_rows(packs, con):
    found = _parse(packs[("all", "en")], "en")
    from_db = {r[0] for r in con.execute("select distinct source_id from agreements").fetchall()}
    assert set(found.cited["agreements_table"]) == from_db
    events = {r[0] for r in con.execute(
        "select distinct source_id from events where source_id = 'tiri_annual_2020'").fetchall()}
    assert set(found.cited["events_table"]) == events
    programs = {r[0] for r in con.execute("select distinct source_id from programs").fetchall()}
    assert set(found.cited["programs_table"]) == programs


def test_the_pack_follows_the_filters_and_the_language(packs, con):
    tokyo = packs[("tokyo_2010s", "en")].html
    assert "Active filters: Tokyo · 2010–2019" in tokyo
    expected = con.execute("""select count(*) from agreements a
        join organization_locations l using (org_id)
        where l.pref_code = '13' and year(a.signed_on) between 2010 and 2019""").fetchone()[0]
    rows = t("common.rows", "en", n=f"{expected:,}")
    agreements = tokyo[tokyo.index("id='agreements_table'"):]
    assert rows in agreements[:agreements.index("</section>")]
    ja = packs[("all", "ja")].html
    assert "<html lang='ja'>" in ja and t("brief.title", "ja") in ja
    assert f"<h2>{t('brief.sources', 'ja')}</h2>" in ja
    assert f"<h2>{t('brief.sources', 'en')}</h2>" not in ja
    en = packs[("all", "en")].html
    assert "<html lang='en'>" in en and t("brief.title", "en") in en


def test_data_text_is_escaped_in_the_pack(db_file):
    con = db.connect(db_file)
    writer = briefing._Writer(con, Filters(), briefing.filter_options(con), "en")
    hostile = pd.DataFrame({"name": ["<script>alert(1)</script>"], "source_id": ["<b>x"]})
    writer.table("hostile", "<img src=x onerror=alert(1)>", hostile, hostile, set())
    html = "".join(writer.parts)
    con.close()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_pack_holds_no_link_a_browser_would_fetch(packs):
    for pack in packs.values():
        assert standalone.external_references(pack.html) == []


def test_the_command_line_writes_html_and_pdf(db_file, tmp_path):
    out = tmp_path / "brief.html"
    result = subprocess.run(
        [sys.executable, "-m", "sangaku", "briefing", "--lang", "en", "--region", "13",
         "--out", str(out), "--pdf", "--db", str(db_file)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Active filters: Tokyo" in out.read_text(encoding="utf-8")
    pdf = out.with_suffix(".pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages >= 3, pages
    (ARTIFACTS / "briefing_en_tokyo.pdf").write_bytes(pdf)
    bad = subprocess.run(
        [sys.executable, "-m", "sangaku", "briefing", "--region", "atlantis",
         "--out", str(tmp_path / "x.html"), "--db", str(db_file)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "atlantis" in bad.stderr


def test_downloads_flatten_list_cells():
    frame = pd.DataFrame({"fields": [["it", "energy"]], "n": [1]})
    text = exports.to_csv_bytes(frame).decode("utf-8-sig")
    assert "it / energy" in text


# ---------------------------------------------------------------- in Chromium, offline
def _offline_page(browser, tmp_path, name: str, document: str):  # noqa: F811
    path = tmp_path / name
    path.write_text(document, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.blocked = []
    page.failed = []

    def route(r):
        if urlparse(r.request.url).scheme in ("file", "data"):
            r.continue_()
        else:
            page.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("requestfailed", lambda r: page.failed.append(r.url))
    page.goto(path.as_uri())
    return context, page


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_standalone_map_draws_offline(browser, db_file, con, tmp_path, lang):  # noqa: F811
    source = db.connect(db_file)
    params = Filters().query_params()
    layers = {"prefectures": geo.load_layer("prefectures"), "regions": geo.load_layer("regions")}
    document = standalone.map_html(
        layers, db.run_query(source, "map_regions", params),
        db.run_query(source, "map_partners", params), db.run_query(source, "filter_fields"),
        lang, title=t("map.title", lang), lines=[t("filters.none", lang)])
    source.close()
    assert standalone.external_references(document) == []
    context, page = _offline_page(browser, tmp_path, f"map_{lang}.html", document)
    try:
        page.locator(".leaflet-overlay-pane path.leaflet-interactive").first.wait_for(
            timeout=30_000)
        page.wait_for_timeout(500)
        regions = con.execute("select count(*) from regions").fetchone()[0]
        points = con.execute("""select count(distinct (round(l.lat, 4), round(l.lon, 4)))
            from agreements a join organization_locations l using (org_id)
            where l.lat is not null""").fetchone()[0]
        shapes = page.locator(".leaflet-overlay-pane path.leaflet-interactive").count()
        assert shapes == regions + points, (shapes, regions, points)
        assert page.locator(".leaflet-overlay-pane path").count() == shapes + 47
        assert page.get_by_text(t("map.title", lang)).count() == 1
        sea = page.evaluate(
            "getComputedStyle(document.querySelector('.leaflet-container')).backgroundColor")
        assert sea == "rgb(220, 233, 242)", sea
        page.screenshot(path=str(ARTIFACTS / f"standalone_map_{lang}.png"))
        assert page.blocked == [] and page.failed == [], (page.blocked, page.failed)
    finally:
        context.close()


@pytest.mark.browser
def test_the_pack_draws_its_charts_offline(browser, packs, tmp_path):  # noqa: F811
    pack = packs[("all", "ja")]
    charts = len(re.findall(r"<div id=\"chart-", pack.html))
    assert charts >= 6
    context, page = _offline_page(browser, tmp_path, "brief.html", pack.html)
    try:
        page.wait_for_function(
            "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n",
            arg=charts, timeout=30_000)
        assert page.locator(".js-plotly-plot").count() == charts
        assert page.locator(".js-plotly-plot .barlayer path").count() > 6
        page.screenshot(path=str(ARTIFACTS / "briefing_ja.png"), full_page=False)
        assert page.blocked == [] and page.failed == [], (page.blocked, page.failed)
    finally:
        context.close()


@pytest.mark.browser
def test_the_overview_offers_the_briefing_pack(server, page):  # noqa: F811
    page.goto(f"{server}/?lang=en&region=13")
    wait_for_app(page)
    button = page.get_by_role("button", name="Download HTML")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=120_000) as download:
        button.click()
    with open(download.value.path(), encoding="utf-8") as fh:
        text = fh.read()
    assert "Active filters: Tokyo" in text and "<html lang='en'>" in text
    assert download.value.suggested_filename == "sangaku_briefing_en_13.html"
    with page.expect_download(timeout=180_000) as download:
        page.get_by_role("button", name="Download PDF").click()
    with open(download.value.path(), "rb") as fh:
        assert fh.read(4) == b"%PDF"
    assert page.outside_requests == []


@pytest.mark.browser
def test_the_map_page_saves_the_map_as_one_offline_file(server, page):  # noqa: F811
    page.goto(f"{server}/map?lang=ja&region=13")
    wait_for_app(page)
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name=t("export.map_html", "ja")).click()
    with open(download.value.path(), encoding="utf-8") as fh:
        document = fh.read()
    assert standalone.external_references(document) == []
    assert "東京都" in document and "<html lang=\"ja\">" in document
    assert page.outside_requests == []


CHART_PAGES = [name for name in PAGES if name not in ("data_sources", "import")]


@pytest.mark.browser
@pytest.mark.parametrize("name", CHART_PAGES)
def test_every_chart_offers_a_png_and_the_data_behind_it(server, page, name):  # noqa: F811
    page.goto(f"{server}/{PAGES[name]}?lang=en")
    wait_for_app(page)
    charts = page.locator(".js-plotly-plot").count()
    assert charts >= 1
    png = page.locator('.modebar-btn[data-title="Download plot as a PNG"]').count()
    data = page.get_by_text(t("common.data_behind", "en"), exact=True).count()  # tabs too
    assert png == charts, (png, charts)
    assert data >= charts, (data, charts)
    if name == "overview":
        chart = page.locator(".js-plotly-plot").first
        chart.hover()
        with page.expect_download(timeout=60_000) as download:
            chart.locator('.modebar-btn[data-title="Download plot as a PNG"]').click()
        assert download.value.suggested_filename == "regions_by_field.png"
        with open(download.value.path(), "rb") as fh:
            assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
