-- ---------------------------------------------------------------------------------------------------------
-- Leads: work items of kind LEAD, routed by the same claim as conversations on the pseudo-channel LEAD
-- ---------------------------------------------------------------------------------------------------------

-- A member's LEAD row holds their lead capacity (null: leads are not capacity-bound for them) and the open leads
-- they hold. Every member with a routing profile has one (the profile writers upsert it); conversation channels
-- keep a capacity.
alter table agent_channels alter column capacity drop not null;
alter table agent_channels add constraint agent_channels_capacity_set check (channel = 'LEAD' or capacity is not null);
insert into agent_channels (org_id, user_id, channel, allowed, capacity)
select distinct org_id, user_id, 'LEAD', true, cast(null as integer) from profile_clients
on conflict (org_id, user_id, channel) do nothing;

-- Whether leads in the portal respect the members' lead capacities (false: they ignore them; the count is kept).
alter table portals add column leads_capacity_bound boolean not null default true;

-- A lead's source and its status (an id of the organization's lead statuses); null for conversations.
alter table work_items add column source varchar(100);
alter table work_items add column status_id varchar(64);
alter table work_items add constraint work_items_lead_status check (kind <> 'LEAD' or (status_id is not null and source is not null));
create index work_items_lead_status on work_items (org_id, status_id) where kind = 'LEAD';

-- A lead's contact, as received.
create table lead_contacts (
    work_id       uuid          primary key references work_items (id),
    org_id        uuid          not null,
    contact_name  varchar(200),
    contact_email varchar(254),
    contact_phone varchar(50),
    company       varchar(200),
    message       varchar(4000)
);

-- The organization's lead statuses, in order; no rows: the default list (New, Contacted, Qualified, Won, Lost).
create table lead_statuses (
    org_id   uuid        not null,
    id       varchar(64) not null,
    name     varchar(50) not null,
    outcome  varchar(8)  not null check (outcome in ('OPEN', 'WON', 'LOST')),
    position integer     not null,
    primary key (org_id, id)
);

-- Every status change of a lead: who, when, from, to (ids; a renamed status keeps its id).
create table lead_status_history (
    id             uuid        primary key,
    org_id         uuid        not null,
    work_id        uuid        not null references work_items (id),
    from_status_id varchar(64) not null,
    to_status_id   varchar(64) not null,
    changed_by     uuid,
    changed_at     timestamptz not null
);
create index lead_status_history_by_work on lead_status_history (work_id, changed_at);
