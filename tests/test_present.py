"""Presenter mode: slides drawn from the database with a message and a source each, no
sidebar and no filter widgets, next/previous by button and keyboard, the kiosk loop,
and never a confidential need. AppTest for what the script decides, a real Chromium for
what only a browser shows (screenshots in tests/artifacts/present_*.png)."""

from __future__ import annotations

import re

import pytest

from conftest import ARTIFACTS
from sangaku import auth, figures, maps, slides
from sangaku.i18n import t
from test_browser import assert_no_error, browser, page, wait_for_app  # noqa: F401
from test_pages import _app

WIDGETS = ("selectbox", "multiselect", "slider", "select_slider", "radio", "toggle",
           "checkbox", "text_input", "number_input", "date_input")


def _present(staff: bool = False, **params: str):
    at = _app(present="1", **params)
    if staff:  # signed-in staff: the projected screen still shows no confidential need
        at.secrets["staff"] = {"password_hash": auth.hash_password("x", salt=b"0123456789abcdef")}
        at.session_state["_staff"] = "Sato"
    at.run()
    return at


def _texts(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def _counter(at) -> str:
    return re.search(r"class='present-counter'[^>]*>([^<]+)<", _texts(at)).group(1)


def _message(at) -> str:
    return re.search(r"<p class='present-message'>([^<]*)</p>", _texts(at)).group(1)


# ---------------------------------------------------------------- pure parts
def test_kiosk_interval_is_clamped_to_a_sensible_range():
    assert slides.kiosk_seconds(None) is None
    assert slides.kiosk_seconds("soon") is None
    assert slides.kiosk_seconds("0") is None
    assert slides.kiosk_seconds("2") == slides.KIOSK_MIN_SECONDS
    assert slides.kiosk_seconds("20") == 20
    assert slides.kiosk_seconds(["30"]) == 30
    assert slides.kiosk_seconds("86400") == slides.KIOSK_MAX_SECONDS


def test_slide_numbers_from_the_url_are_one_based_and_wrap():
    count = len(slides.SLIDES)
    assert slides.slide_position(None) == 0
    assert slides.slide_position("x") == 0
    assert slides.slide_position("3") == 2
    assert slides.slide_position(str(count + 1)) == 0


def test_a_kiosk_tick_moves_on_only_after_half_the_interval():
    assert not slides.kiosk_due(0.2, 20)  # just moved by hand
    assert slides.kiosk_due(20.4, 20)
    assert slides.kiosk_due(61, 20)  # a missed tick: still one slide
    assert not slides.kiosk_due(1000, None)


def test_projector_style_is_dark_large_and_keeps_categories_apart():
    import plotly.graph_objects as go

    fig = go.Figure()
    fig.add_bar(x=["a"], y=[1], marker_color="#332288", name="university")
    fig.add_bar(x=["a"], y=[2], marker_color="#000000", name="company")
    fig.add_scatter(x=[1, 2], y=[1, 2], line=dict(color="#222"))
    out = figures.projector(fig, height=500)
    assert out.layout.paper_bgcolor == figures.PROJECTOR_BACKGROUND
    assert out.layout.font.color == figures.PROJECTOR_TEXT and out.layout.font.size >= 20
    colors = [trace.marker.color for trace in out.data[:2]] + [out.data[2].line.color]
    assert all(figures.luminance(c) > 0.15 for c in colors), colors
    assert colors[0] != colors[1]
    assert fig.data[0].marker.color == "#332288"  # the screen figure is untouched


def test_program_map_draws_every_program_region(con):
    from sangaku import db
    from sangaku.filters import Filters

    regions = db.run_query(con, "map_regions", Filters().query_params())
    fig = maps.program_map(regions, "en")
    filled = [tr for tr in fig.data if tr.fill == "toself" and tr.hoverinfo != "skip"]
    expected = con.execute("""select count(*) from regions
        where kind in ('cluster_region', 'trial_region', 'city_area')""").fetchone()[0]
    assert len(filled) == expected


# ---------------------------------------------------------------- AppTest
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_presenter_mode_has_no_sidebar_and_no_filter_widgets(lang):
    at = _present(lang=lang)
    assert len(at.sidebar.children) == 0
    for kind in WIDGETS:
        assert len(getattr(at, kind)) == 0, kind
    assert {b.key for b in at.button} == {"present_prev", "present_next"}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_slide_has_a_title_a_message_and_its_source(lang):
    for number in range(1, len(slides.SLIDES) + 1):
        at = _present(lang=lang, slide=str(number))
        text = _texts(at)
        assert _counter(at) == f"{number} / {len(slides.SLIDES)}"
        assert "present-title" in text
        assert _message(at) and _message(at) != t("common.no_data", lang), number
        assert re.search(r"<p class='present-source'>(出典|Source): ", text), number


def test_next_and_previous_move_through_the_slides_and_wrap():
    at = _present(lang="en")
    at.button(key="present_next").click().run()
    assert _counter(at).startswith("2 /")
    assert at.query_params["slide"] == ["2"] or at.query_params["slide"] == "2"
    at.button(key="present_prev").click().run()
    at.button(key="present_prev").click().run()
    assert _counter(at) == f"{len(slides.SLIDES)} / {len(slides.SLIDES)}"


def test_presenter_url_on_any_page_keeps_language_and_filters():
    at = _app(present="1", lang="en", region="13")
    at.switch_page("pages/map.py").run()
    assert "present-title" in _texts(at)
    assert len(at.sidebar.children) == 0
    assert at.query_params["region"] in ("13", ["13"])


def test_messages_are_counted_from_the_database(con):
    slide = str(slides.SLIDES.index("agreements") + 1)
    for lang, params in (("en", {}), ("en", {"region": "13"})):
        at = _present(lang=lang, slide=slide, **params)
        where = ("where org_id in (select org_id from organization_locations "
                 "where pref_code = '13')" if params else "")
        documents, partners, first, last = con.execute(f"""
            select count(*), count(distinct org_id), min(year(signed_on)),
                   max(year(signed_on)) from agreements {where}""").fetchone()
        assert _message(at) == t("present.msg.agreements", lang, partners=partners,
                                 documents=documents, first=first, last=last)


def test_an_empty_selection_says_so_on_every_slide():
    for number in range(1, len(slides.SLIDES) + 1):
        at = _present(lang="en", region="01", slide=str(number),
                      **{"from": "1990", "to": "1991"})
        assert _counter(at) == f"{number} / {len(slides.SLIDES)}"
        assert _message(at), number


def _confidential_titles(con) -> set[str]:
    rows = con.execute("select title_ja, title_en from needs where is_confidential").fetchall()
    public = {v for row in con.execute(
        "select title_ja, title_en from needs where not is_confidential").fetchall()
        for v in row if v}
    return {v for row in rows for v in row if v} - public


@pytest.mark.parametrize("staff", [False, True])
def test_the_matches_slide_never_shows_a_confidential_need(con, staff):
    hidden = _confidential_titles(con)
    assert hidden, "the sample data should hold confidential needs"
    fields = [r[0] for r in con.execute("""select distinct f.field_id from need_fields f
        join needs n using (need_id) where n.is_confidential order by 1""").fetchall()]
    slide = str(slides.SLIDES.index("matches") + 1)
    shown_any = False
    for lang in ("ja", "en"):
        for field in [None, *fields]:
            params = {"field": field} if field else {}
            text = _texts(_present(lang=lang, slide=slide, staff=staff, **params))
            assert not [title for title in hidden if title in text], (lang, field)
            shown_any |= "present-table" in text
    assert shown_any


# ---------------------------------------------------------------- real browser
PROJECTOR = {"width": 1920, "height": 1080}


def _counter_text(pg) -> str:
    return pg.locator(".present-counter").inner_text().strip()


def _assert_presenter_chrome(pg) -> None:
    for selector in ('[data-testid="stSidebar"]', '[data-testid="stSelectbox"]',
                     '[data-testid="stMultiSelect"]', '[data-testid="stSlider"]',
                     '[data-testid="stRadio"]', '[data-testid="stHeader"]'):
        shown = pg.locator(selector).filter(visible=True).count()
        assert shown == 0, selector
    sizes = pg.evaluate("""() => ({
        title: parseFloat(getComputedStyle(document.querySelector('.present-title')).fontSize),
        message: parseFloat(getComputedStyle(document.querySelector('.present-message')).fontSize),
        background: getComputedStyle(document.querySelector('[data-testid="stMain"]'))
            .backgroundColor})""")
    assert sizes["title"] >= 48 and sizes["message"] >= 28, sizes
    assert sizes["background"] == "rgb(10, 10, 10)", sizes


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_presenter_mode_in_a_browser(server, page, lang):  # noqa: F811
    page.set_viewport_size(PROJECTOR)
    page.goto(f"{server}/?present=1&lang={lang}")
    wait_for_app(page)
    count = len(slides.SLIDES)
    for number in range(1, count + 1):
        assert _counter_text(page) == f"{number} / {count}"
        _assert_presenter_chrome(page)
        slide = slides.SLIDES[number - 1]
        if slide not in ("headline", "matches"):
            page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        page.wait_for_timeout(600)
        page.screenshot(path=str(ARTIFACTS / f"present_{lang}_{number}_{slide}.png"))
        assert_no_error(page)
        # Alternate the keyboard (as a presentation remote sends it) and the button.
        if number % 2:
            page.keyboard.press("PageDown" if number % 4 == 1 else "ArrowRight")
        else:
            page.locator(".st-key-present_next button").click()
        page.wait_for_function(
            "expected => document.querySelector('.present-counter')?.textContent.trim()"
            " === expected", arg=f"{number % count + 1} / {count}", timeout=30_000)
        wait_for_app(page)
    assert "slide=1" in page.url and f"lang={lang}" in page.url
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "expected => document.querySelector('.present-counter')?.textContent.trim()"
        " === expected", arg=f"{count} / {count}", timeout=30_000)
    assert page.outside_requests == [], page.outside_requests


