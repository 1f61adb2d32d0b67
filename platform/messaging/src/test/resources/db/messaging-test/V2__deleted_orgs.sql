-- Effects of the org-deletions consumer: one row per organization deletion it believed.
create table deleted_orgs (
    event_id uuid not null,
    org_id   uuid not null
);
