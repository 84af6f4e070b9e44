-- The values the Agreements page's own filters offer, from the agreements themselves.
with base as (
    select o.org_type, coalesce(ar.tokyo_area, 'unassigned') as tokyo_area, a.document_kind
    from agreements a
    join organizations o using (org_id)
    join organization_areas ar using (org_id)
),
final as (
    select 'org_type' as facet, org_type as value, count(*) as n from base group by all
    union all select 'document_kind', document_kind, count(*) from base group by all
    union all select 'tokyo_area', tokyo_area, count(*) from base group by all
)
select * from final order by facet, n desc, value
