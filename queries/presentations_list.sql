-- Presentations by the research institute's staff in the filtered period.
select presentation_id, context, list_no, presented_on, title_ja, presenter_ja,
       organizer_ja, venue_ja, meeting_ja, event_id, note, source_id, is_sample
from presentations
where ($date_from is null or presented_on >= $date_from)
  and ($date_to is null or presented_on <= $date_to)
order by context, list_no
