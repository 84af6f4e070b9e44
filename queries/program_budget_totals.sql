-- Program budgets by fiscal year as printed (totals and per-region amounts), for the
-- fiscal years (April–March) overlapping the filtered period.
select b.budget_id, b.program_id, p.short_name, p.name_en, p.name_ja, b.fiscal_year,
       b.amount_jpy, b.scope, b.original_text, b.note, b.source_id
from program_budgets b join programs p using (program_id)
where ($date_from is null or make_date(b.fiscal_year + 1, 3, 31) >= $date_from::date)
  and ($date_to is null or make_date(b.fiscal_year, 4, 1) <= $date_to::date)
order by b.scope, b.fiscal_year, p.short_name
