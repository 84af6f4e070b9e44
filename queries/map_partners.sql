-- Partner institutions of the agreements in the filtered region and period, grouped by
-- the point they are drawn at (institutions without a known location are left out).
with partners as (
    select distinct a.org_id, a.org_name_ja, a.org_name_en, a.org_type
    from agreements_filtered($pref_code, $region_id, $date_from, $date_to) a
),
located as (
    select p.*, l.lat, l.lon, l.coordinate_basis
    from partners p join organization_locations l using (org_id)
    where l.lat is not null
),
final as (
    select round(lat, 4) as lat, round(lon, 4) as lon, count(*) as institutions,
           list(org_id order by org_name_ja) as org_ids,
           list(org_name_ja order by org_name_ja) as names_ja,
           list(coalesce(org_name_en, org_name_ja) order by org_name_ja) as names_en,
           list(org_type order by org_name_ja) as org_types
    from located
    group by all
    order by institutions desc, lat, lon
)
select * from final
