-- Agreement documents signed per calendar year by partner type, and the running number
-- of distinct partner institutions (each counted in the year of its first document).
-- Follows the same filters as agreements_list; undated documents are left out.
with base as (
    select * from agreements_filtered($pref_code, $region_id, $date_from, $date_to)
    where signed_on is not null
      and ($org_types is null or list_contains($org_types, org_type))
      and ($document_kinds is null or list_contains($document_kinds, document_kind))
      and ($areas is null or list_contains($areas, coalesce(tokyo_area, 'unassigned')))
),
per_type as (
    select year(signed_on) as year, org_type, count(*) as documents
    from base group by all
),
first_year as (
    select org_id, min(year(signed_on)) as year from base group by org_id
),
years as (
    select distinct year from per_type
),
cumulative as (
    select y.year, (select count(*) from first_year f where f.year <= y.year) as partners
    from years y
),
final as (
    select p.year, p.org_type, p.documents, c.partners as partners_cumulative,
           (select list(distinct source_id) from base) as source_ids
    from per_type p join cumulative c using (year)
    order by p.year, p.org_type
)
select * from final
