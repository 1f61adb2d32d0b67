-- Portals (departments) of an organization. Archived portals stay as history (archived_at set).
create table portals (
    id           uuid         primary key,
    org_id       uuid         not null,
    name         varchar(100) not null,
    description  varchar(500),
    accent_color varchar(7),
    is_default   boolean      not null default false,
    created_at   timestamptz  not null,
    archived_at  timestamptz
);
create index portals_by_org on portals (org_id);
-- names are unique per organization ignoring case, among portals that are not archived
create unique index portals_name_unique on portals (org_id, lower(name)) where archived_at is null;
-- one default portal per organization, whoever creates it first (org.organization.created or a member's join)
create unique index portals_one_default on portals (org_id) where is_default;

-- The organization's members as org.memberships.v1 tells them (names and emails for member lists).
create table org_members (
    org_id       uuid         not null,
    user_id      uuid         not null,
    display_name varchar(200),
    email        varchar(320),
    role         varchar(64)  not null,
    status       varchar(16)  not null,
    primary key (org_id, user_id)
);

-- Who is in which portal, with which portal role, and whether they are available there now.
create table portal_members (
    portal_id       uuid         not null references portals (id),
    org_id          uuid         not null,
    user_id         uuid         not null,
    portal_role     varchar(16)  not null,
    available       boolean      not null,
    note            varchar(200),
    available_since timestamptz  not null,
    joined_at       timestamptz  not null,
    primary key (portal_id, user_id)
);
create index portal_members_by_user on portal_members (org_id, user_id);

-- Every availability change, kept when the member leaves the portal (no foreign key to portal_members).
create table availability_log (
    id         bigserial    primary key,
    org_id     uuid         not null,
    portal_id  uuid         not null,
    user_id    uuid         not null,
    available  boolean      not null,
    note       varchar(200),
    changed_by uuid,
    changed_at timestamptz  not null,
    reason     varchar(32)  not null
);
create index availability_log_by_portal on availability_log (portal_id, id desc);
create index availability_log_by_member on availability_log (portal_id, user_id, id desc);
