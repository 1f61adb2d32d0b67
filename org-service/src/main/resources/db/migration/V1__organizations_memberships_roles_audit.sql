create table organizations (
    id               uuid        primary key,
    name             text        not null,
    plan             text        not null,
    seat_limit       int         not null,
    timezone         text        not null default 'UTC',
    phone            text,
    billing_email    text,
    primary_owner_id uuid        not null,
    created_at       timestamptz not null default now(),
    deleted_at       timestamptz
);

-- A removed member's row stays (status REMOVED): history keeps its actor names.
create table memberships (
    org_id       uuid        not null references organizations (id),
    user_id      uuid        not null,
    role         text        not null,
    status       text        not null check (status in ('ACTIVE', 'DEACTIVATED', 'REMOVED')),
    email        text,
    display_name text,
    joined_at    timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    primary key (org_id, user_id)
);
create index memberships_user_idx on memberships (user_id);

create table custom_roles (
    id          uuid        primary key,
    org_id      uuid        not null references organizations (id),
    name        text        not null,
    permissions text[]      not null,
    created_at  timestamptz not null default now(),
    unique (org_id, name)
);

-- Seats held by pending invitations (identity-service reserves them; acceptance or expiry releases them).
create table seat_reservations (
    org_id        uuid        not null references organizations (id),
    invitation_id uuid        primary key,
    role          text        not null,
    expires_at    timestamptz not null
);

create table ownership_transfers (
    id           uuid        primary key,
    org_id       uuid        not null references organizations (id),
    from_user_id uuid        not null,
    to_user_id   uuid        not null,
    step_down    boolean     not null,
    status       text        not null check (status in ('PENDING', 'ACCEPTED', 'CANCELLED')),
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null
);
create unique index one_pending_transfer_per_org on ownership_transfers (org_id) where status = 'PENDING';

create table audit_log (
    id           bigserial   primary key,
    org_id       uuid        not null,
    actor_id     uuid        not null,
    action       text        not null,
    target       text,
    before_state jsonb,
    after_state  jsonb,
    at           timestamptz not null default now()
);
create index audit_log_org_idx on audit_log (org_id, id desc);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end
$$;
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_is_append_only();
