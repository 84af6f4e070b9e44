-- Cooperation activities with partners in the filtered region and period.
with final as (
    select c.*, o.name_ja as org_name_ja, o.name_en as org_name_en
    from collaborations c
    join organizations o using (org_id)
    where c.org_id in (select org_id from orgs_in_area($pref_code, $region_id))
      and ($date_from is null or c.start_month >= $date_from)
      and ($date_to is null or c.start_month <= $date_to)
    order by c.partner_group, c.tokyo_area, c.org_id, c.seq
)
select * from final
