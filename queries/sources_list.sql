-- The sources, documents first, with the number of rows citing each.
with citing as (
    select source_id, count(*) as n from (
        select source_id from organizations union all select source_id from agreements
        union all select source_id from events union all select source_id from regions
        union all select source_id from programs union all select source_id from indicators
        union all select source_id from policy_milestones
        union all select source_id from collaborations
        union all select source_id from document_list_items
        union all select source_id from research_groups
        union all select source_id from presentations
        union all select source_id from collaboration_cases
        union all select source_id from program_budgets
        union all select source_id from network_members
    ) group by source_id
),
final as (
    select s.*, coalesce(c.n, 0) as rows_citing
    from sources s left join citing c using (source_id)
    order by case s.kind when 'document' then 1 when 'reference' then 2 else 3 end,
             s.seed_file, s.source_id
)
select * from final
