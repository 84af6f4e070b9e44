-- Technical research groups with their participants and meetings in the year reported.
select group_id, list_no, name_ja, name_en, founded_on, purpose_ja, participants,
       institute_participants, meetings, fiscal_year, field_id, note, source_id, is_sample
from research_groups
order by list_no
