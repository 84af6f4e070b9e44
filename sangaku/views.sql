-- Derived views, created by the build after every table is loaded. Queries use them so
-- that "inside a region" means the same thing on every page.

-- Every municipality code inside each region: its member municipalities, the wards of
-- member designated cities, and for a greater cluster the members of its regions.
CREATE VIEW region_areas AS
WITH direct AS (
    SELECT region_id, municipality_code FROM region_municipalities
),
with_wards AS (
    SELECT region_id, municipality_code FROM direct
    UNION
    SELECT d.region_id, m.municipality_code
    FROM direct d JOIN municipalities m ON m.parent_code = d.municipality_code
),
greater AS (
    SELECT r.greater_cluster_id AS region_id, w.municipality_code
    FROM regions r JOIN with_wards w ON w.region_id = r.region_id
    WHERE r.greater_cluster_id IS NOT NULL
),
final AS (
    SELECT * FROM with_wards
    UNION
    SELECT * FROM greater
)
SELECT * FROM final;

-- Prefectures of each region, greater clusters taking those of their members.
CREATE VIEW region_prefecture_codes AS
SELECT region_id, pref_code FROM region_prefectures
UNION
SELECT r.greater_cluster_id AS region_id, rp.pref_code
FROM regions r JOIN region_prefectures rp ON rp.region_id = r.region_id
WHERE r.greater_cluster_id IS NOT NULL;

-- Technology fields of each region, greater clusters taking those of their members.
CREATE VIEW region_field_ids AS
SELECT region_id, field_id FROM region_fields
UNION
SELECT r.greater_cluster_id AS region_id, rf.field_id
FROM regions r JOIN region_fields rf ON rf.region_id = r.region_id
WHERE r.greater_cluster_id IS NOT NULL;

-- Organisations with their location resolved: their own coordinates where given,
-- otherwise the representative point of their municipality.
CREATE VIEW organization_locations AS
SELECT
    o.org_id,
    coalesce(o.pref_code, m.pref_code) AS pref_code,
    o.municipality_code,
    coalesce(o.lat, m.lat) AS lat,
    coalesce(o.lon, m.lon) AS lon,
    CASE WHEN o.lat IS NOT NULL THEN 'own' WHEN m.lat IS NOT NULL THEN 'municipality'
         ELSE NULL END AS coordinate_basis
FROM organizations o
LEFT JOIN municipalities m ON m.municipality_code = o.municipality_code;
