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

-- The research institute's area of Tokyo (城東, 城南, 城北, 城西, 都心・副都心, 多摩) for each
-- organisation: as stated for wards and cities, else that of the ward or city it is in;
-- every Tama municipality (codes 13201–13308) is 多摩. 'outside' for institutions outside
-- Tokyo, NULL for a Tokyo ward the report does not place.
CREATE VIEW organization_areas AS
WITH stated AS (
    SELECT municipality_code, min(tokyo_area) AS tokyo_area
    FROM organizations
    WHERE org_type = 'municipality' AND tokyo_area IS NOT NULL
    GROUP BY municipality_code
)
SELECT
    o.org_id,
    CASE
        WHEN o.tokyo_area IS NOT NULL THEN o.tokyo_area
        WHEN s.tokyo_area IS NOT NULL THEN s.tokyo_area
        WHEN o.municipality_code BETWEEN '13201' AND '13308' THEN '多摩'
        WHEN coalesce(o.pref_code, m.pref_code) = '13' THEN NULL
        WHEN coalesce(o.pref_code, m.pref_code) IS NULL AND o.country = 'JP' THEN NULL
        ELSE 'outside'
    END AS tokyo_area
FROM organizations o
LEFT JOIN stated s ON s.municipality_code = o.municipality_code
LEFT JOIN municipalities m ON m.municipality_code = o.municipality_code;

-- Table macros: the one definition of "inside the filtered region" and "inside the
-- filtered period" that every query uses. A NULL argument means: do not filter.

-- Organisations located in a prefecture or inside a program region.
CREATE MACRO orgs_in_area(p_pref, p_region) AS TABLE
SELECT o.org_id
FROM organizations o
JOIN organization_locations l USING (org_id)
WHERE (p_pref IS NULL OR l.pref_code = p_pref)
  AND (p_region IS NULL OR o.municipality_code IN
          (SELECT a.municipality_code FROM region_areas a WHERE a.region_id = p_region));

-- Agreements with a partner inside the area, signed inside the period, with the
-- partner's names, type and area of Tokyo.
CREATE MACRO agreements_filtered(p_pref, p_region, p_from, p_to) AS TABLE
SELECT
    a.*, o.name_ja AS org_name_ja, o.name_en AS org_name_en, o.org_type,
    ar.tokyo_area, c.name_ja AS counterpart_name_ja, c.name_en AS counterpart_name_en
FROM agreements a
JOIN organizations o ON o.org_id = a.org_id
JOIN organizations c ON c.org_id = a.counterpart_org_id
JOIN organization_areas ar ON ar.org_id = a.org_id
WHERE a.org_id IN (SELECT org_id FROM orgs_in_area(p_pref, p_region))
  AND (p_from IS NULL OR a.signed_on >= p_from)
  AND (p_to IS NULL OR a.signed_on <= p_to);

-- Events whose venue lies inside the area, starting inside the period.
CREATE MACRO events_filtered(p_pref, p_region, p_from, p_to) AS TABLE
SELECT e.*
FROM events e
LEFT JOIN municipalities m ON m.municipality_code = e.municipality_code
WHERE (p_pref IS NULL OR m.pref_code = p_pref)
  AND (p_region IS NULL OR e.municipality_code IN
          (SELECT a.municipality_code FROM region_areas a WHERE a.region_id = p_region))
  AND (p_from IS NULL OR e.start_date >= p_from)
  AND (p_to IS NULL OR e.start_date <= p_to);

-- Program regions in the area and fields (greater clusters follow their members).
CREATE MACRO regions_filtered(p_pref, p_region, p_fields) AS TABLE
SELECT r.*
FROM regions r
WHERE (p_pref IS NULL OR r.region_id IN
          (SELECT p.region_id FROM region_prefecture_codes p WHERE p.pref_code = p_pref))
  AND (p_region IS NULL OR r.region_id = p_region OR r.greater_cluster_id = p_region)
  AND (p_fields IS NULL OR r.region_id IN
          (SELECT f.region_id FROM region_field_ids f WHERE list_contains(p_fields, f.field_id)));
