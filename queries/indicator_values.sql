-- Values of the given statistical series, in the filtered period (by the date each
-- figure refers to; undated figures drop out when a period is set).
with final as (
    select i.indicator_id, i.series_id, s.name_ja as series_name_ja,
           s.name_en as series_name_en, s.unit_ja, s.unit_en, s.subject, s.is_cumulative,
           i.as_of, i.date_precision, i.period_label, i.geography, i.value, i.original_text,
           i.section, i.note, i.source_id, i.is_sample
    from indicators i join indicator_series s using (series_id)
    where list_contains($series_ids, i.series_id)
      and ($date_from is null or i.as_of >= $date_from)
      and ($date_to is null or i.as_of <= $date_to)
    order by list_position($series_ids, i.series_id), i.as_of, i.geography
)
select * from final
