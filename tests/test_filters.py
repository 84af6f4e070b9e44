"""The global filters' URL form: parsed, validated, written back."""

from sangaku.filters import FilterOptions, Filters, parse_query_params, to_query_params

OPTIONS = FilterOptions(
    prefectures={"13": ("東京都", "Tokyo"), "01": ("北海道", "Hokkaido")},
    regions={"sapporo": ("札幌", "Sapporo"), "tama": ("TAMA", "TAMA")},
    fields={"it": ("情報通信", "IT"), "nanotech": ("ナノテクノロジー", "Nanotechnology")},
    year_min=1984, year_max=2025,
)


def test_valid_parameters_restore_the_view():
    parsed = parse_query_params({"lang": "en", "region": "sapporo", "field": "it,nanotech",
                                 "from": "2000", "to": "2010"}, OPTIONS)
    assert parsed.invalid == []
    assert parsed.lang == "en"
    assert parsed.filters == Filters("sapporo", ("it", "nanotech"), 2000, 2010)


def test_round_trip():
    filters = Filters("13", ("it",), 1990, None)
    assert parse_query_params(to_query_params(filters, "en"), OPTIONS).filters == filters
    assert to_query_params(Filters(), "ja") == {}


def test_invalid_parameters_are_dropped_and_reported():
    parsed = parse_query_params({"lang": "fr", "region": "atlantis", "field": "it,magic",
                                 "from": "1700", "to": "abc"}, OPTIONS)
    assert parsed.lang == "ja"
    assert parsed.filters == Filters(None, ("it",), None, None)
    assert set(parsed.invalid) == {("lang", "fr"), ("region", "atlantis"), ("field", "magic"),
                                   ("from", "1700"), ("to", "abc")}


def test_sql_text_in_a_parameter_is_just_an_invalid_value():
    parsed = parse_query_params({"region": "13' or 1=1 --"}, OPTIONS)
    assert parsed.filters.region is None
    assert parsed.invalid == [("region", "13' or 1=1 --")]


def test_reversed_period_drops_the_start():
    parsed = parse_query_params({"from": "2010", "to": "2000"}, OPTIONS)
    assert parsed.filters.year_from is None and parsed.filters.year_to == 2000
    assert ("from", "2010") in parsed.invalid


def test_query_params_distinguish_prefecture_and_region():
    assert Filters(region="13").query_params()["pref_code"] == "13"
    assert Filters(region="13").query_params()["region_id"] is None
    assert Filters(region="tama").query_params()["region_id"] == "tama"
    assert Filters().query_params()["fields"] is None
