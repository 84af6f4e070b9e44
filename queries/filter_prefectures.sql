-- Prefectures offered by the global region filter.
select pref_code, name_ja, name_en from prefectures order by pref_code
