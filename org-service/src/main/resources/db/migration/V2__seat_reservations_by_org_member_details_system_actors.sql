-- Seat reservations are keyed by organization and invitation: the same invitation id in another org is
-- another row, and no query reaches across organizations. invited_by is who sent the invitation.
alter table seat_reservations drop constraint seat_reservations_pkey;
alter table seat_reservations add constraint seat_reservations_pkey primary key (org_id, invitation_id);
alter table seat_reservations add column invited_by uuid;
alter table seat_reservations add column created_at timestamptz not null default now();

-- What the invitation carried about the person, shown in member details.
alter table memberships add column first_name text;
alter table memberships add column last_name text;
alter table memberships add column phone text;

-- Changes made by no person (automatic revocations, the billing integration) have no actor_id; actor names them.
alter table audit_log alter column actor_id drop not null;
alter table audit_log add column actor text;
