-- Headline figures of the Overview page, each following the global filters it can.
-- One row per figure: its key, value and the sources the counted rows cite.
with regions_in as (
    select r.*
    from regions r
    where ($pref_code is null or r.region_id in
              (select region_id from region_prefecture_codes where pref_code = $pref_code))
      and ($region_id is null or r.region_id = $region_id or r.greater_cluster_id = $region_id)
      and ($fields is null or r.region_id in
              (select region_id from region_field_ids where list_contains($fields, field_id)))
),
orgs_in as (
    select o.org_id
    from organizations o
    join organization_locations l using (org_id)
    where ($pref_code is null or l.pref_code = $pref_code)
      and ($region_id is null or o.municipality_code in
              (select municipality_code from region_areas where region_id = $region_id))
),
agreements_in as (
    select a.*
    from agreements a
    where a.org_id in (select org_id from orgs_in)
      and ($date_from is null or a.signed_on >= $date_from)
      and ($date_to is null or a.signed_on <= $date_to)
),
events_in as (
    select e.*
    from events e
    left join municipalities m on m.municipality_code = e.municipality_code
    where ($pref_code is null or m.pref_code = $pref_code)
      and ($region_id is null or e.municipality_code in
              (select municipality_code from region_areas where region_id = $region_id))
      and ($date_from is null or e.start_date >= $date_from)
      and ($date_to is null or e.start_date <= $date_to)
),
activities_in as (
    select c.*
    from collaborations c
    where c.org_id in (select org_id from orgs_in)
      and ($date_from is null or c.start_month >= $date_from)
      and ($date_to is null or c.start_month <= $date_to)
),
programs_in as (
    select p.*
    from programs p
    where ($pref_code is null and $region_id is null and $fields is null)
       or p.program_id in (select program_id from regions_in)
),
final as (
    select 'programs' as metric, count(*) as value, coalesce(list(distinct source_id), []) as source_ids,
           1 as position
    from programs_in
    union all
    select 'regions', count(*), coalesce(list(distinct source_id), []), 2
    from regions_in where kind <> 'greater_cluster'
    union all
    select 'partners', count(distinct org_id), coalesce(list(distinct source_id), []), 3 from agreements_in
    union all
    select 'agreements', count(*), coalesce(list(distinct source_id), []), 4 from agreements_in
    union all
    select 'events', count(*), coalesce(list(distinct source_id), []), 5 from events_in
    union all
    select 'activities', count(*), coalesce(list(distinct source_id), []), 6 from activities_in
)
select * from final order by position
