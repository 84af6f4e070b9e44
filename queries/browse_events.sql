-- Events held in the filtered region (by venue) during the filtered period.
with final as (
    select e.*
    from events e
    left join municipalities m on m.municipality_code = e.municipality_code
    where ($pref_code is null or m.pref_code = $pref_code)
      and ($region_id is null or e.municipality_code in
              (select municipality_code from region_areas where region_id = $region_id))
      and ($date_from is null or e.start_date >= $date_from)
      and ($date_to is null or e.start_date <= $date_to)
    order by e.start_date nulls last, e.event_id
)
select * from final
