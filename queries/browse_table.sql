-- Every row of one table, by name (the name is bound as an identifier, never SQL text).
select * from query_table($table_name)
