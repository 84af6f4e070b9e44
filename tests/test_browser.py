"""A real Chromium against a real Streamlit server: every page in both languages draws
without an exception box, the plotly chart is drawn, and nothing leaves localhost."""

from __future__ import annotations

import shutil
from urllib.parse import urlparse

import pytest

from conftest import ARTIFACTS

pytestmark = pytest.mark.browser

PAGES = {"overview": "", "map": "map", "agreements": "agreements", "events": "events",
         "matching": "matching",
         "data_sources": "data_sources", "import": "import"}  # name -> URL path
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 2400}, locale="ja-JP")
    pg = context.new_page()
    pg.outside_requests = []

    def route(r):
        host = urlparse(r.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            pg.outside_requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    yield pg
    context.close()


def assert_no_error(pg) -> None:
    assert pg.locator('[data-testid="stException"]').count() == 0, "exception box shown"


def wait_for_app(pg) -> None:
    pg.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                         timeout=60_000)
    pg.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=60_000)
    pg.wait_for_timeout(800)  # charts finish their first paint


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_draws_without_error(server, page, name, lang):
    page.goto(f"{server}/{PAGES[name]}?lang={lang}")
    wait_for_app(page)
    shot = ARTIFACTS / f"{name}_{lang}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0, f"error box: {shot}"
    assert page.get_by_text("Page not found").count() == 0
    assert page.locator("h1").first.inner_text().strip(), "no page title"
    assert page.outside_requests == [], page.outside_requests
    if name == "overview":
        bars = page.locator(".js-plotly-plot .barlayer path")
        bars.first.wait_for(timeout=30_000)
        assert bars.count() >= 6  # at least one bar per technology field
        assert page.locator('[data-testid="stMetric"]').count() == 6
    if name == "agreements":  # the timeline draws a mark per dated document
        marks = page.locator(".js-plotly-plot .scatterlayer .point")
        marks.first.wait_for(timeout=30_000)
        assert marks.count() >= 70


def test_copied_url_restores_the_view(server, page):
    page.goto(f"{server}/?lang=en&region=13&from=2013&to=2014")
    wait_for_app(page)
    text = page.locator('[data-testid="stAlert"]').all_inner_texts()
    assert any("Active filters" in t and "Tokyo" in t and "2013–2014" in t for t in text)
    assert "region=13" in page.url
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / "overview_filtered_en.png"), full_page=True)


def test_invalid_parameter_shows_a_notice(server, page):
    page.goto(f"{server}/?lang=en&region=atlantis")
    wait_for_app(page)
    assert "region=atlantis" in page.locator('[data-testid="stAlert"]').first.inner_text()
    assert_no_error(page)


def test_clicking_a_timeline_mark_opens_the_institution_profile(server, page):
    page.goto(f"{server}/agreements?lang=ja")
    wait_for_app(page)
    mark = page.locator(".js-plotly-plot .scatterlayer .point").first
    mark.wait_for(timeout=30_000)
    mark.click(force=True)
    page.wait_for_timeout(500)
    wait_for_app(page)
    assert_no_error(page)
    location = page.get_by_text("所在地", exact=True)  # shown only in a profile
    location.wait_for(timeout=30_000)
    location.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "agreements_profile_ja.png"))
    chosen = page.locator('[data-testid="stSelectbox"]').filter(has_text="機関を選択")
    assert "（選択なし）" not in chosen.inner_text()
    # The profile shows the institution's place on a map, or says it has none recorded.
    has_map = page.locator(".js-plotly-plot").count() >= 3
    assert has_map or page.get_by_text("所在地の記録がありません。").count() == 1


def test_profile_of_a_located_institution_draws_its_map_offline(server, page):
    page.goto(f"{server}/agreements?lang=ja")
    wait_for_app(page)
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="機関を選択")
    picker.scroll_into_view_if_needed()
    picker.click()
    page.keyboard.type("芝浦工業大学")
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    wait_for_app(page)
    page.get_by_role("heading", name="芝浦工業大学").first.wait_for(timeout=30_000)
    profile_map = page.locator(".js-plotly-plot").nth(2)
    profile_map.scroll_into_view_if_needed()
    # Our own prefecture outlines as lines, the institution as a point: no tiles needed.
    assert profile_map.locator(".scatterlayer .trace").count() == 2
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "agreements_profile_map_ja.png"))
    assert page.outside_requests == []
    assert_no_error(page)


