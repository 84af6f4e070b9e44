-- Every note on an ambiguous, garbled or interpreted figure, with where it sits.
with notes as (
    select 'programs' as table_name, program_id as row_id, name_en as label, note, source_id from programs
    union all select 'program_budgets', budget_id, original_text, note, source_id from program_budgets
    union all select 'regions', region_id, name_en, note, source_id from regions
    union all select 'region_prefectures', region_id || ' / ' || pref_code, region_id, note, source_id from region_prefectures
    union all select 'region_municipalities', region_id || ' / ' || municipality_code, region_id, note, source_id from region_municipalities
    union all select 'organizations', org_id, name_ja, note, source_id from organizations
    union all select 'agreements', agreement_id, document_type_ja, note, source_id from agreements
    union all select 'events', event_id, title_ja, note, source_id from events
    union all select 'collaborations', activity_id, text_ja, note, source_id from collaborations
    union all select 'research_groups', group_id, name_ja, note, source_id from research_groups
    union all select 'presentations', presentation_id, title_ja, note, source_id from presentations
    union all select 'networks', network_id, name_ja, note, source_id from networks
    union all select 'network_members', network_id || ' / ' || org_id, org_id, note, source_id from network_members
    union all select 'indicators', indicator_id, original_text, note, source_id from indicators
    union all select 'policy_milestones', milestone_id, title_en, note, source_id from policy_milestones
    union all select 'document_list_items', item_id, coalesce(text_en, text_ja), note, source_id from document_list_items
    union all select 'collaboration_cases', case_id, title_ja, note, source_id from collaboration_cases
),
final as (
    select n.table_name, n.row_id, n.label, n.note, n.source_id, s.kind as source_kind
    from notes n join sources s using (source_id)
    where n.note is not null
    order by case s.kind when 'document' then 1 else 2 end, n.table_name, n.row_id
)
select * from final
