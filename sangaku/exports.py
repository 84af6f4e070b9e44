"""Table downloads: CSV that Excel on Japanese Windows reads, and .xlsx."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v)
    return out


def flatten_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """List cells (a region's fields, a row's sources) as text joined by " / ": a
    spreadsheet cell holds one value."""
    def joined(value):
        if isinstance(value, (list, tuple, np.ndarray)):
            return " / ".join(str(x) for x in value)
        return value

    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(
                lambda v: isinstance(v, (list, tuple, np.ndarray))).any():
            out[col] = out[col].map(joined)
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark: without it Excel on Japanese Windows reads Shift_JIS."""
    return neutralise_formulas(flatten_lists(frame)).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    buffer = io.BytesIO()
    safe = neutralise_formulas(flatten_lists(frame))
    for col in safe.columns:  # Excel has no time zones
        if isinstance(safe[col].dtype, pd.DatetimeTZDtype):
            safe[col] = safe[col].dt.tz_localize(None)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet_name[:31])
    return buffer.getvalue()
