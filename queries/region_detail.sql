-- Everything about one region: program, fields, budget, duration, note and source.
select r.region_id, r.kind, r.name_ja, r.name_en, r.name_as_printed, r.note,
       r.source_id, r.greater_cluster_id, g.name_ja as greater_name_ja,
       g.name_en as greater_name_en, p.short_name as program, p.name_ja as program_name_ja,
       p.name_en as program_name_en, p.annual_budget_jpy, p.budget_is_approximate,
       p.duration_years, p.duration_is_maximum, p.started_fy,
       (select list(f.name_ja order by rf.seq) from region_fields rf
            join tech_fields f using (field_id) where rf.region_id = r.region_id)
           as field_names_ja,
       (select list(f.name_en order by rf.seq) from region_fields rf
            join tech_fields f using (field_id) where rf.region_id = r.region_id)
           as field_names_en
from regions r
join programs p using (program_id)
left join regions g on g.region_id = r.greater_cluster_id
where r.region_id = $region_id
