-- The routing setup given with an invitation (channels and capacities, clients, teams: RoutingSetup as JSON),
-- carried on identity.invitation.accepted for routing-service; null when none was given.
alter table invitations add column routing jsonb;
