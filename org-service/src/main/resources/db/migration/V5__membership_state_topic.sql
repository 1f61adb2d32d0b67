-- org.membership-state.v1 (MembershipStates): a tombstone is an outbox row without payload.
alter table outbox alter column payload drop not null;

-- The one-time backfill of org.membership-state.v1: the state of every current membership and custom role of every
-- organization that is not deleted, as org-service publishes them from now on (envelope as EventSerde writes it;
-- actor "system"). Flyway runs this once; its rows go out with the outbox like any other.
insert into outbox (event_id, topic, event_key, event_type, payload)
select gen_random_uuid(), 'org.membership-state.v1', m.org_id || ':' || m.user_id, 'org.membership.state',
       json_build_object(
           'id', gen_random_uuid(),
           'type', 'org.membership.state',
           'source', 'org-service',
           'time', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'subject', m.org_id,
           'actor', 'system',
           'dataschema', 'urn:switchboard:events:org.membership.state:v1',
           'data', json_build_object('orgId', m.org_id, 'userId', m.user_id, 'role', m.role, 'status', m.status))::text
from memberships m
join organizations o on o.id = m.org_id and o.deleted_at is null
where m.status <> 'REMOVED'
order by m.org_id, m.user_id;

insert into outbox (event_id, topic, event_key, event_type, payload)
select gen_random_uuid(), 'org.membership-state.v1', r.org_id || ':role:' || r.id, 'org.role.state',
       json_build_object(
           'id', gen_random_uuid(),
           'type', 'org.role.state',
           'source', 'org-service',
           'time', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'subject', r.org_id,
           'actor', 'system',
           'dataschema', 'urn:switchboard:events:org.role.state:v1',
           'data', json_build_object('orgId', r.org_id, 'roleId', r.id, 'name', r.name, 'permissions', to_json(r.permissions)))::text
from custom_roles r
join organizations o on o.id = r.org_id and o.deleted_at is null
order by r.org_id, r.id;
