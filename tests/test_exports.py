"""Downloads open correctly in Excel and cannot smuggle formulas."""

import io

import openpyxl
import pandas as pd

from sangaku.exports import to_csv_bytes, to_xlsx_bytes

FRAME = pd.DataFrame({"name": ["東京都立大学", "=HYPERLINK(\"x\")", "@SUM(A1)", "-1+2"],
                      "n": [1, 2, 3, -4]})


def test_csv_is_utf8_with_bom_and_japanese_survives():
    data = to_csv_bytes(FRAME)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back.name[0] == "東京都立大学"


def test_formulas_are_neutralised_but_numbers_are_not():
    back = pd.read_csv(io.BytesIO(to_csv_bytes(FRAME)), encoding="utf-8-sig")
    assert back.name[1] == "'=HYPERLINK(\"x\")"
    assert back.name[2] == "'@SUM(A1)"
    assert back.name[3] == "'-1+2"
    assert list(back.n) == [1, 2, 3, -4]


def test_xlsx_opens_with_the_same_rows():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(FRAME, "agreements")))
    sheet = book["agreements"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("name", "n")
    assert rows[1] == ("東京都立大学", 1)
    assert rows[2][0].startswith("'=")
