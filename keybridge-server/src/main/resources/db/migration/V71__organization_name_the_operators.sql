-- The default organization's name is the operator's (KEYBRIDGE_ORGANIZATION_NAME), never a placeholder:
-- until it is set the organization has none, and Link shows "This app" in the end user's language.
alter table organization alter column name drop not null;
update organization set name = null where is_default and name = 'Default organization';
