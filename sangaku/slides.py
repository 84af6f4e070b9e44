"""Presenter mode: the slide sequence, the one-sentence message of each slide computed
from its data, the slide's HTML pieces, and the projector theme. Pure functions, no
Streamlit: the presenter page lays these out.

URL form: `?present=1&slide=3&kiosk=20` (plus the global filters and `lang`): `slide`
is 1-based, `kiosk` the seconds between slides of an unattended loop.
"""

from __future__ import annotations

import html

import pandas as pd

from .figures import PROJECTOR_BACKGROUND, PROJECTOR_TEXT
from .i18n import localized, t

SLIDES = ("headline", "map", "fields", "agreements", "growth", "events", "indicators",
          "tama", "matches")
REPORT = "tiri_annual_2020"  # the research institute's FY2020 report: its events
AGREEMENT_FACETS = {"org_types": None, "document_kinds": None, "areas": None}  # all
KIOSK_MIN_SECONDS = 5
KIOSK_MAX_SECONDS = 600
MATCHES_SHOWN = 6
INDICATOR_SERIES = "joint_research"  # national universities' joint research with industry
TAMA_AREA = "多摩"  # the research institute's report groups Tokyo's cities by area


def _first(value) -> str | None:
    if isinstance(value, list):
        return value[-1] if value else None
    return value


def kiosk_seconds(value) -> int | None:
    """Seconds between slides from the `kiosk` URL parameter, clamped to 5–600; None
    when absent or not a number (no auto-advance)."""
    value = _first(value)
    try:
        seconds = int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if seconds <= 0:
        return None
    return max(KIOSK_MIN_SECONDS, min(KIOSK_MAX_SECONDS, seconds))


def slide_position(value, count: int = len(SLIDES)) -> int:
    """0-based position from the 1-based `slide` URL parameter (first slide when absent
    or not a number; wraps around past the end)."""
    value = _first(value)
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0
    return (number - 1) % count if number >= 1 else 0


def kiosk_due(elapsed: float, seconds: int | None) -> bool:
    """Whether a timed run should move on: the slide has been up for at least half the
    interval. A run right after a manual move (elapsed near 0) stays; a late or missed
    timer tick still moves by one slide, never more."""
    return seconds is not None and elapsed >= seconds / 2


def e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _n(value) -> str:
    return f"{int(value):,}"


# ---------------------------------------------------------------- messages
def headline_message(headline: pd.DataFrame, lang: str) -> str | None:
    values = dict(zip(headline["metric"], headline["value"]))
    if not values:
        return None
    return t("present.msg.headline", lang, **{k: _n(v) for k, v in values.items()})


def map_message(regions: pd.DataFrame, prefecture_counts: pd.DataFrame,
                lang: str) -> str | None:
    shown = regions[regions["kind"] != "greater_cluster"]
    if shown.empty:
        return None
    prefectures = int((prefecture_counts["regions"] > 0).sum())
    return t("present.msg.map", lang, regions=_n(len(shown)), prefectures=_n(prefectures))


def fields_message(by_field: pd.DataFrame, lang: str) -> str | None:
    if by_field.empty:
        return None
    data = by_field.assign(label=localized(by_field, "name", lang))
    totals = data.groupby(["label", "sort_order"], as_index=False)["regions"].sum()
    totals = totals.sort_values(["regions", "sort_order"], ascending=[False, True])
    top = totals.iloc[0]
    if len(totals) == 1:
        return t("present.msg.fields_one", lang, field=top.label, n=_n(top.regions))
    second = totals.iloc[1]
    return t("present.msg.fields", lang, field=top.label, n=_n(top.regions),
             second=second.label, m=_n(second.regions))


def agreements_message(listed: pd.DataFrame, lang: str) -> str | None:
    if listed.empty:
        return None
    dated = listed["signed_on"].dropna()
    if dated.empty:
        return t("present.msg.agreements_undated", lang, partners=_n(listed["org_id"].nunique()),
                 documents=_n(len(listed)))
    years = pd.to_datetime(dated).dt.year
    return t("present.msg.agreements", lang, partners=_n(listed["org_id"].nunique()),
             documents=_n(len(listed)), first=int(years.min()), last=int(years.max()))


