-- Agreements whose partner is in the filtered region and signed in the filtered period.
select * from agreements_filtered($pref_code, $region_id, $date_from, $date_to)
order by counterpart_org_id, is_department_level, list_no, signed_on
