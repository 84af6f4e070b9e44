-- Partner institutions (with at least one agreement) located inside one region.
select distinct o.org_id, o.name_ja, o.name_en, o.org_type, m.name_ja as municipality_ja
from agreements a
join organizations o on o.org_id = a.org_id
left join municipalities m on m.municipality_code = o.municipality_code
where a.org_id in (select org_id from orgs_in_area(null, $region_id))
order by o.name_ja