def growth_message(per_year: pd.DataFrame, lang: str) -> str | None:
    if per_year.empty:
        return None
    years = per_year.drop_duplicates("year").sort_values("year")
    documents = per_year.groupby("year")["documents"].sum()
    peak_year = int(documents.idxmax())
    first, last = years.iloc[0], years.iloc[-1]
    return t("present.msg.growth", lang, a=_n(first.partners_cumulative), y0=int(first.year),
             b=_n(last.partners_cumulative), y1=int(last.year), peak=peak_year,
             n=_n(documents.max()))


def events_message(events: pd.DataFrame, lang: str) -> str | None:
    if events.empty:
        return None
    hosted = int(events["role"].isin(["hosted", "co_hosted"]).sum())
    online = int(events["mode"].isin(["online", "hybrid"]).sum())
    return t("present.msg.events", lang, total=_n(len(events)), hosted=_n(hosted),
             online=_n(online))


def indicator_message(values: pd.DataFrame, lang: str) -> str | None:
    national = values[values["geography"] == "JP"].sort_values("as_of")
    if len(national) < 2:
        return None
    first, last = national.iloc[0], national.iloc[-1]
    unit = first.unit_en if lang == "en" else first.unit_ja
    ratio = last.value / first.value if first.value else None
    return t("present.msg.indicator", lang, a=_n(first.value),
             p0=first.period_label, b=_n(last.value), p1=last.period_label, unit=unit or "",
             ratio=f"{ratio:.1f}" if ratio else "—")


def tama_message(tokyo: pd.DataFrame, lang: str) -> str | None:
    total = int(tokyo["collaborations"].sum())
    if not total:
        return None
    in_tama = tokyo[tokyo["tokyo_area"] == TAMA_AREA]
    tama = int(in_tama["collaborations"].sum())
    places = int((in_tama["collaborations"] > 0).sum())
    return t("present.msg.tama", lang, total=_n(total), tama=_n(tama), places=_n(places),
             share=f"{100 * tama / total:.0f}")


def matches_message(pairs: pd.DataFrame, needs: int, seeds: int, field: str,
                    lang: str) -> str | None:
    if pairs.empty:
        return None
    return t("present.msg.matches", lang, k=_n(len(pairs)), needs=_n(needs), seeds=_n(seeds),
             field=field)


def busiest_field(needs: pd.DataFrame, field_order: list[str]) -> str | None:
    """The technology field most needs name (ties: the first in the field list)."""
    counts: dict[str, int] = {}
    for ids in needs["field_ids"]:
        for field in ids:
            counts[field] = counts.get(field, 0) + 1
    ranked = sorted(counts, key=lambda f: (-counts[f], field_order.index(f)
                                           if f in field_order else len(field_order)))
    return ranked[0] if ranked else None


# ---------------------------------------------------------------- HTML pieces
def header_html(title: str, position: int, count: int) -> str:
    return (f"<div class='present-head'><div class='present-title' role='heading' aria-level='1'>{e(title)}</div>"
            f"<span class='present-counter' aria-label='slide'>{position + 1} / {count}</span>"
            "</div>")


def message_html(message: str | None, lang: str) -> str:
    text = message or t("common.no_data", lang)
    return f"<p class='present-message'>{e(text)}</p>"


def source_html(text: str | None) -> str:
    return f"<p class='present-source'>{e(text)}</p>" if text else ""


def headline_html(headline: pd.DataFrame, lang: str) -> str:
    cards = "".join(
        f"<div class='present-card'><div class='present-number'>{_n(row.value)}</div>"
        f"<div class='present-label'>{e(t(f'overview.metric.{row.metric}', lang))}</div></div>"
        for row in headline.itertuples())
    return f"<div class='present-cards'>{cards}</div>"


