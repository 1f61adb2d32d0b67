-- pgbench reference for routing-service's claim (issue 9, docs/BENCHMARKS.md): one transaction per assignment,
-- as routing-service's write path does it: the organization's advisory lock (OrgWrites), a new queued work item,
-- the claim statement (Claims.CLAIM, pasted in by RoutingBenchmark with literal values for the organization,
-- portal, client, channel and strategy; the new item's id comes from \gset), commit.
-- The double-braced placeholders are filled in by RoutingBenchmark, which drops these comment lines and writes the
-- finished script to target/bench/claim.pgbench.sql.
begin;
select pg_advisory_xact_lock({{LOCK}});
insert into work_items (id, org_id, kind, external_id, portal_id, client_id, channel, status, queue_seq, opened_at)
    values (gen_random_uuid(), {{ORG}}, 'CONVERSATION', 'pgbench-' || gen_random_uuid(), {{PORTAL}}, {{CLIENT}}, {{CHANNEL}}, 'QUEUED',
            nextval('work_queue_seq'), now())
    returning id as work \gset
{{CLAIM}};
commit;
