-- Pairs of institutions already linked by an agreement (either side).
select distinct org_id, counterpart_org_id from agreements