def matches_html(pairs: pd.DataFrame, lang: str) -> str:
    """The best pairs as a table in large type. Sample items are badged: each one, or
    the table once when every item in it is a sample."""
    sample_mark = f" <span class='present-sample'>{e(t('common.sample_badge', lang))}</span>"
    all_sample = bool(pairs["need_is_sample"].all() and pairs["seed_is_sample"].all())
    caption = (f"<caption>{sample_mark} {e(t('present.sample_all', lang))}</caption>"
               if all_sample else "")

    def cell(row, side: str) -> str:
        title = getattr(row, f"{side}_title_{lang}") or getattr(row, f"{side}_title_ja")
        org = getattr(row, f"{side}_org_{lang}") or getattr(row, f"{side}_org_ja") or ""
        mark = sample_mark if getattr(row, f"{side}_is_sample") and not all_sample else ""
        return (f"<td><div class='present-item'>{e(title)}{mark}</div>"
                f"<div class='present-org'>{e(org)}</div></td>")

    head = "".join(f"<th>{e(t(key, lang))}</th>" for key in
                   ("col.rank", "present.col.need", "present.col.seed", "col.score"))
    rows = "".join(
        f"<tr><td class='present-rank'>{i}</td>{cell(row, 'need')}{cell(row, 'seed')}"
        f"<td class='present-score'>{row.score:.2f}</td></tr>"
        for i, row in enumerate(pairs.itertuples(), start=1))
    return (f"<table class='present-table'>{caption}<thead><tr>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table>")


# ---------------------------------------------------------------- theme and keys
ACCENT = "#ffd54f"  # the message line: 14:1 on the background

