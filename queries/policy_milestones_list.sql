-- Policy milestones (laws, plans, programs) in the filtered period, with a label of
-- the document each comes from.
with final as (
    select m.milestone_id, m.topic_key, m.year, m.is_fiscal_year, m.month, m.title_en,
           m.title_ja, m.kind, m.program_id, m.status_note, m.note, m.source_id,
           s.publisher as source_publisher, s.publisher_en as source_publisher_en
    from policy_milestones m join sources s using (source_id)
    where ($date_from is null or make_date(m.year, 12, 31) >= $date_from)
      and ($date_to is null or make_date(m.year, 1, 1) <= $date_to)
    order by m.year, m.month nulls first, m.milestone_id
)
select * from final
