-- When the database was built and how much it holds.
select b.built_at, b.source_fingerprint, b.schema_version,
       (select count(*) from meta_tables) as tables,
       (select sum(row_count) from meta_tables) as rows
from meta_build b
