-- Columns of one table with types, rules and descriptions (data dictionary).
select column_name, data_type, required, accepted_values, references_column, description
from meta_columns where table_name = $table_name order by position
