-- Organisations located in the filtered region, with their resolved coordinates.
with final as (
    select o.*, l.lat as resolved_lat, l.lon as resolved_lon, l.coordinate_basis
    from organizations o
    join organization_locations l using (org_id)
    where ($pref_code is null or l.pref_code = $pref_code)
      and ($region_id is null or o.municipality_code in
              (select municipality_code from region_areas where region_id = $region_id))
    order by o.org_type, o.org_id
)
select * from final
