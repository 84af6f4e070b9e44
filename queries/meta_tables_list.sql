-- The database's tables with their descriptions and row counts (data dictionary).
select table_name, description, key_columns, row_count, source_files
from meta_tables order by table_name
