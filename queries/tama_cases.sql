-- The Tama collaboration cases with their partners, in the filtered period (undated
-- cases drop out when a period is set).
with partners as (
    select c.case_id, string_agg(o.name_ja, ' × ' order by o.name_ja) as partners_ja,
           string_agg(coalesce(o.name_en, o.name_ja), ' × ' order by o.name_ja) as partners_en
    from case_organizations c join organizations o using (org_id)
    group by c.case_id
),
final as (
    select c.case_id, c.seq, c.title_ja, c.title_en, c.case_date, c.date_precision,
           c.summary_ja, c.summary_en, c.url, c.reference_url, p.partners_ja, p.partners_en,
           c.note, c.source_id, c.is_sample
    from collaboration_cases c left join partners p using (case_id)
    where ($date_from is null or c.case_date >= $date_from)
      and ($date_to is null or c.case_date <= $date_to)
    order by c.seq
)
select * from final
