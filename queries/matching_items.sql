-- Seeds or needs (by $kind) in the matcher's input form, following the region and field
-- filters; confidential needs only when $confidential (signed-in staff, never in presenter
-- mode); sample rows only when asked.
with seeds_in as (
    select 'seed' as kind, s.seed_id as item_id, s.title_ja, s.title_en, s.summary_ja,
           s.summary_en, s.org_id, s.municipality_code, s.lat, s.lon, s.is_sample,
           false as is_confidential, s.source_id,
           (select list(field_id order by field_id) from seed_fields f
               where f.seed_id = s.seed_id) as field_ids
    from seeds s
    where $kind = 'seed'
),
needs_in as (
    select 'need', n.need_id, n.title_ja, n.title_en, n.summary_ja, n.summary_en, n.org_id,
           n.municipality_code, n.lat, n.lon, n.is_sample, n.is_confidential, n.source_id,
           (select list(field_id order by field_id) from need_fields f
               where f.need_id = n.need_id)
    from needs n
    where $kind = 'need' and (not n.is_confidential or $confidential)
),
items as (
    select * from seeds_in union all select * from needs_in
),
located as (
    select i.*, coalesce(i.lat, m.lat) as lat_resolved, coalesce(i.lon, m.lon) as lon_resolved,
           coalesce(m.pref_code, ol.pref_code) as pref_code,
           (select list(distinct a.region_id order by a.region_id) from region_areas a
               where a.municipality_code = i.municipality_code) as region_ids,
           o.name_ja as org_name_ja, o.name_en as org_name_en
    from items i
    left join municipalities m on m.municipality_code = i.municipality_code
    left join organizations o on o.org_id = i.org_id
    left join organization_locations ol on ol.org_id = i.org_id
),
final as (
    select item_id, kind, title_ja, title_en, summary_ja, summary_en,
           concat_ws(' ', title_ja, title_en, summary_ja, summary_en) as text,
           coalesce(field_ids, []) as field_ids,
           (select coalesce(list(f.name_ja order by f.sort_order), []) from tech_fields f
               where list_contains(field_ids, f.field_id)) as field_names_ja,
           (select coalesce(list(f.name_en order by f.sort_order), []) from tech_fields f
               where list_contains(field_ids, f.field_id)) as field_names_en,
           lat_resolved as lat, lon_resolved as lon,
           pref_code, coalesce(region_ids, []) as region_ids, org_id, org_name_ja,
           org_name_en, is_sample, is_confidential, source_id
    from located
    where ($include_samples or not is_sample)
      and ($pref_code is null or pref_code = $pref_code)
      and ($region_id is null or list_contains(region_ids, $region_id)
           or list_has_any(region_ids, (select list(region_id) from regions
                                        where greater_cluster_id = $region_id)))
      and ($fields is null or list_has_any(field_ids, $fields))
    order by is_sample, item_id
)
select * from final
