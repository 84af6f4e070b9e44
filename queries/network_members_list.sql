-- Members and observers of the networks, with the year each joined where known.
with final as (
    select n.network_id, n.name_ja as network_name_ja, n.name_en as network_name_en,
           n.founded_fy, m.role, m.since_fy, o.org_id, o.name_ja, o.name_en, o.pref_code,
           m.note, m.source_id
    from network_members m
    join networks n using (network_id)
    join organizations o using (org_id)
    where $network_id is null or n.network_id = $network_id
    order by n.network_id, case m.role when 'member' then 1 when 'partner' then 2 else 3 end,
             m.since_fy nulls last, o.name_ja
)
select * from final