CSS = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stSidebarNav"] {{ display: none !important; }}
html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{
  background: {PROJECTOR_BACKGROUND} !important; color: {PROJECTOR_TEXT};
}}
[data-testid="stMainBlockContainer"] {{
  max-width: none !important; padding: 1.2rem 3rem 6rem 3rem !important;
}}
.st-key-present_footer {{ position: fixed; left: 0; right: 0; bottom: 0; z-index: 100;
  background: {PROJECTOR_BACKGROUND}; padding: .6rem 3rem .7rem 3rem;
  border-top: 1px solid #333; }}
.stApp, .stApp p, .stApp li, .stApp td, .stApp th {{
  color: {PROJECTOR_TEXT}; font-size: 28px; line-height: 1.35;
}}
.present-head {{ display: flex; justify-content: space-between; align-items: baseline;
  gap: 2rem; border-bottom: 3px solid #444; padding-bottom: .3rem; }}
.stApp .present-title {{ font-size: 54px; font-weight: 700; line-height: 1.15;
  margin: 0; padding: 0; color: {PROJECTOR_TEXT}; }}
.stApp .present-counter {{ font-size: 28px; color: #cfcfcf; white-space: nowrap; }}
.stApp p.present-message {{ font-size: 36px; font-weight: 600; color: {ACCENT};
  margin: .5rem 0 .2rem 0; line-height: 1.3; }}
.stApp p.present-source {{ font-size: 22px; color: #d0d0d0; margin: .2rem 0 0 0; }}
.stApp p.present-note {{ font-size: 22px; color: #d0d0d0; margin: 0; }}
.present-cards {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: 2rem;
  margin: 2rem 0 1.2rem 0; }}
.present-card {{ border: 2px solid #555; border-radius: 10px; padding: 2rem 2rem; }}
.stApp .present-number {{ font-size: 120px; font-weight: 700; line-height: 1.05;
  color: {PROJECTOR_TEXT}; font-variant-numeric: tabular-nums; }}
.stApp .present-label {{ font-size: 36px; color: #e6e6e6; }}
table.present-table {{ width: 100%; border-collapse: collapse; margin-top: .4rem; }}
.stApp table.present-table caption {{ caption-side: top; text-align: left; font-size: 22px;
  color: #e6e6e6; padding: 0 0 .3rem 0; }}
.stApp table.present-table th {{ font-size: 24px; color: #cfcfcf; text-align: left;
  border-bottom: 2px solid #666; padding: .3rem .6rem; white-space: nowrap; }}
.stApp table.present-table td {{ border-bottom: 1px solid #444; padding: .45rem .6rem;
  vertical-align: top; }}
.stApp .present-item {{ font-size: 28px; line-height: 1.25; }}
.stApp .present-org {{ font-size: 22px; color: #cfcfcf; }}
.stApp td.present-rank, .stApp td.present-score {{ font-size: 32px; font-weight: 700;
  white-space: nowrap; }}
.stApp .present-sample {{ font-size: 18px; background: #ff9800; color: #000;
  border-radius: 4px; padding: 0 .4em; vertical-align: middle; white-space: nowrap; }}
.st-key-present_prev button, .st-key-present_next button {{
  background: #1e1e1e !important; color: {PROJECTOR_TEXT} !important;
  border: 2px solid #8a8a8a !important; font-size: 26px !important; min-height: 3rem; }}
.st-key-present_prev button p, .st-key-present_next button p {{ font-size: 26px !important; }}
.st-key-present_prev button:hover, .st-key-present_next button:hover {{
  border-color: {ACCENT} !important; }}
[data-testid="stPageLink"] a, [data-testid="stPageLink"] a p, [data-testid="stPageLink"] span {{
  color: #e0e0e0 !important; font-size: 22px !important; }}
/* The chart takes the height that the title, message, sources and controls leave,
   so that a slide fits the screen it is shown on (maps leave room for a credit line). */
div:has(> .st-key-present_chart_box) {{ height: calc(100vh - 360px) !important;
  flex: 0 0 calc(100vh - 360px) !important; min-height: 280px !important; }}
div:has(> .st-key-present_map_box) {{ height: calc(100vh - 400px) !important;
  flex: 0 0 calc(100vh - 400px) !important; min-height: 280px !important; }}
.st-key-present_chart_box, .st-key-present_map_box {{ border: none !important;
  padding: 0 !important; overflow: hidden !important; }}
@media (max-height: 820px) {{
  .stApp .present-title {{ font-size: 42px; }}
  .stApp p.present-message {{ font-size: 28px; }}
  .stApp p.present-source {{ font-size: 18px; }}
  .stApp .present-number {{ font-size: 84px; }}
  .stApp .present-label {{ font-size: 28px; }}
  .present-card {{ padding: 1.2rem 1.4rem; }}
  .st-key-present_prev button p, .st-key-present_next button p {{
    font-size: 20px !important; }}
  .stApp .present-item {{ font-size: 21px; }}
  .stApp .present-org, .stApp table.present-table th {{ font-size: 17px; }}
  .stApp td.present-rank, .stApp td.present-score {{ font-size: 24px; }}
  .stApp table.present-table td {{ padding: .25rem .5rem; }}
  .stApp p.present-note {{ font-size: 17px; }}
  div:has(> .st-key-present_chart_box) {{ height: calc(100vh - 300px) !important;
    flex: 0 0 calc(100vh - 300px) !important; }}
  div:has(> .st-key-present_map_box) {{ height: calc(100vh - 340px) !important;
    flex: 0 0 calc(100vh - 340px) !important; }}
}}
.stApp .present-hint {{ font-size: 20px; color: #bdbdbd; margin: 0; }}
</style>
"""

# Keyboard and presentation remotes (which send PageDown/PageUp): a listener on the
# app's own document that clicks the slide buttons. Installed once per page load.
KEYS_JS = """
<script>
(function () {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const win = doc.defaultView || window;
  if (win.__sangakuPresenterKeys) { return; }
  win.__sangakuPresenterKeys = true;
  const next = ["ArrowRight", "PageDown", " ", "Spacebar", "Enter", "n"];
  const prev = ["ArrowLeft", "PageUp", "Backspace", "p"];
  function press(key) {
    const button = doc.querySelector(".st-key-present_" + key + " button");
    if (button) { button.click(); button.blur(); }
  }
  doc.addEventListener("keydown", function (event) {
    const tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || event.altKey || event.ctrlKey ||
        event.metaKey) { return; }
    if (next.includes(event.key)) { event.preventDefault(); press("next"); }
    else if (prev.includes(event.key)) { event.preventDefault(); press("prev"); }
    else if (event.key === "f" || event.key === "F") {
      event.preventDefault();
      if (doc.fullscreenElement) { doc.exitFullscreen(); }
      else if (doc.documentElement.requestFullscreen) { doc.documentElement.requestFullscreen(); }
    }
  }, true);
})();
</script>
"""
