-- Events whose venue lies inside one region.
select event_id, title_ja, title_en, start_date, role, mode, venue_ja, source_id
from events_filtered(null, $region_id, null, null)
order by start_date nulls last
