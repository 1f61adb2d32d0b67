-- ---------------------------------------------------------------------------------------------------------
-- Projections of other services' events (org.memberships.v1, portal.portals.v1, portal.availability.v1)
-- ---------------------------------------------------------------------------------------------------------

-- The organization's members as org.memberships.v1 tells them; only ACTIVE members who are no VIEWER take work.
create table org_members (
    org_id       uuid         not null,
    user_id      uuid         not null,
    display_name varchar(200),
    role         varchar(64)  not null,
    status       varchar(16)  not null,
    primary key (org_id, user_id)
);

-- Portals from portal.portals.v1, with routing's own settings for each: the strategy for work that targets the
-- portal and no team, and after how many minutes away a member's open conversations are routed again (null: never).
create table portals (
    id                         uuid        primary key,
    org_id                     uuid        not null,
    is_default                 boolean     not null,
    archived_at                timestamptz,
    strategy                   varchar(16) not null default 'ROUND_ROBIN',
    reroute_away_after_minutes integer     check (reroute_away_after_minutes between 1 and 10080)
);
create index portals_by_org on portals (org_id);

-- Who is in which portal (portal.portals.v1).
create table portal_members (
    portal_id   uuid        not null,
    org_id      uuid        not null,
    user_id     uuid        not null,
    portal_role varchar(16) not null,
    primary key (portal_id, user_id)
);
create index portal_members_by_user on portal_members (org_id, user_id);

-- Whether someone is available in a portal (portal.availability.v1). Kept apart from portal_members because the
-- two topics are not ordered with each other: a join's availability may arrive before the join itself.
create table availability (
    portal_id  uuid        not null,
    org_id     uuid        not null,
    user_id    uuid        not null,
    available  boolean     not null,
    away_since timestamptz,
    primary key (portal_id, user_id)
);

-- ---------------------------------------------------------------------------------------------------------
-- Routing's own state
-- ---------------------------------------------------------------------------------------------------------

-- The brands or accounts an organization serves. Deleting one keeps the row (deleted_at) for old work.
create table clients (
    id         uuid         primary key,
    org_id     uuid         not null,
    name       varchar(100) not null,
    created_at timestamptz  not null,
    deleted_at timestamptz
);
create unique index clients_name_unique on clients (org_id, lower(name)) where deleted_at is null;

-- One row per member and channel: whether the profile allows the channel, the capacity there, and the open
-- work the member holds on it now. This row is what the claim locks and increments: the capacity check and the
-- reservation are one conditional update of it. A channel taken out of the profile keeps its row (allowed =
-- false) while work on it is still open.
create table agent_channels (
    org_id           uuid        not null,
    user_id          uuid        not null,
    channel          varchar(16) not null,
    allowed          boolean     not null,
    capacity         integer     not null check (capacity between 0 and 100),
    open_count       integer     not null default 0 check (open_count >= 0),
    last_assigned_at timestamptz,
    primary key (org_id, user_id, channel)
);

-- Which clients a member handles, and on which of their allowed channels.
create table profile_clients (
    org_id    uuid        not null,
    user_id   uuid        not null,
    client_id uuid        not null references clients (id),
    channel   varchar(16) not null,
    primary key (org_id, user_id, client_id, channel)
);

-- Teams (routing groups) in a portal. Deleting one keeps the row for its old work.
create table teams (
    id         uuid         primary key,
    org_id     uuid         not null,
    portal_id  uuid         not null,
    name       varchar(100) not null,
    strategy   varchar(16)  not null,
    created_at timestamptz  not null,
    deleted_at timestamptz
);
create unique index teams_name_unique on teams (org_id, portal_id, lower(name)) where deleted_at is null;

create table team_members (
    team_id uuid not null references teams (id),
    org_id  uuid not null,
    user_id uuid not null,
    primary key (team_id, user_id)
);
create index team_members_by_user on team_members (org_id, user_id);

-- Team memberships given with an invitation (org.member.joined's routing.teamIds) that wait for the member to
-- join the team's portal: portal.member.added comes on another topic, maybe later. Moved into team_members when
-- it arrives; dropped when the member is removed from the organization.
create table pending_team_members (
    org_id  uuid not null,
    team_id uuid not null references teams (id),
    user_id uuid not null,
    primary key (team_id, user_id)
);
create index pending_team_members_by_user on pending_team_members (org_id, user_id);

-- Round robin: whose turn it is in a team (or in a portal, for work that targets no team). The member with the
-- oldest turn (or none yet) goes next.
create sequence rotation_turns;
create table rotation (
    scope_id  uuid   not null,
    user_id   uuid   not null,
    last_turn bigint not null,
    primary key (scope_id, user_id)
);

-- Conversations (and, later, leads: kind) and their assignment state. One assignee column: a work item cannot
-- have two; capacity is held only while ASSIGNED. queue_seq orders the FIFO queues and is kept when work is
-- taken back and routed again, so it keeps its original place.
create sequence work_queue_seq;
create table work_items (
    id                uuid         primary key,
    org_id            uuid         not null,
    kind              varchar(16)  not null,
    external_id       varchar(200) not null,
    portal_id         uuid         not null,
    team_id           uuid,
    client_id         uuid         not null,
    channel           varchar(16)  not null,
    status            varchar(16)  not null,
    assignee_id       uuid,
    queue_seq         bigint       not null,
    customer_name     varchar(200),
    subject           varchar(500),
    opened_at         timestamptz  not null,
    assigned_at       timestamptz,
    closed_at         timestamptz,
    last_reply_at     timestamptz,
    -- ASSIGNED has an assignee, QUEUED none; CLOSED keeps whoever held it last (so they still see it)
    check (status <> 'ASSIGNED' or assignee_id is not null),
    check (status <> 'QUEUED' or assignee_id is null),
    check (status in ('QUEUED', 'ASSIGNED', 'CLOSED'))
);
create unique index work_items_external_id on work_items (org_id, kind, external_id);
create index work_items_queued on work_items (org_id, portal_id, team_id, channel, client_id, queue_seq) where status = 'QUEUED';
create index work_items_held on work_items (org_id, assignee_id) where status = 'ASSIGNED';
create index work_items_by_portal on work_items (org_id, portal_id, opened_at desc);

create table work_notes (
    id         uuid          primary key,
    org_id     uuid          not null,
    work_id    uuid          not null references work_items (id),
    author_id  uuid          not null,
    text       varchar(4000) not null,
    created_at timestamptz   not null
);
create index work_notes_by_work on work_notes (work_id, created_at);
