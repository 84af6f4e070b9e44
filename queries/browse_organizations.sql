-- Organisations located in the filtered region, with their resolved coordinates.
with final as (
    select o.*, l.lat as resolved_lat, l.lon as resolved_lon, l.coordinate_basis
    from organizations o
    join organization_locations l using (org_id)
    where o.org_id in (select org_id from orgs_in_area($pref_code, $region_id))
    order by o.org_type, o.org_id
)
select * from final
