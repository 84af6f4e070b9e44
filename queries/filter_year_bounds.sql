-- The span of years the period filter offers: every dated fact in the database.
with years as (
    select year(signed_on) as y from agreements where signed_on is not null
    union all select year(start_date) from events where start_date is not null
    union all select year(as_of) from indicators where as_of is not null
    union all select year from policy_milestones
    union all select year(case_date) from collaboration_cases where case_date is not null
    union all select year(founded_on) from research_groups
),
final as (
    select coalesce(min(y), 2000) as year_min, coalesce(max(y), 2025) as year_max from years
)
select * from final
