-- Effects of the test consumer; deliberately no unique key, so a second effect would show.
create table applied_things (
    id          bigserial   primary key,
    event_id    uuid        not null,
    org_id      uuid        not null,
    seq         int         not null,
    applied_at  timestamptz not null default clock_timestamp()
);
create table things (
    id     uuid primary key,
    org_id uuid not null,
    label  text not null
);
