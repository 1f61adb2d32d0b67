-- The portal dashboards' read model, a projection of routing.assignments.v1 (routing-service's events): one row
-- per conversation or lead as it stands now, counted with the indexes below when a dashboard is read (each covers
-- the columns its count reads, so that a count is an index-only scan once the table is vacuumed). Rebuilt
-- from the start of the topic when switchboard.dashboard.consumer-group changes (see dashboard_projection).
create table dashboard_work (
    org_id           uuid        not null,
    work_id          uuid        not null,
    kind             varchar(16) not null,  -- CONVERSATION | LEAD
    portal_id        uuid        not null,
    team_id          uuid,
    channel          varchar(32),           -- null for leads
    state            varchar(16) not null,  -- QUEUED | ASSIGNED | CLOSED
    assignee_id      uuid,                  -- the holder now; for CLOSED the holder when it closed (null if it was queued)
    status_id        varchar(64),           -- leads: the lead status id
    outcome          varchar(8),            -- leads: OPEN | WON | LOST
    opened_at        timestamptz,
    queued_at        timestamptz,           -- when it last entered a queue
    assigned_at      timestamptz,           -- when it was last assigned
    closed_at        timestamptz,           -- when it closed (a lead: reached WON or LOST)
    handled_by       uuid,                  -- who held it when it closed; null when it closed from a queue
    src_partition    int         not null,  -- the routing.assignments.v1 record the row reflects: an older one is ignored
    src_offset       bigint      not null,
    primary key (org_id, work_id)
);
-- a member's active work (per channel), everywhere in the org: capacity is per member, not per portal
create index dashboard_work_assigned on dashboard_work (org_id, assignee_id) include (kind, channel, portal_id) where state = 'ASSIGNED';
-- a portal's queue: length and oldest wait
create index dashboard_work_queued on dashboard_work (org_id, portal_id, queued_at) include (kind) where state = 'QUEUED';
-- handled today / in the last 7 days, leads won this week
create index dashboard_work_closed on dashboard_work (org_id, portal_id, closed_at) include (handled_by, kind, outcome) where state = 'CLOSED';
-- a member's leads by status
create index dashboard_work_leads on dashboard_work (org_id, assignee_id, portal_id) include (status_id) where kind = 'LEAD';
-- the overview: open work per portal
create index dashboard_work_open on dashboard_work (org_id, portal_id) include (state, kind) where state <> 'CLOSED';

-- Capacities per member and channel, as the member's latest routing.profile.updated says.
create table dashboard_capacities (
    org_id   uuid        not null,
    user_id  uuid        not null,
    channel  varchar(32) not null,
    capacity int         not null,
    primary key (org_id, user_id, channel)
);

-- The organization's lead statuses in order, as its latest routing.lead-statuses.updated says (none yet: the default list).
create table dashboard_lead_statuses (
    org_id    uuid         not null,
    position  int          not null,
    status_id varchar(64)  not null,
    name      varchar(100) not null,
    outcome   varchar(8)   not null,
    primary key (org_id, position)
);

-- Which consumer (Kafka group and inbox name) built the tables above; a start with another one empties them first.
create table dashboard_projection (
    singleton   boolean     primary key default true check (singleton),
    consumer    text        not null,
    started_at  timestamptz not null
);

-- The organization's time zone (org.organization.updated; UTC until one arrives). Not part of the rebuilt
-- projection: org.organizations.v1 is not kept forever.
create table org_timezones (
    org_id   uuid        primary key,
    timezone varchar(64) not null
);
