"""A bounded load test: ten browser sessions in one Chromium change the global filters
through the sidebar widgets for a minute against one Streamlit server, with no error of
any kind, and report how long the app takes to redraw.

Each session is a user: it picks a region or prefecture in the selectbox, adds and
removes technology fields, moves the period slider with the keyboard, now and then
switches page or language or clears the filters, and pauses between actions. Sessions
start on different pages and follow their own seeded random sequence, so a run can be
repeated. SANGAKU_LOAD_SECONDS shortens the minute for local iteration (CI uses the
default); SANGAKU_LOAD_SEED changes the sequences.

A redraw is timed from just before the click or key press that changes the view until
the page is done: the server has reported a run finished since then (read from the
websocket), the app says no script is running, no element is stale or a placeholder,
and the page shows what the new view must show (its title, the filter summary and the
URL parameters of the new filters). The page is polled every 50 ms. The report also
gives the server's part of it: from the page's request for the run to the server's
"finished". After each redraw, and before the user's pause, the test waits untimed
until the page has settled (see QUIET_MS).

Errors are collected over the whole run and asserted at the end: an exception box, an
uncaught error or a console error in the page, a failed or HTTP-error request to the
server, a request leaving localhost, a closed websocket or a connection notice, and a
redraw that takes longer than REDRAW_TIMEOUT_MS.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import shutil
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlparse

import pytest

from conftest import ARTIFACTS
from sangaku import db
from sangaku.filters import FilterOptions, Filters, to_query_params
from sangaku.i18n import LANGS, t
from sangaku.ui import filter_summary
from test_browser import CHROMIUM_FLAGS

pytestmark = pytest.mark.browser

SESSIONS = 10
DURATION_S = float(os.environ.get("SANGAKU_LOAD_SECONDS", "60"))
SEED = int(os.environ.get("SANGAKU_LOAD_SEED", "20240611"))
REDRAW_TIMEOUT_MS = 30_000
FIRST_DRAW_TIMEOUT_MS = 90_000  # ten cold pages at once on a small machine
# Sessions open a few at a time (a first draw loads the whole client), then all act at
# the same time.
OPENING_AT_ONCE = 3
POLL_MS = 50
THINK_S = (0.5, 2.0)  # a user's pause between two actions
# After a redraw, before the next action: no run may start for this long. The map
# page asks for one more run once its map is drawn (st_folium reports the view), and
# a page switch that Streamlit receives together with that request is dropped (the
# newer request's page wins when reruns are coalesced), so users, and this test,
# act on a page that has settled.
QUIET_MS = 500
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Every session must have redrawn this often, and all of them together this often, or
# the run proves nothing (a minute gives 4 to 9 per session on two shared cores).
MIN_REDRAWS_PER_SESSION = max(1, int(DURATION_S // 30))
MIN_REDRAWS = SESSIONS * max(1, int(DURATION_S // 20))

# name -> (URL path, title key, shows the filter summary); in the navigation's order.
PAGES = {
    "overview": ("", "app.title", True),
    "map": ("map", "map.title", True),
    "agreements": ("agreements", "agreements.title", True),
    "events": ("events", "events.title", True),
    "matching": ("matching", "match.title", True),
    "data_sources": ("data_sources", "data.title", False),
}
ACTIONS = {"region": 28, "field": 25, "period": 22, "page": 15, "lang": 5, "reset": 5}

CHROMIUM_LOAD_FLAGS = CHROMIUM_FLAGS + [
    # Ten pages share one browser: none of them may be slowed down as a background tab.
    "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows"]

# Watches the websocket itself, both ways: the `data-test-script-state` attribute alone
# can miss a run that starts and ends between two renders, and says nothing of a run
# the page has asked for but the server has not started yet. Messages are protobuf;
# only their top-level fields are read. ForwardMsg field 6 is `script_finished`, whose
# value 0 is FINISHED_SUCCESSFULLY (2, finished early because another run replaced
# it, is not a redraw); BackMsg field 11 is `rerun_script`, a request for a run.
COUNT_RUNS = """
(() => {
  window.__sangakuFinished = 0;   // runs the server finished
  window.__sangakuRequests = 0;   // runs the page asked for
  window.__sangakuAskedAt = -1;   // __sangakuFinished when the last was asked for
  window.__sangakuAskTimes = [];  // performance.now() of each request
  window.__sangakuFinishedAt = null;  // performance.now() of the last finished run
  const field = (bytes, wanted) => {
    let i = 0;
    const varint = () => {
      let value = 0, shift = 0, b;
      do { b = bytes[i++]; value += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
      return value;
    };
    while (i < bytes.length) {
      const tag = varint(), number = Math.floor(tag / 8), wire = tag % 8;
      if (wire === 0) { const v = varint(); if (number === wanted) return v; }
      else if (wire === 2) { const n = varint(); if (number === wanted) return n; i += n; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return undefined;
    }
    return undefined;
  };
  const bytesOf = (data) => data instanceof ArrayBuffer ? new Uint8Array(data)
    : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : null;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const bytes = bytesOf(event.data);
        if (bytes && field(bytes, 6) === 0) {
          window.__sangakuFinished += 1;
          window.__sangakuFinishedAt = performance.now();
        }
      });
    }
    send(data) {
      const bytes = bytesOf(data);
      if (bytes && field(bytes, 11) !== undefined) {
        window.__sangakuRequests += 1;
        window.__sangakuAskedAt = window.__sangakuFinished;
        window.__sangakuAskTimes.push(performance.now());
      }
      return super.send(data);
    }
  };
})();
"""

DONE = """
([since, title, summary, paths, query]) => {
  if ((window.__sangakuFinished || 0) <= since) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]')) return false;
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  if (!h1 || !h1.innerText.includes(title)) return false;
  if (summary !== null && ![...document.querySelectorAll(
      '[data-testid="stMain"] [data-testid="stAlert"]')].some(a => a.innerText.includes(summary)))
    return false;
  const url = new URL(window.location.href);
  if (!paths.includes(url.pathname.replace(/^\\/+|\\/+$/g, ""))) return false;
  const got = [...url.searchParams.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => k + "=" + v).join("&");
  return got === query;
}
"""

STATE = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  return {
    url: window.location.href,
    scriptState: app && app.getAttribute("data-test-script-state"),
    connection: app && app.getAttribute("data-test-connection-state"),
    finishedRuns: window.__sangakuFinished,
    requestedRuns: window.__sangakuRequests,
    askedAtRun: window.__sangakuAskedAt,
    mapFrames: [...document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')]
      .map(f => f.contentDocument ? f.contentDocument.querySelectorAll(
        ".leaflet-overlay-pane path").length : "closed"),
    title: h1 && h1.innerText,
    alerts: [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stAlert"]')]
      .map(a => a.innerText.slice(0, 200)),
    stale: document.querySelectorAll('[data-stale="true"]').length,
    skeletons: document.querySelectorAll('[data-testid="stSkeleton"]').length,
  };
}
"""

