-- The org setting that lets MANAGERs invite MANAGERs too (org.organization.updated's managersMayInviteManagers);
-- off until an update says otherwise (org.organization.created implies off).
alter table organizations add column managers_may_invite_managers boolean not null default false;