def _map_frame(page):
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').first
    frame.locator(".leaflet-overlay-pane path").first.wait_for(timeout=30_000)
    return frame


def test_map_draws_every_region_offline(server, page, con):
    page.goto(f"{server}/map?lang=ja")
    wait_for_app(page)
    frame = _map_frame(page)
    page.wait_for_timeout(1000)
    paths = frame.locator(".leaflet-overlay-pane path.leaflet-interactive").count()
    regions = con.execute("select count(*) from regions").fetchone()[0]
    points = con.execute("""select count(distinct (round(l.lat, 4), round(l.lon, 4)))
        from agreements a join organization_locations l using (org_id)
        where l.lat is not null""").fetchone()[0]
    # One shape per region (greater clusters and TAMA included), one circle per point of
    # partner institutions; the 47 prefecture outlines are drawn but not clickable.
    assert paths == regions + points, (paths, regions, points)
    assert frame.locator(".leaflet-overlay-pane path").count() == regions + points + 47
    page.screenshot(path=str(ARTIFACTS / "map_offline_ja.png"))
    assert page.outside_requests == [], page.outside_requests
    assert_no_error(page)


def test_clicking_a_region_fills_the_detail_panel(server, page):
    page.goto(f"{server}/map?lang=en")
    wait_for_app(page)
    frame = _map_frame(page)
    # A click on a region's shape, as Leaflet receives it.
    region = frame.locator(".leaflet-overlay-pane path.leaflet-interactive").first
    region.dispatch_event("click")
    page.wait_for_timeout(1500)
    wait_for_app(page)
    detail = page.get_by_text("Member municipalities", exact=True)
    detail.wait_for(timeout=30_000)
    assert "region=" in page.url
    page.screenshot(path=str(ARTIFACTS / "map_clicked_en.png"))
    assert page.outside_requests == []
    assert_no_error(page)


def _switch_language(page, lang: str) -> None:
    radio = page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').first
    radio.locator('[data-testid="stRadioOption"]').nth(["ja", "en"].index(lang)).click()
    page.wait_for_timeout(1000)
    wait_for_app(page)


def _checked(radio) -> int:
    return radio.evaluate("r => [...r.querySelectorAll('input')].findIndex(i => i.checked)")


def test_switching_language_keeps_the_choices_made_on_the_map(server, page):
    # The browser reports a choice by its label; the labels change with the language.
    page.goto(f"{server}/map?lang=ja")
    wait_for_app(page)
    _map_frame(page)
    measure = page.locator('[data-testid="stMain"] [data-testid="stRadio"]').nth(1)
    measure.locator('[data-testid="stRadioOption"]').nth(2).click()  # agreements
    page.wait_for_timeout(1000)
    wait_for_app(page)
    _switch_language(page, "en")
    assert page.locator("h1").first.inner_text().startswith("Map of the")
    layers = page.locator('[data-testid="stMain"] [data-testid="stMultiSelect"]').first
    assert layers.locator("[data-tag]").count() == 7
    assert _checked(measure) == 2
    _map_frame(page)  # the map is drawn again, with its layers
    assert page.get_by_text("Session State").count() == 0  # no widget-state warning
    assert_no_error(page)


def test_switching_language_keeps_the_mode_of_seeds_and_needs(server, page):
    page.goto(f"{server}/matching?lang=en")
    wait_for_app(page)
    mode = page.locator('[data-testid="stMain"] [data-testid="stRadio"]').first
    mode.locator('[data-testid="stRadioOption"]').nth(1).click()  # seed
    page.wait_for_timeout(1000)
    wait_for_app(page)
    _switch_language(page, "ja")
    assert _checked(mode) == 1
    assert page.get_by_text("シーズを選択", exact=True).count() == 1  # the seed picker
    assert_no_error(page)
