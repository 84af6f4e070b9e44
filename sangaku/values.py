"""Reading values the way people write them in Japanese office files.

Dates as 2014-12-09, 2014/12/9, 2014年12月09日, era dates (令和3年3月4日, R3.3.4, 平成26年,
令和元年), fiscal years (令和2年度, 2020年度), full-width digits and spaces; numbers with
thousands separators and counters (1,200名); yes/no in either language. Every parser
returns a value or raises `ValueError` whose message is a key of `i18n.STRINGS` with
the values to format it, so the importer can report it in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

# Eras in use since 1868: name, romanised initial, first day. An era's last day is the
# day before the next one starts.
ERAS = (
    ("明治", "M", dt.date(1868, 10, 23)),
    ("大正", "T", dt.date(1912, 7, 30)),
    ("昭和", "S", dt.date(1926, 12, 25)),
    ("平成", "H", dt.date(1989, 1, 8)),
    ("令和", "R", dt.date(2019, 5, 1)),
)
_ERA_BY_NAME = {name: (name, start) for name, _, start in ERAS}
_ERA_BY_NAME.update({initial: (name, start) for name, initial, start in ERAS})


def _era_end(name: str) -> dt.date | None:
    names = [e[0] for e in ERAS]
    i = names.index(name)
    if i + 1 < len(ERAS):
        return ERAS[i + 1][2] - dt.timedelta(days=1)
    return None


class ValueProblem(ValueError):
    """A cell that cannot be read. `key` names the message in i18n.STRINGS."""

    def __init__(self, key: str, **values: object):
        super().__init__(key)
        self.key = key
        self.values = values


def normalise(raw: object) -> str:
    """NFKC (full-width digits, letters and spaces become ASCII), trimmed."""
    if raw is None:
        return ""
    return unicodedata.normalize("NFKC", str(raw)).strip()


def clean_text(raw: object) -> str:
    """Text kept as written, except surrounding (full-width) spaces and line-end noise."""
    if raw is None:
        return ""
    text = str(raw).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip(" \t\n\u3000")


@dataclass(frozen=True)
class ParsedDate:
    value: dt.date | None
    precision: str  # day | month | year | fiscal_year | unknown
    fiscal_year: int | None = None

    @property
    def year(self) -> int | None:
        if self.value is not None:
            return self.value.year
        return self.fiscal_year


_SEP = r"\s*[-/.年]\s*"
_WESTERN = re.compile(
    r"^(?P<y>\d{4})(?:" + _SEP + r"(?P<m>\d{1,2})(?:" + _SEP.replace("年", "月")
    + r"(?P<d>\d{1,2})\s*日?)?\s*月?)?\s*年?$")
_ERA = re.compile(
    r"^(?P<era>明治|大正|昭和|平成|令和|[MTSHR])\s*(?P<y>\d{1,2}|元)(?:\s*[-/.年]\s*"
    r"(?P<m>\d{1,2})(?:\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?)?\s*月?)?\s*年?$", re.IGNORECASE)
_FISCAL = re.compile(r"^(?:(?P<era>明治|大正|昭和|平成|令和|[MTSHR])\s*(?P<ey>\d{1,2}|元)|"
                     r"(?P<y>\d{4}))\s*年度$|^FY\s*(?P<fy>\d{4})$", re.IGNORECASE)
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(:\d{2})?$")


def _make_date(raw: str, year: int, month: int | None, day: int | None) -> ParsedDate:
    try:
        if day is not None:
            return ParsedDate(dt.date(year, month, day), "day")
        if month is not None:
            return ParsedDate(dt.date(year, month, 1), "month")
        return ParsedDate(dt.date(year, 1, 1), "year")
    except ValueError:
        raise ValueProblem("imp.err.date_impossible", value=raw) from None


def _era_year(era: str, year_text: str, raw: str) -> tuple[str, dt.date, int]:
    name, start = _ERA_BY_NAME[era.upper() if len(era) == 1 else era]
    number = 1 if year_text == "元" else int(year_text)
    if number < 1:
        raise ValueProblem("imp.err.date_impossible", value=raw)
    return name, start, start.year + number - 1


def parse_date(raw: object) -> ParsedDate:
    """A date as written; blank gives value None with precision 'unknown'."""
    text = normalise(raw)
    if text == "":
        return ParsedDate(None, "unknown")
    match = _DATETIME.match(text)
    if match:  # a spreadsheet date cell with a midnight time
        text = match.group(1)
    fiscal = _FISCAL.match(text)
    if fiscal:
        if fiscal.group("fy"):
            year = int(fiscal.group("fy"))
        elif fiscal.group("y"):
            year = int(fiscal.group("y"))
        else:
            _, _, year = _era_year(fiscal.group("era"), fiscal.group("ey"), text)
        return ParsedDate(None, "fiscal_year", year)
    western = _WESTERN.match(text)
    if western:
        month = int(western.group("m")) if western.group("m") else None
        day = int(western.group("d")) if western.group("d") else None
        return _make_date(str(raw), int(western.group("y")), month, day)
    era = _ERA.match(text)
    if era:
        name, start, year = _era_year(era.group("era"), era.group("y"), text)
        month = int(era.group("m")) if era.group("m") else None
        day = int(era.group("d")) if era.group("d") else None
        parsed = _make_date(str(raw), year, month, day)
        end = _era_end(name)
        # The written period must overlap the era: 平成31年4月 exists, 平成31年5月 does not.
        first = parsed.value
        last = {"day": first, "month": _month_end(first),
                "year": dt.date(year, 12, 31)}[parsed.precision]
        if last < start:
            raise ValueProblem("imp.err.era_before", value=str(raw), era=name,
                               start=start.isoformat())
        if end is not None and first > end:
            raise ValueProblem("imp.err.era_after", value=str(raw), era=name,
                               end=end.isoformat())
        return parsed
    raise ValueProblem("imp.err.date_form", value=str(raw))


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def fiscal_year_of(day: dt.date) -> int:
    """Japanese fiscal year: April to March."""
    return day.year if day.month >= 4 else day.year - 1


_COUNTERS = ("名", "人", "件", "社", "者", "団体", "機関", "回", "円")
_INT = re.compile(r"^-?\d+$")


def parse_int(raw: object) -> int | None:
    text = normalise(raw).replace(",", "").replace("，", "")
    if text == "":
        return None
    for counter in _COUNTERS:
        if text.endswith(counter):
            text = text[: -len(counter)].strip()
            break
    if re.fullmatch(r"-?\d+\.0+", text):  # spreadsheets store whole numbers as floats
        text = text.split(".")[0]
    if not _INT.match(text):
        raise ValueProblem("imp.err.int", value=str(raw))
    return int(text)


def parse_float(raw: object) -> float | None:
    text = normalise(raw).replace(",", "")
    if text == "":
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueProblem("imp.err.number", value=str(raw)) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueProblem("imp.err.number", value=str(raw))
    return value


def is_number(raw: object) -> bool:
    try:
        return parse_float(raw) is not None
    except ValueProblem:
        return False


_TRUE = {"true", "yes", "y", "1", "はい", "○", "〇", "◯", "有", "あり", "済", "機密", "秘"}
_FALSE = {"false", "no", "n", "0", "いいえ", "×", "✕", "無", "なし", "-", "公開"}


def parse_bool(raw: object) -> bool | None:
    text = normalise(raw).lower()
    if text == "":
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueProblem("imp.err.bool", value=str(raw))


def name_key(name: object) -> str:
    """How names are compared: NFKC, case-folded, without spaces or middle dots."""
    text = normalise(name).casefold()
    return re.sub(r"[\s・･]", "", text)
