"""Facts of the five documents, read back from the built database. Each assertion is a
figure a reader can check against the document it cites."""

from __future__ import annotations

import datetime as dt

import pytest


def one(con, sql, *params):
    return con.execute(sql, list(params)).fetchone()


def test_every_agreement_of_the_research_institute(con):
    # 65 numbered institutions; six of them with two documents; four department-level.
    assert one(con, """select count(*), count(distinct list_no), count(distinct org_id)
                       from agreements where counterpart_org_id = 'tiri'
                       and not is_department_level""") == (71, 65, 65)
    twice = [r[0] for r in con.execute(
        """select list_no from agreements where counterpart_org_id = 'tiri'
           and not is_department_level group by 1 having count(*) = 2 order by 1""").fetchall()]
    assert twice == [1, 2, 6, 9, 54, 64]
    dept = con.execute("""select org_unit_ja, department_ja, signed_on from agreements
                          where is_department_level order by signed_on""").fetchall()
    assert dept == [("大森支店", "城南支所", dt.date(2013, 10, 1)),
                    ("立川支店", "多摩テクノプラザ", dt.date(2013, 10, 30)),
                    ("千住支店", "城東支所", dt.date(2013, 12, 18)),
                    ("江東支店", "墨田支所", dt.date(2014, 1, 17))]


def test_first_last_and_undated_agreements(con):
    first = one(con, "select org_id, document_type_ja, signed_on from agreements "
                     "where counterpart_org_id='tiri' order by signed_on limit 1")
    assert first == ("tokyo_kosha", "協定書", dt.date(2006, 4, 1))
    assert one(con, "select signed_on from agreements where list_no = 65") == (dt.date(2021, 3, 4),)
    # 大田区's memorandum has no date in the report: kept, undated, with a note.
    undated = con.execute("select org_id, date_precision, note is not null from agreements "
                          "where signed_on is null").fetchall()
    assert undated == [("ota_city", "unknown", True)]


@pytest.mark.parametrize("alias, org_id", [
    ("首都大学東京", "tmu"),          # renamed 東京都立大学 in 2020
    ("産業技術大学院大学", "aiit"),    # renamed 東京都立産業技術大学院大学
    ("明星学苑明星大学", "meisei_university"),
    ("Tokyo Metropolitan University", "tmu"),
    ("TAMA Industrial Activation Association", "tama_association"),
])
def test_former_names_and_aliases_resolve_to_one_institution(con, alias, org_id):
    assert one(con, "select org_id from org_aliases where alias = ?", alias) == (org_id,)


def test_cluster_and_city_area_regions(con):
    kinds = dict(con.execute("select kind, count(*) from regions group by 1").fetchall())
    assert kinds == {"cluster_region": 15, "trial_region": 3, "city_area": 19,
                     "greater_cluster": 2, "initiative_region": 1}
    assert one(con, "select units_stated, regions_stated, annual_budget_jpy, duration_years "
                    "from programs where program_id = 'cluster'") == (13, 15, 500_000_000, 5)
    assert one(con, "select annual_budget_jpy, duration_years, duration_is_maximum "
                    "from programs where program_id = 'cluster_trial'") == (100_000_000, 3, True)
    two_fields = con.execute("""select r.name_en from regions r join region_fields f
        using (region_id) group by 1 having count(*) = 2 order by 1""").fetchall()
    assert [r[0] for r in two_fields] == ["Hamamatsu", "Kasumigaura", "Keihanna",
                                          "Osaka, Izumi"]


def test_every_region_has_member_municipalities_in_its_prefectures(con):
    assert one(con, """select count(*) from regions r where kind <> 'greater_cluster'
                       and not exists (select 1 from region_municipalities m
                                       where m.region_id = r.region_id)""") == (0,)
    stray = con.execute("""select rm.region_id, m.municipality_code from region_municipalities rm
        join municipalities m using (municipality_code)
        where m.pref_code not in (select pref_code from region_prefectures rp
                                  where rp.region_id = rm.region_id)""").fetchall()
    assert stray == []


def test_budgets_and_the_ambiguous_total(con):
    totals = dict(con.execute("select fiscal_year, amount_jpy from program_budgets "
                              "where scope = 'program_total'").fetchall())
    assert totals == {2002: 2_500_000_000, 2003: 3_100_000_000}
    assert one(con, "select count(*) from program_budgets where scope = 'program_total' "
                    "and note is null") == (0,)


