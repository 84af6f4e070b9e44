-- Program regions in the filtered region and fields, with their fields listed.
with fields as (
    select region_id, string_agg(field_id, ', ' order by seq) as field_ids
    from region_fields group by region_id
),
final as (
    select r.*, f.field_ids
    from regions r
    left join fields f using (region_id)
    where ($pref_code is null or r.region_id in
              (select region_id from region_prefecture_codes where pref_code = $pref_code))
      and ($region_id is null or r.region_id = $region_id or r.greater_cluster_id = $region_id)
      and ($fields is null or r.region_id in
              (select region_id from region_field_ids where list_contains($fields, field_id)))
    order by r.program_id, r.seq
)
select * from final
