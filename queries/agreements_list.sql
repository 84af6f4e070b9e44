-- Every agreement document with a partner in the filtered region, signed in the filtered
-- period, narrowed by the page's own filters (institution types, document kinds, areas;
-- NULL = all). Undated documents drop out when a period is set.
with base as (
    select * from agreements_filtered($pref_code, $region_id, $date_from, $date_to)
),
final as (
    select
        agreement_id, org_id, org_name_ja, org_name_en, org_type,
        coalesce(tokyo_area, 'unassigned') as tokyo_area, org_unit_ja, counterpart_org_id,
        counterpart_name_ja, counterpart_name_en, list_no, document_type_ja, document_kind,
        signed_on, date_precision, department_ja, is_department_level, note, source_id,
        is_sample
    from base
    where ($org_types is null or list_contains($org_types, org_type))
      and ($document_kinds is null or list_contains($document_kinds, document_kind))
      and ($areas is null or list_contains($areas, coalesce(tokyo_area, 'unassigned')))
    order by signed_on nulls last, list_no, agreement_id
)
select * from final
