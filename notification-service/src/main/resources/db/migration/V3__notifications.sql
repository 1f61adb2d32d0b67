-- In-app notifications (issue 11): one row per person per event (unique (source_event_id, user_id, kind)),
-- written by the inapp listeners in the same transaction as their inbox row. Push reads and clears
-- push_pending (V4). Every insert also runs pg_notify('notification_created', '<user_id>').
create table notifications (
    id              uuid        primary key,
    seq             bigserial   not null unique,   -- the SSE event id and the list order (newest first = seq desc)
    user_id         uuid        not null,          -- who it is for
    org_id          uuid        not null,
    portal_id       uuid,                          -- null when it concerns no portal (role change, ownership offer)
    kind            text        not null,          -- CONVERSATION_ASSIGNED, LEAD_ASSIGNED, CUSTOMER_REPLIED, CONVERSATION_REROUTED,
                                                   -- LEAD_REROUTED, AVAILABILITY_CHANGED, ROLE_CHANGED, MEMBER_REMOVED,
                                                   -- MEMBER_DEACTIVATED, OWNERSHIP_OFFERED
    title           text        not null,          -- what a phone shows as the notification's title
    body            text        not null,          -- and its text
    url             text        not null,          -- app path it opens, e.g. /orgs/{orgId}/portals/{portalId}/conversations/{workId}
    tag             text        not null,          -- Web Push / Notification tag (one per thing: e.g. conversation:{workId})
    urgency         text        not null check (urgency in ('very-low', 'low', 'normal', 'high')),  -- assignments: high
    source_event_id uuid        not null,          -- the event it came from
    in_app          boolean     not null,          -- shown in the bell/stream (the person's in-app preference)
    push_pending    boolean     not null,          -- to be fanned out to the person's devices (push preference on); push clears it
    created_at      timestamptz not null,
    read_at         timestamptz,
    unique (source_event_id, user_id, kind)        -- once per event and person, however often the event arrives
);
create index notifications_push_pending on notifications (seq) where push_pending;
-- the bell: a person's in-app notifications of an org (and portal), newest first; unread counts
create index notifications_bell on notifications (user_id, org_id, seq) where in_app;
create index notifications_unread on notifications (user_id, org_id, portal_id) where in_app and read_at is null;

-- Preferences per person, org and portal. portal_id null (stored as the nil uuid, so the primary key holds) is
-- the org-wide default; a portal's own row wins over it; with no row at all both are on.
create table notification_preferences (
    user_id    uuid        not null,
    org_id     uuid        not null,
    portal_id  uuid        not null,   -- '00000000-0000-0000-0000-000000000000' = the org-wide default
    push       boolean     not null,
    in_app     boolean     not null,
    updated_at timestamptz not null,
    primary key (user_id, org_id, portal_id)
);

-- Projections for the texts (org.organizations.v1, portal.portals.v1, org.memberships.v1 MemberJoined).
create table notify_org_names (
    org_id uuid primary key,
    name   text not null
);
create table notify_portal_names (
    portal_id uuid primary key,
    org_id    uuid not null,
    name      text not null
);
create table notify_people (
    org_id       uuid not null,
    user_id      uuid not null,
    display_name text,
    email        text,
    primary key (org_id, user_id)
);
