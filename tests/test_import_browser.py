"""In a real Chromium: staff sign in with the password from secrets.toml and import a
Shift_JIS file through the Import page; a name carrying script renders as text on the
map, its tooltips, the tables and the profile, and never runs."""

from __future__ import annotations

import shutil

import pytest

from conftest import ARTIFACTS, run_server
from sangaku import auth, build
from test_browser import browser, page, wait_for_app  # noqa: F401 (fixtures)
from test_import import _count
from tests.corpus import GOOD_ROWS, csv_bytes

pytestmark = pytest.mark.browser

PASSWORD = "tama-liaison-2026"
XSS = '<img src=x onerror="window.__xss=1;alert(1)">'


@pytest.fixture(scope="module")
def staff_server(db_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("staff")
    db = folder / "sangaku.duckdb"
    shutil.copy(db_file, db)
    store = folder / "imports"
    store.mkdir()
    secrets = folder / "secrets.toml"
    secrets.write_text(f'[staff]\npassword_hash = "{auth.hash_password(PASSWORD)}"\n')
    with run_server(db, "--secrets.files", str(secrets), env={"SANGAKU_IMPORTS": str(store)},
                    log_name="staff_server.log") as url:
        yield url, db, store


def _sign_in(page, password: str) -> None:
    page.get_by_label("Your name").fill("Sato")
    page.get_by_label("Staff password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)


def test_staff_sign_in_and_import_through_the_page(staff_server, page, tmp_path):
    url, db, store = staff_server
    page.goto(f"{url}/import?lang=en")
    wait_for_app(page)
    assert page.locator('input[type="file"]').count() == 0  # anonymous: no importer
    _sign_in(page, "wrong password")
    assert page.get_by_text("Name or password is not right.").count() == 1
    assert page.locator('input[type="file"]').count() == 0
    _sign_in(page, PASSWORD)
    assert page.get_by_text("Signed in as Sato").count() == 1

    file = tmp_path / "イベント一覧.csv"
    file.write_bytes(csv_bytes(GOOD_ROWS["events"], "cp932"))
    before = _count(db, "select count(*) from events")
    page.get_by_label("Import into").click()
    page.get_by_role("option", name="Events").click()
    wait_for_app(page)
    page.locator('input[type="file"]').set_input_files(str(file))
    wait_for_app(page)
    page.get_by_text("rows added").first.wait_for(timeout=30_000)
    assert "cp932" in page.locator("body").inner_text()
    page.get_by_text("I have checked the preview").click()
    wait_for_app(page)
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("Imported (batch").wait_for(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "import_done_en.png"), full_page=True)
    assert _count(db, "select count(*) from events") == before + 3
    assert _count(db, "select count(*) from import_history where imported_by = 'Sato'") == 1
    assert len(build.batch_dirs(store)) == 1


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """A database whose organisation, event and seed names carry script."""
    folder = tmp_path_factory.mktemp("hostile")
    sources = folder / "sources"
    shutil.copytree(build.SOURCES_DIR, sources)
    rows = {
        "organizations/hostile.csv": [
            ["org_id", "name_ja", "name_en", "org_type", "pref_code", "municipality_code",
             "tokyo_area", "source_id"],
            ["hostile_co", XSS, XSS, "company", "13", "13201", "多摩", "tiri_annual_2020"]],
        "agreements/hostile.csv": [
            ["agreement_id", "org_id", "counterpart_org_id", "document_type_ja",
             "document_kind", "signed_on", "date_precision", "source_id"],
            ["hostile_ag", "hostile_co", "tiri", XSS, "agreement", "2020-04-01", "day",
             "tiri_annual_2020"]],
        "events/hostile.csv": [
            ["event_id", "title_ja", "title_en", "start_date", "date_precision", "fiscal_year",
             "category", "role", "municipality_code", "source_id"],
            ["hostile_ev", XSS, XSS, "2020-10-01", "day", "2020", "seminar", "hosted", "13201",
             "tiri_annual_2020"]],
        "seeds/hostile.csv": [
            ["seed_id", "title_ja", "title_en", "summary_ja", "org_id", "source_id"],
            ["hostile_seed", XSS, XSS, XSS, "hostile_co", "tiri_annual_2020"]],
    }
    for name, table in rows.items():
        (sources / name).write_bytes(csv_bytes(table))
    db = folder / "hostile.duckdb"
    build.build(sources, db, imports_dir=folder / "no_imports")
    with run_server(db, log_name="hostile_server.log") as url:
        yield url


OPEN_TOOLTIPS = """() => {
    let opened = 0;
    for (const key of Object.keys(window)) {
        const map = window[key];
        if (!key.startsWith('map_') || !map || !map.eachLayer) continue;
        map.eachLayer(layer => {
            if (layer.getTooltip && layer.getTooltip()) {
                const at = layer.getLatLng ? layer.getLatLng()
                         : (layer.getBounds ? layer.getBounds().getCenter() : null);
                if (at) { layer.openTooltip(at); opened += 1; }
            }
        });
    }
    return opened;
}"""


@pytest.mark.parametrize("path", ["map?lang=en&region=13", "agreements?lang=en",
                                  "events?lang=ja", "matching?lang=en",
                                  "data_sources?lang=en", "?lang=ja"])
def test_script_in_a_name_never_runs(hostile_server, page, path):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{hostile_server}/{path}")
    wait_for_app(page)
    opened = 0
    if path.startswith("map"):
        frame = next(f for f in page.frames if f != page.main_frame and "map_" in f.content())
        frame.wait_for_function("() => Object.keys(window).some(k => k.startsWith('map_'))")
        opened = frame.evaluate(OPEN_TOOLTIPS)
        page.wait_for_timeout(500)
        assert opened > 0
        tooltips = frame.locator(".leaflet-tooltip")
        assert tooltips.count() == opened
        assert frame.locator(".leaflet-tooltip img").count() == 0
    if path.startswith("agreements"):
        # The institution profile prints the name in markdown.
        page.locator(".st-key-agreement_org input").click()
        page.keyboard.type("img src")
        page.keyboard.press("Enter")
        wait_for_app(page)
        assert page.get_by_text(XSS).count() >= 1
    page.screenshot(path=str(ARTIFACTS / f"xss_{path.split('?')[0] or 'overview'}.png"),
                    full_page=True)
    flags = [f.evaluate("() => window.__xss === 1") for f in page.frames]
    assert dialogs == [] and not any(flags), (dialogs, flags)
