-- Events held in the filtered region (by venue) during the filtered period.
select * from events_filtered($pref_code, $region_id, $date_from, $date_to)
order by start_date nulls last, event_id
