-- Program regions in the filtered region and fields, with their fields listed.
with fields as (
    select region_id, string_agg(field_id, ', ' order by seq) as field_ids
    from region_fields group by region_id
),
final as (
    select r.*, f.field_ids
    from regions_filtered($pref_code, $region_id, $fields) r
    left join fields f using (region_id)
    order by r.program_id, r.seq
)
select * from final
