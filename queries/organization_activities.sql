-- Cooperation activities the report lists with one institution.
select activity_id, partner_group, tokyo_area, activity_type_ja, seq, text_ja, month_text,
       start_month, count, count_unit, fiscal_year, section, note, source_id
from collaborations
where org_id = $org_id
order by seq
