-- Agreements whose partner is in the filtered region and signed in the filtered period.
with final as (
    select a.*, o.name_ja as org_name_ja, o.name_en as org_name_en, o.org_type,
           c.name_ja as counterpart_name_ja, c.name_en as counterpart_name_en
    from agreements a
    join organizations o on o.org_id = a.org_id
    join organization_locations l on l.org_id = a.org_id
    join organizations c on c.org_id = a.counterpart_org_id
    where ($pref_code is null or l.pref_code = $pref_code)
      and ($region_id is null or o.municipality_code in
              (select municipality_code from region_areas where region_id = $region_id))
      and ($date_from is null or a.signed_on >= $date_from)
      and ($date_to is null or a.signed_on <= $date_to)
    order by a.counterpart_org_id, a.is_department_level, a.list_no, a.signed_on
)
select * from final
