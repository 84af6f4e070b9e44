-- Every import of a staff file, newest first.
select batch_id, imported_at, imported_by, file_name, table_name, rows_added, rows_changed,
       rows_unchanged, file_format, encoding, sheet, checksum, source_id
from import_history
order by batch_id desc
