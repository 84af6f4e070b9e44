-- Member municipalities of one region (greater clusters: of their member regions),
-- with how each was delimited.
select rm.region_id, rm.municipality_code, m.name_ja, m.kind, rm.delimitation,
       rm.is_interpretation, rm.note, rm.source_id
from region_municipalities rm
join municipalities m using (municipality_code)
where rm.region_id = $region_id
   or rm.region_id in (select region_id from regions where greater_cluster_id = $region_id)
order by rm.region_id, rm.municipality_code
