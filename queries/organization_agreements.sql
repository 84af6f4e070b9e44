-- Every agreement document of one institution, whichever side it signed on.
with final as (
    select a.agreement_id, a.list_no, a.document_type_ja, a.document_kind, a.signed_on,
           a.date_precision, a.org_unit_ja, a.department_ja, a.is_department_level,
           case when a.org_id = $org_id then a.counterpart_org_id else a.org_id end
               as other_org_id,
           o.name_ja as other_name_ja, o.name_en as other_name_en, a.note, a.source_id
    from agreements a
    join organizations o
      on o.org_id = case when a.org_id = $org_id then a.counterpart_org_id else a.org_id end
    where a.org_id = $org_id or a.counterpart_org_id = $org_id
    order by a.signed_on nulls last, a.agreement_id
)
select * from final
