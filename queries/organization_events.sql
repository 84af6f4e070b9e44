-- Events an institution took part in, with its role.
with final as (
    select e.event_id, e.title_ja, e.title_en, e.start_date, e.end_date, e.date_precision,
           e.role as reported_role, eo.role as org_role, e.mode, e.venue_ja,
           e.participants, e.note, e.source_id
    from event_organizations eo
    join events e using (event_id)
    where eo.org_id = $org_id
    order by e.start_date nulls last, e.event_id
)
select * from final
