-- Program regions per technology field and program, following the region and field
-- filters. A region with two fields counts under both.
with regions_in as (
    select region_id, program_id
    from regions_filtered($pref_code, $region_id, null)
    where kind <> 'greater_cluster'
),
final as (
    select f.field_id, f.name_ja, f.name_en, f.color, f.sort_order,
           p.short_name as program, count(*) as regions,
           list(distinct rf.source_id) as source_ids
    from regions_in r
    join region_fields rf using (region_id)
    join tech_fields f using (field_id)
    join programs p on p.program_id = r.program_id
    where $fields is null or list_contains($fields, rf.field_id)
    group by all
    order by f.sort_order, program
)
select * from final