QUIET = """
([quietMs, frameSelector]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const finished = window.__sangakuFinished;
  let ok = app !== null && app.getAttribute("data-test-script-state") === "notRunning"
    && finished > window.__sangakuAskedAt;
  if (ok && frameSelector) {  // the map is drawn in its frame(s)
    const frames = [...document.querySelectorAll(frameSelector)];
    ok = frames.length > 0 && frames.every(f => f.contentDocument &&
      f.contentDocument.querySelector(".leaflet-overlay-pane path"));
  }
  const key = [ok, finished, window.__sangakuRequests].join("/");
  const now = performance.now();
  if (!ok || key !== window.__sangakuQuietKey) {
    window.__sangakuQuietKey = key;
    window.__sangakuQuietSince = now;
    return false;
  }
  return now - window.__sangakuQuietSince >= quietMs;
}
"""

# Console errors that are not the app's: when a page other than the main one is opened
# by its URL, Streamlit's client first looks for the server under that page's path
# (`/map/_stcore/health`, `/map/_stcore/host-config`), gets 404 and then finds it at
# the root (Streamlit issue #7074). Only the first load of a session opens such a URL.
BENIGN_404 = re.compile(r"^/[a-z_]+/_stcore/(health|host-config)$")


@dataclass
class Redraw:
    action: str
    page: str
    ms: float
    server_ms: float | None  # from the page's request for the run to its "finished"


