-- Headline figures of the Overview page, each following the global filters it can.
-- One row per figure: its key, value and the sources the counted rows cite.
with regions_in as (
    select * from regions_filtered($pref_code, $region_id, $fields)
),
agreements_in as (
    select * from agreements_filtered($pref_code, $region_id, $date_from, $date_to)
),
events_in as (
    select * from events_filtered($pref_code, $region_id, $date_from, $date_to)
),
activities_in as (
    select c.*
    from collaborations c
    where c.org_id in (select org_id from orgs_in_area($pref_code, $region_id))
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
    select 'programs' as metric, count(*) as value,
           coalesce(list(distinct source_id), []) as source_ids, 1 as position
    from programs_in
    union all
    select 'regions', count(*), coalesce(list(distinct source_id), []), 2
    from regions_in where kind <> 'greater_cluster'
    union all
    select 'partners', count(distinct org_id), coalesce(list(distinct source_id), []), 3
    from agreements_in
    union all
    select 'agreements', count(*), coalesce(list(distinct source_id), []), 4
    from agreements_in
    union all
    select 'events', count(*), coalesce(list(distinct source_id), []), 5 from events_in
    union all
    select 'activities', count(*), coalesce(list(distinct source_id), []), 6
    from activities_in
)
select * from final order by position
