-- Dated events per month and role of the reporting institution, in the filtered region
-- and period, optionally of one source document (NULL = all).
with final as (
    select date_trunc('month', start_date)::date as month, role, count(*) as events,
           list(distinct source_id) as source_ids
    from events_filtered($pref_code, $region_id, $date_from, $date_to)
    where start_date is not null and ($source_id is null or source_id = $source_id)
    group by all
    order by month, role
)
select * from final