@dataclass
class Session:
    index: int
    page: str
    lang: str
    years: tuple[int, int]
    region: str = ""
    fields: list[str] = field(default_factory=list)
    redraws: list[Redraw] = field(default_factory=list)
    first_draw_ms: float | None = None
    errors: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # inputs that never reached the server
    closing: bool = False
    started: float = field(default_factory=time.monotonic)

    def error(self, kind: str, detail: str) -> None:
        self.errors.append(f"session {self.index} at {time.monotonic() - self.started:5.1f} s "
                           f"on {self.page} ({self.lang}): {kind}: {detail}")


def _options(con) -> FilterOptions:
    regions = db.run_query(con, "filter_regions")
    prefs = db.run_query(con, "filter_prefectures")
    fields = db.run_query(con, "filter_fields")
    years = db.run_query(con, "filter_year_bounds").iloc[0]
    return FilterOptions(
        prefectures={r.pref_code: (r.name_ja, r.name_en) for r in prefs.itertuples()},
        regions={r.region_id: (r.name_ja, r.name_en) for r in regions.itertuples()},
        fields={r.field_id: (r.name_ja, r.name_en) for r in fields.itertuples()},
        year_min=int(years.year_min), year_max=int(years.year_max))


class User:
    """One browser session acting on the sidebar, with what it expects to see."""

    def __init__(self, session: Session, page, server: str, options: FilterOptions,
                 rng: random.Random):
        self.s, self.pg, self.server, self.o, self.rng = session, page, server, options, rng
        self.sidebar = page.locator('[data-testid="stSidebar"]')

    # ------------------------------------------------------------ expectations
    def filters(self) -> Filters:
        y_from, y_to = self.s.years
        return Filters(region=self.s.region or None, fields=tuple(self.s.fields),
                       year_from=y_from if y_from > self.o.year_min else None,
                       year_to=y_to if y_to < self.o.year_max else None)

    def query(self) -> dict[str, str]:
        return to_query_params(self.filters(), self.s.lang)

    def url(self) -> str:
        path = PAGES[self.s.page][0]
        query = urlencode(self.query())
        return f"{self.server}/{path}" + (f"?{query}" if query else "")

    def expected(self) -> list:
        path, title_key, has_summary = PAGES[self.s.page]
        summary = (filter_summary(self.filters(), self.o, self.s.lang) if has_summary
                   else None)
        paths = [path] + (["overview"] if self.s.page == "overview" else [])
        query = "&".join(f"{k}={v}" for k, v in sorted(self.query().items()))
        return [t(title_key, self.s.lang), summary, paths, query]

    def region_label(self, value: str) -> str:
        # As the sidebar's selectbox labels its options (sangaku.ui.sidebar).
        if not value:
            return t("filters.region.all", self.s.lang)
        group = ("filters.region.group_pref" if value in self.o.prefectures
                 else "filters.region.group_region")
        return f"{self.o.region_label(value, self.s.lang)} ({t(group, self.s.lang)})"

    # ------------------------------------------------------------ waiting
    async def counters(self) -> tuple[int, int]:
        """Runs finished and runs asked for so far."""
        return tuple(await self.pg.evaluate(
            "() => [window.__sangakuFinished || 0, window.__sangakuRequests || 0]"))

    async def server_ms(self, asked: int) -> float | None:
        """The server's part of the last redraw: from the first request the action made
        to the last run's "finished", as the page saw them."""
        ask, finished = await self.pg.evaluate(
            f"() => [window.__sangakuAskTimes[{asked}], window.__sangakuFinishedAt]")
        return finished - ask if ask is not None and finished is not None else None

    async def wait_done(self, since: int, timeout_ms: int, action: str = "open",
                        asked: int | None = None) -> bool:
        try:
            await self.pg.wait_for_function(DONE, arg=[since, *self.expected()],
                                            polling=POLL_MS, timeout=timeout_ms)
            return True
        except Exception as exc:  # noqa: BLE001 - reported with the page's state
            state = await self._state()
            detail = (f"{action}: {type(exc).__name__} after {timeout_ms} ms; expected "
                      f"{self.expected()}, page {state}")
            if (asked is not None and isinstance(state, dict)
                    and state.get("requestedRuns") == asked
                    and state.get("scriptState") == "notRunning"):
                # The browser never asked the server for a run: the click or key press
                # did not reach the widget (it moved under the pointer while the page
                # redrew). Not the app's failure; counted and bounded in the report.
                self.s.lost.append(detail)
            else:
                self.s.error("no redraw", detail)
            return False

    async def settle(self) -> bool:
        """Wait, untimed, until the page has drawn everything (the map page: its map)
        and neither runs nor has asked for a run for QUIET_MS."""
        frame = MAP_FRAME if self.s.page == "map" else None
        try:
            await self.pg.evaluate("() => { window.__sangakuQuietKey = null; }")
            await self.pg.wait_for_function(QUIET, arg=[QUIET_MS, frame], polling=POLL_MS,
                                            timeout=REDRAW_TIMEOUT_MS)
            return True
        except Exception as exc:  # noqa: BLE001 - reported with the page's state
            self.s.error("page does not settle", f"{type(exc).__name__}: {exc}"[:500]
                         + f"; page {await self._state()}")
            return False

    async def _state(self):
        try:
            return await self.pg.evaluate(STATE)
        except Exception as exc:  # noqa: BLE001
            return f"(unreadable: {exc})"

    async def check_page(self) -> None:
        """What a finished redraw must not show: an exception, a lost connection."""
        for box in await self.pg.locator('[data-testid="stException"]').all_inner_texts():
            self.s.error("exception box", box[:2000])
        status = self.pg.locator('[data-testid="stConnectionStatus"]')
        if await status.count():
            self.s.error("connection status", (await status.first.inner_text())[:200])
        state = await self.pg.locator('[data-testid="stApp"]').get_attribute(
            "data-test-connection-state")
        if state != "CONNECTED":
            self.s.error("connection state", str(state))

    # ------------------------------------------------------------ actions
    async def open(self) -> bool:
        started = time.perf_counter()
        await self.pg.goto(self.url())
        if not await self.wait_done(0, FIRST_DRAW_TIMEOUT_MS):
            return False
        self.s.first_draw_ms = (time.perf_counter() - started) * 1000
        await self.check_page()
        return await self.settle()

    async def act(self, action: str) -> None:
        if action == "reset" and not self.filters().active:
            action = "region"  # nothing to clear
        since, asked = await self.counters()
        started = await getattr(self, f"_{action}")()
        if started is None:
            await self.resync()
            return
        if await self.wait_done(since, REDRAW_TIMEOUT_MS, action, asked):
            self.s.redraws.append(Redraw(action, self.s.page,
                                         (time.perf_counter() - started) * 1000,
                                         await self.server_ms(asked)))
            await self.check_page()
            await self.leave_widget()
            if await self.settle():
                return
        await self.resync()

    async def leave_widget(self) -> None:
        """Close the multiselect's list, which stays open, and leave the widget, as a user
        does before the next action: a focused multiselect is a line taller, and the
        sidebar moving up under the next click when it loses focus would swallow it."""
        if await self.pg.locator('[role="listbox"]').count():
            await self.pg.keyboard.press("Escape")
        await self.pg.evaluate("() => document.activeElement && document.activeElement.blur()")

    async def resync(self) -> None:
        """After a lost redraw, start again from the URL of the view expected (the error
        is recorded already; leaving the page closes its websocket on purpose)."""
        self.s.closing = True
        try:
            await self.pg.goto(self.url())
        finally:
            self.s.closing = False
        if await self.wait_done(0, FIRST_DRAW_TIMEOUT_MS):
            await self.settle()

    async def _region(self) -> float:
        choices = [v for v in [*self.o.prefectures, *self.o.regions] if v != self.s.region]
        value = "" if self.s.region and self.rng.random() < 0.2 else self.rng.choice(choices)
        label = self.region_label(value)
        box = self.sidebar.locator('[data-testid="stSelectbox"] input')
        await box.click()
        await box.fill(label)
        option = self.pg.get_by_role("option", name=label, exact=True)
        await option.wait_for()
        started = time.perf_counter()
        await option.click()
        self.s.region = value
        return started

    async def _field(self) -> float:
        widget = self.sidebar.locator('[data-testid="stMultiSelect"]')
        unused = [f for f in self.o.fields if f not in self.s.fields]
        add = not self.s.fields or (unused and len(self.s.fields) < 3
                                    and self.rng.random() < 0.6)
        if add:
            value = self.rng.choice(unused)
            await widget.locator("input").click()
            option = self.pg.get_by_role(
                "option", name=self.o.field_label(value, self.s.lang), exact=True)
            await option.wait_for()
            started = time.perf_counter()
            await option.click()
            self.s.fields.append(value)
        else:
            value = self.rng.choice(self.s.fields)
            remove = widget.get_by_role(
                "button", name=f"Remove {self.o.field_label(value, self.s.lang)}", exact=True)
            started = time.perf_counter()
            await remove.click()
            self.s.fields.remove(value)
        return started

    async def _period(self) -> float | None:
        y_from, y_to = self.s.years
        lo, hi = self.o.year_min, self.o.year_max
        moves = [(0, k) for k in ("ArrowRight", "PageUp", "End") if y_from < y_to]
        moves += [(0, k) for k in ("ArrowLeft", "PageDown", "Home") if y_from > lo]
        moves += [(1, k) for k in ("ArrowRight", "PageUp", "End") if y_to < hi]
        moves += [(1, k) for k in ("ArrowLeft", "PageDown", "Home") if y_to > y_from]
        thumb, key = self.rng.choice(moves)
        thumbs = self.sidebar.locator('[data-testid="stSlider"] input[type="range"]')
        await thumbs.nth(thumb).focus()
        started = time.perf_counter()
        await self.pg.keyboard.press(key)
        # The slider computes the new value (its page step, its bounds): read it back.
        old = self.s.years[thumb]
        try:
            handle = await self.pg.wait_for_function(
                """([el, old]) => Number(el.value) !== old && Number(el.value)""",
                arg=[await thumbs.nth(thumb).element_handle(), old], polling=POLL_MS,
                timeout=REDRAW_TIMEOUT_MS)
        except Exception as exc:  # noqa: BLE001
            self.s.error("slider", f"{key} on thumb {thumb} did not move it from {old}: {exc}")
            return None
        new = int(await handle.json_value())
        self.s.years = (new, y_to) if thumb == 0 else (y_from, new)
        return started

    async def _page(self) -> float:
        target = self.rng.choice([p for p in PAGES if p != self.s.page])
        link = self.sidebar.locator('[data-testid="stSidebarNavLink"]').nth(
            list(PAGES).index(target))
        started = time.perf_counter()
        await link.click()
        self.s.page = target
        return started

    async def _lang(self) -> float:
        target = "en" if self.s.lang == "ja" else "ja"
        radio = self.sidebar.locator('[data-testid="stRadio"]').first
        option = radio.locator('[data-testid="stRadioOption"]').nth(LANGS.index(target))
        started = time.perf_counter()
        await option.click()
        self.s.lang = target
        return started

    async def _reset(self) -> float:
        button = self.sidebar.locator(".st-key-f_reset button")
        started = time.perf_counter()
        await button.click()
        self.s.region, self.s.fields = "", []
        self.s.years = (self.o.year_min, self.o.year_max)
        return started


