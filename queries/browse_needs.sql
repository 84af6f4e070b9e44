-- Every need; confidential ones only for signed-in staff ($confidential).
select * from needs
where not is_confidential or $confidential
order by need_id
