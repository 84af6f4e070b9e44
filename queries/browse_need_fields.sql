-- Fields of each need; rows of confidential needs only for signed-in staff ($confidential).
select f.* from need_fields f
join needs n using (need_id)
where not n.is_confidential or $confidential
order by f.need_id, f.field_id