def _watch(session: Session, page):
    """Record every error the browser sees, whenever it happens; returns the route
    handler that lets only requests to localhost through."""

    def local(url: str) -> bool:
        return urlparse(url).hostname in ("127.0.0.1", "localhost")

    async def route(r):
        if local(r.request.url):
            await r.continue_()
        else:
            session.error("request outside localhost", r.request.url)
            await r.abort()

    def console(msg):
        if msg.type != "error":
            return
        where = msg.location.get("url", "")
        if msg.text.startswith("Failed to load resource") and BENIGN_404.match(
                urlparse(where).path):
            return
        session.error("console error", f"{msg.text[:500]} ({where})")

    def response(r):
        if r.status >= 400 and local(r.url) and not (r.status == 404 and BENIGN_404.match(
                urlparse(r.url).path)):
            session.error("HTTP error", f"{r.status} {r.request.method} {r.url}")

    def request_failed(r):
        if local(r.url) and not session.closing:
            session.error("request failed", f"{r.failure} {r.method} {r.url}")

    def websocket(ws):
        ws.on("close", lambda _: None if session.closing else session.error(
            "websocket closed", ws.url))
        ws.on("socketerror", lambda e: session.error("websocket error", f"{ws.url}: {e}"))

    page.on("pageerror", lambda e: session.error(
        "page error", f"{e.message}\n{e.stack or ''}"[:2000]))
    page.on("console", console)
    page.on("response", response)
    page.on("requestfailed", request_failed)
    page.on("websocket", websocket)
    page.on("crash", lambda _: session.error("page crashed", ""))
    return route


