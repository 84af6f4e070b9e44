-- One institution: names, type, location (resolved coordinates), area, aliases.
with aliases as (
    select org_id, string_agg(alias, ' / ' order by alias) as aliases
    from org_aliases where org_id = $org_id group by org_id
),
final as (
    select o.*, l.lat as resolved_lat, l.lon as resolved_lon, l.coordinate_basis,
           ar.tokyo_area as resolved_area, m.name_ja as municipality_name_ja,
           p.name_ja as pref_name_ja, p.name_en as pref_name_en, a.aliases
    from organizations o
    join organization_locations l using (org_id)
    join organization_areas ar using (org_id)
    left join municipalities m on m.municipality_code = o.municipality_code
    left join prefectures p on p.pref_code = l.pref_code
    left join aliases a using (org_id)
    where o.org_id = $org_id
)
select * from final
