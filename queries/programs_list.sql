-- The programs with their annual budget per region, duration and stated size.
select program_id, short_name, name_en, name_ja, kind, started_fy, units_stated,
       regions_stated, annual_budget_jpy, budget_is_approximate, duration_years,
       duration_is_maximum, description_en, description_ja, note, source_id
from programs
order by case kind when 'national_program' then 1 when 'trial_scheme' then 2 else 3 end,
         started_fy nulls last, program_id
