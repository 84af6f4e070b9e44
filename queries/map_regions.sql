-- Program regions on the map, following the region and field filters: names, program,
-- fields in printed order (ids and colours), annual budget and duration.
with fields as (
    select rf.region_id,
           list(rf.field_id order by rf.seq) as field_ids,
           list(f.color order by rf.seq) as field_colors,
           list(f.name_ja order by rf.seq) as field_names_ja,
           list(f.name_en order by rf.seq) as field_names_en
    from region_field_ids rf0
    join region_fields rf on rf.region_id = rf0.region_id and rf.field_id = rf0.field_id
    join tech_fields f on f.field_id = rf.field_id
    group by rf.region_id
),
final as (
    select r.region_id, r.kind, r.program_id, r.name_ja, r.name_en, r.greater_cluster_id,
           p.short_name as program, p.name_ja as program_name_ja,
           p.name_en as program_name_en, p.annual_budget_jpy, p.budget_is_approximate,
           p.duration_years, p.duration_is_maximum, p.started_fy,
           coalesce(f.field_ids, []) as field_ids, coalesce(f.field_colors, []) as field_colors,
           coalesce(f.field_names_ja, []) as field_names_ja,
           coalesce(f.field_names_en, []) as field_names_en, r.note, r.source_id
    from regions_filtered($pref_code, $region_id, $fields) r
    join programs p using (program_id)
    left join fields f using (region_id)
    order by r.program_id, r.seq
)
select * from final