async def _run(server: str, options: FilterOptions) -> tuple[list[Session], float]:
    from playwright.async_api import async_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Debian's chromium is not installed (apt-get install chromium)")
    names = list(PAGES)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=executable,
                                          args=CHROMIUM_LOAD_FLAGS)
        sessions, users, contexts = [], [], []
        for i in range(SESSIONS):
            session = Session(i, page=names[i % len(names)], lang=LANGS[(i // 2) % 2],
                              years=(options.year_min, options.year_max))
            context = await browser.new_context(viewport={"width": 1280, "height": 900},
                                                locale="ja-JP")
            context.set_default_timeout(REDRAW_TIMEOUT_MS)
            await context.add_init_script(COUNT_RUNS)
            page = await context.new_page()
            await context.route("**/*", _watch(session, page))
            sessions.append(session)
            contexts.append(context)
            users.append(User(session, page, server, options, random.Random(SEED + i)))

        opening = asyncio.Semaphore(OPENING_AT_ONCE)

        async def arrive(user: User) -> bool:
            async with opening:
                return await user.open()

        opened = await asyncio.gather(*(arrive(u) for u in users))
        deadline = time.monotonic() + DURATION_S
        started = time.monotonic()

        async def drive(user: User) -> None:
            kinds, weights = list(ACTIONS), list(ACTIONS.values())
            while time.monotonic() < deadline:
                action = user.rng.choices(kinds, weights)[0]
                try:
                    await user.act(action)
                except Exception as exc:  # noqa: BLE001 - a widget that could not be used
                    user.s.error(f"{action} failed", f"{type(exc).__name__}: {exc}"[:2000])
                    try:
                        await user.resync()
                    except Exception as again:  # noqa: BLE001
                        user.s.error("session lost", f"{type(again).__name__}: {again}"[:500])
                        return
                await asyncio.sleep(user.rng.uniform(*THINK_S))

        await asyncio.gather(*(drive(u) for u, ok in zip(users, opened) if ok))
        elapsed = time.monotonic() - started
        for user in users:
            await user.check_page()
            await user.pg.screenshot(path=str(ARTIFACTS / f"load_session_{user.s.index}.png"))
            user.s.closing = True
        for context in contexts:
            await context.close()
        await browser.close()
    return sessions, elapsed


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _report(sessions: list[Session], elapsed: float) -> tuple[str, list[str]]:
    redraws = [r for s in sessions for r in s.redraws]
    errors = [e for s in sessions for e in s.errors]
    times = [r.ms for r in redraws]
    lines = [
        f"load test: {len(sessions)} sessions, {DURATION_S:.0f} s of actions planned, "
        f"{elapsed:.1f} s taken (the last actions finish after the end), seed {SEED}",
        f"redraws: {len(redraws)}; errors: {len(errors)}",
    ]
    if len(times) >= 2:
        lines.append(f"redraw time: median {statistics.median(times):.0f} ms, "
                     f"p95 {_percentile(times, 95):.0f} ms, max {max(times):.0f} ms")
    server = [r.server_ms for r in redraws if r.server_ms is not None]
    if len(server) >= 2:
        lines.append(f"  of which the server's part (request for the run -> run finished): "
                     f"median {statistics.median(server):.0f} ms, "
                     f"p95 {_percentile(server, 95):.0f} ms")
    lines.append("redraws per session: " + ", ".join(str(len(s.redraws)) for s in sessions))
    first = [s.first_draw_ms for s in sessions if s.first_draw_ms is not None]
    if first:
        lines.append(f"first draw of each session: median {statistics.median(first):.0f} ms, "
                     f"max {max(first):.0f} ms")
    for label, key in (("by action", "action"), ("by page", "page")):
        groups: dict[str, list[float]] = {}
        for r in redraws:
            groups.setdefault(getattr(r, key), []).append(r.ms)
        lines.append(f"{label}:")
        for name, values in sorted(groups.items()):
            p95 = f"{_percentile(values, 95):6.0f}" if len(values) >= 2 else "     -"
            lines.append(f"  {name:<14}{len(values):>5} redraws  median "
                         f"{statistics.median(values):6.0f} ms  p95 {p95} ms")
    lost = [x for s in sessions for x in s.lost]
    lines.append(f"inputs that never reached the server (retried from the URL): {len(lost)}")
    lines.extend(f"  {x}" for x in lost)
    if errors:
        lines.append("errors:")
        lines.extend(f"  {e}" for e in errors)
    return "\n".join(lines), errors


def test_ten_sessions_change_filters_for_a_minute_without_error(server, con):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    sessions, elapsed = asyncio.run(_run(server, _options(con)))
    report, errors = _report(sessions, elapsed)
    (ARTIFACTS / "load_test.txt").write_text(report + "\n", encoding="utf-8")
    print("\n" + report)

    assert errors == [], f"{len(errors)} errors under load:\n" + "\n".join(errors[:50])
    lost = sum(len(s.lost) for s in sessions)
    actions = lost + sum(len(s.redraws) for s in sessions)
    assert lost <= max(2, actions // 20), f"{lost} of {actions} inputs never reached the server"
    assert elapsed >= DURATION_S
    few = {s.index: len(s.redraws) for s in sessions
           if len(s.redraws) < MIN_REDRAWS_PER_SESSION}
    assert not few, f"sessions with fewer than {MIN_REDRAWS_PER_SESSION} redraws: {few}"
    assert sum(len(s.redraws) for s in sessions) >= MIN_REDRAWS
    if DURATION_S >= 60:  # a shortened run need not reach every widget and page
        done = Counter(r.action for s in sessions for r in s.redraws)
        assert set(done) >= {"region", "field", "period", "page"}, done
        assert {r.page for s in sessions for r in s.redraws} == set(PAGES)
