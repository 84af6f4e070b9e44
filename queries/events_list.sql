-- Events held in the filtered region (by venue) and period, optionally only those of
-- one source document and of the given sections (NULL = all), with their organisers.
with base as (
    select * from events_filtered($pref_code, $region_id, $date_from, $date_to)
    where ($sections is null or list_contains($sections, section))
      and ($source_id is null or source_id = $source_id)
),
orgs as (
    select eo.event_id,
           string_agg(o.name_ja, '、' order by o.name_ja) as organisations_ja,
           string_agg(coalesce(o.name_en, o.name_ja), ', ' order by o.name_ja)
               as organisations_en
    from event_organizations eo join organizations o using (org_id)
    where eo.org_id <> 'tiri'
    group by eo.event_id
),
final as (
    select b.event_id, b.title_ja, b.title_en, b.start_date, b.end_date, b.date_precision,
           b.fiscal_year, b.category, b.role, b.mode, b.is_planned, b.organizer_ja,
           b.venue_ja, b.participants, b.exhibitors, b.registrants, o.organisations_ja,
           o.organisations_en, b.section, b.note, b.source_id, b.is_sample
    from base b left join orgs o using (event_id)
    order by b.start_date nulls last, b.event_id
)
select * from final