@pytest.mark.browser
def test_slides_fit_a_small_projector(server, page):  # noqa: F811
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{server}/?present=1&lang=en")
    wait_for_app(page)
    for number, slide in enumerate(slides.SLIDES, start=1):
        if number > 1:
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "expected => document.querySelector('.present-counter')?.textContent.trim()"
                " === expected", arg=f"{number} / {len(slides.SLIDES)}", timeout=30_000)
            wait_for_app(page)
        if slide in ("headline", "matches"):
            continue
        plot = page.locator(".js-plotly-plot").first
        plot.wait_for(timeout=30_000)
        page.wait_for_timeout(400)
        bottom = plot.bounding_box()["y"] + plot.bounding_box()["height"]
        footer = page.locator(".st-key-present_footer").bounding_box()["y"]
        assert bottom <= footer, (slide, bottom, footer)
        if slide in ("map", "growth"):
            page.screenshot(path=str(ARTIFACTS / f"present_en_1280_{slide}.png"))
    assert_no_error(page)


@pytest.mark.browser
def test_kiosk_mode_advances_by_itself(server, page):  # noqa: F811
    page.set_viewport_size(PROJECTOR)
    page.goto(f"{server}/?present=1&lang=en&kiosk=5&slide={len(slides.SLIDES) - 1}")
    wait_for_app(page)
    count = len(slides.SLIDES)
    seen = [int(_counter_text(page).split(" / ")[0])]
    for _ in range(3):  # each within four intervals, on a loaded machine too
        page.wait_for_function(
            "previous => document.querySelector('.present-counter')?.textContent.trim()"
            " !== previous", arg=f"{seen[-1]} / {count}", timeout=20_000)
        seen.append(int(_counter_text(page).split(" / ")[0]))
    # One slide at a time, looping from the last back to the first.
    assert all(b == a % count + 1 for a, b in zip(seen, seen[1:])), seen
    assert 1 in seen[1:], seen
    assert f"slide={seen[-1]}" in page.url or f"slide={seen[-1] % count + 1}" in page.url
    assert_no_error(page)
    assert page.outside_requests == []


@pytest.mark.browser
def test_presenter_mode_is_entered_from_a_page_and_left_back_to_it(server, page):  # noqa: F811
    page.goto(f"{server}/agreements?lang=en&region=13")
    wait_for_app(page)
    page.get_by_role("link", name="Presenter mode").click()
    page.locator(".present-counter").wait_for(timeout=30_000)
    wait_for_app(page)
    assert "present=1" in page.url and "region=13" in page.url and "lang=en" in page.url
    _assert_presenter_chrome(page)
    page.get_by_role("link", name="Exit presenter mode").click()
    page.get_by_role("heading", name="Agreements and memoranda").first.wait_for(timeout=30_000)
    assert "/agreements" in page.url and "region=13" in page.url
    assert page.locator('[data-testid="stSidebar"]').count() == 1
    assert_no_error(page)