def test_national_indicators(con):
    value = lambda series, label: one(
        con, "select value from indicators where series_id = ? and period_label like ?",
        series, label)[0]
    assert value("tlo_approved", "%April 2003%") == 32
    assert value("tlo_patent_applications", "%December 2002%") == 2361
    assert value("joint_research", "FY1991") == 1139
    assert value("joint_research", "FY2001") == 5264
    assert [r[0] for r in con.execute(
        "select value from indicators where series_id = 'university_ventures' "
        "order by as_of").fetchall()] == [127, 251, 424]
    abroad = dict(con.execute("select geography, value from indicators "
                              "where series_id = 'university_ventures_abroad'").fetchall())
    assert abroad == {"US": 368, "GB": 46}


def test_the_garbled_centres_figure_is_stored_as_printed_with_a_note(con):
    rows = con.execute("select period_label, value, note from indicators "
                       "where series_id like 'coop_research_centers%' order by 1").fetchall()
    assert {r[1] for r in rows} == {23, 62, 4.7}
    assert all(r[2] and "2.7" in r[2] for r in rows)


def test_tama_membership(con):
    rows = con.execute("""select series_id, value from indicators
        where series_id like 'tama_initiative%' order by series_id, as_of""").fetchall()
    assert rows == [("tama_initiative_company_members", 190), ("tama_initiative_company_members", 273),
                    ("tama_initiative_members", 328), ("tama_initiative_members", 453)]


def test_events_of_the_research_institute(con):
    assert one(con, "select count(*) from events where role = 'hosted' "
                    "and section = '4.1.1(1)'") == (6,)
    expo = one(con, "select start_date, end_date, exhibitors, registrants, mode from events "
                    "where event_id = 'tiri_ev_web_expo_2021'")
    assert expo == (dt.date(2021, 1, 20), dt.date(2021, 2, 19), 61, 825, "online")
    # The national council's attendance list has 20 meetings.
    assert one(con, "select count(*) from events where section = '4.2.7(1)' "
                    "and role = 'attended'") == (20,)
    # Fiscal year 2020: January–March dates fall in 2021.
    assert one(con, "select count(*) from events where fiscal_year = 2020 and start_date "
                    "not between '2020-04-01' and '2021-03-31'") == (0,)


def test_research_groups_and_presentations(con):
    groups = con.execute("select name_ja, participants, institute_participants, meetings "
                         "from research_groups order by list_no").fetchall()
    assert len(groups) == 7
    assert groups[-1] == ("TIRI 情報セキュリティ研究会", 151, 18, 9)
    contexts = dict(con.execute("select context, count(*) from presentations "
                                "group by 1").fetchall())
    assert contexts == {"capital_region_institutes": 4, "national_council": 10}


def test_capital_region_network(con):
    roles = dict(con.execute("select role, count(*) from network_members "
                             "where network_id = 'tiri_nw_tkf' group by 1").fetchall())
    assert roles == {"member": 5, "observer": 10}


def test_collaboration_areas_of_tokyo(con):
    areas = {r[0] for r in con.execute("select distinct tokyo_area from collaborations "
                                       "where partner_group = 'municipality'").fetchall()}
    assert areas == {"城東", "城南", "城北", "城西", "都心・副都心", "多摩"}
    assert one(con, "select count from collaborations c join organizations o using (org_id) "
                    "where o.name_ja = '板橋区' and text_ja like '連携技術相談%'") == (27,)


def test_tama_cases_and_liaison_functions(con):
    assert one(con, "select count(*) from collaboration_cases") == (5,)
    assert one(con, "select exhibitors, is_planned from events "
                    "where title_ja like '%たま未来連携EXPO 2025%'") == (41, True)
    functions = one(con, """select count(*) from document_list_items i
        join document_lists l using (list_id)
        where l.org_id in ('tmu', 'tmu_liaison_office') and i.parent_item_id is null
        and i.detail_en is not null""")[0]
    assert functions >= 6


def test_policy_milestones_from_both_documents(con):
    years = [r[0] for r in con.execute(
        "select distinct year from policy_milestones order by 1").fetchall()]
    assert years[0] == 1995 and 2003 in years
    tlo = con.execute("select source_id from policy_milestones where year = 1998 and "
                      "kind = 'law' order by 1").fetchall()
    assert [r[0] for r in tlo] == ["mext_cluster_overview", "rieti_tama_2002"]
