-- Partner institutions with at least one agreement, for the institution picker.
select distinct a.org_id, o.name_ja, o.name_en, o.org_type
from agreements a join organizations o using (org_id)
order by o.name_ja
