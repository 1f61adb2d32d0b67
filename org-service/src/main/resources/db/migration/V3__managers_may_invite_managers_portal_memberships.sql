-- Org setting: whether MANAGERs may also invite MANAGERs (never ADMIN or OWNER). Off by default.
alter table organizations add column managers_may_invite_managers boolean not null default false;

-- Who is in which portal with which portal role, as portal-service publishes it on portal.portals.v1
-- (portal.member.added / role-changed / removed, portal.portal.archived). A projection: no foreign key to
-- organizations, so an event about an org this service does not know is applied, never refused.
create table portal_memberships (
    org_id      uuid        not null,
    portal_id   uuid        not null,
    user_id     uuid        not null,
    portal_role text        not null check (portal_role in ('EMPLOYEE', 'MANAGER')),
    updated_at  timestamptz not null default now(),
    primary key (org_id, portal_id, user_id)
);
create index portal_memberships_user_idx on portal_memberships (org_id, user_id);
