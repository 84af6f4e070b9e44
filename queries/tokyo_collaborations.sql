-- Tokyo's wards and cities with the collaborations the research institute reports
-- with each (agreement documents and listed cooperation activities), by its areas.
with municipal_orgs as (
    select o.org_id, o.municipality_code, o.name_ja, o.tokyo_area
    from organizations o
    where o.org_type = 'municipality' and o.pref_code = '13' and o.municipality_code is not null
),
agreements_in as (
    select org_id, count(*) as agreements
    from agreements_filtered(null, null, $date_from, $date_to) group by org_id
),
activities_in as (
    select org_id, count(*) as activities
    from collaborations
    where ($date_from is null or start_month >= $date_from)
      and ($date_to is null or start_month <= $date_to)
    group by org_id
),
final as (
    select m.municipality_code, m.name_ja, m.kind,
           coalesce(o.tokyo_area, case when m.municipality_code between '13201' and '13308'
                                       then '多摩' end) as tokyo_area,
           o.org_id, coalesce(a.agreements, 0) as agreements,
           coalesce(c.activities, 0) as activities,
           coalesce(a.agreements, 0) + coalesce(c.activities, 0) as collaborations
    from municipalities m
    left join municipal_orgs o using (municipality_code)
    left join agreements_in a on a.org_id = o.org_id
    left join activities_in c on c.org_id = o.org_id
    where m.pref_code = '13' and m.kind in ('special_ward', 'city', 'town', 'village')
      and m.municipality_code < '13360'
    order by m.municipality_code
)
select * from final
