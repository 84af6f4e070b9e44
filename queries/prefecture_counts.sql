-- Per prefecture: program regions, partner institutions and agreements, following the
-- global filters (a region counts in every prefecture it spans).
with regions_in as (
    select rp.pref_code, count(distinct r.region_id) as regions
    from regions_filtered($pref_code, $region_id, $fields) r
    join region_prefectures rp using (region_id)
    where r.kind <> 'greater_cluster'
    group by rp.pref_code
),
agreements_in as (
    select l.pref_code, count(distinct a.org_id) as partners, count(*) as agreements
    from agreements_filtered($pref_code, $region_id, $date_from, $date_to) a
    join organization_locations l on l.org_id = a.org_id
    group by l.pref_code
),
final as (
    select p.pref_code, p.name_ja, p.name_en, coalesce(r.regions, 0) as regions,
           coalesce(a.partners, 0) as partners, coalesce(a.agreements, 0) as agreements
    from prefectures p
    left join regions_in r using (pref_code)
    left join agreements_in a using (pref_code)
    order by p.pref_code
)
select * from final
