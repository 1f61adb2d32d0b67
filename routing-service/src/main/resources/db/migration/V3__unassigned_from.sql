-- A conversation or lead a manager took from its assignee is never routed back to that person by the platform
-- (only a manager may give it back); cleared when it is assigned again. See docs/architecture.md, "The claim".
alter table work_items add column unassigned_from uuid;
