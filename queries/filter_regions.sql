-- Program regions offered by the global region filter, in document order.
with final as (
    select r.region_id, r.name_ja, r.name_en, r.kind, p.short_name as program
    from regions r
    join programs p using (program_id)
    order by case r.kind when 'cluster_region' then 1 when 'greater_cluster' then 2
                         when 'trial_region' then 3 when 'city_area' then 4 else 5 end,
             r.seq
)
select * from final
