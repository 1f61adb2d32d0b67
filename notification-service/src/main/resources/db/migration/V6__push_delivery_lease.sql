-- A delivery is no longer sent inside a transaction holding its row lock. A worker claims it for a lease in a
-- short transaction (claimed_until, claim = a random token), sends with no transaction open, and records the
-- outcome in a second short transaction that only applies while its claim still holds (claim = token, PENDING).
-- A worker or instance that dies mid-send leaves the claim to run out; the delivery is then sent once more, with
-- the same Topic and tag, so a push service or browser holding the first replaces it.
alter table push_deliveries add column claimed_until timestamptz;
alter table push_deliveries add column claim uuid;

-- The endpoint's authority (host and port), lower-cased: the delivery loop caps its in-flight sends per push
-- service host, and skips the deliveries of a host at that cap when claiming.
alter table push_subscriptions add column endpoint_host text
    generated always as (lower(substring(endpoint from '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)'))) stored;
