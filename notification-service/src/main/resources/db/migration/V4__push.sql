-- Web Push (package push). Reads and clears notifications.push_pending (V3, in-app); owns the tables below.

-- The service's VAPID key pair, made once by whichever instance starts first (insert-if-absent, then every
-- instance reads the one row back), kept across restarts so that subscriptions made with its public key keep
-- working. The private key is sealed with AES-256-GCM under switchboard.push.key-encryption-key.
create table push_vapid_keys (
    id                  smallint    primary key check (id = 1),
    public_key          text        not null,   -- base64url of the uncompressed P-256 point (what browsers get)
    private_key_sealed  text        not null,   -- base64(version || nonce || AES-GCM(d) || tag), AAD = the public key
    kek_fingerprint     text        not null,   -- one-way name of the key-encryption key that sealed it
    created_at          timestamptz not null default now()
);

-- A browser's push subscription, bound to the person, the org it was made in, the Keycloak session (hashed sid,
-- as SessionEnded.hashOf) and the app's device id. One row per endpoint and org: the same endpoint subscribed by
-- another person moves to them (the previous person's rows for it are deleted in the same transaction).
create table push_subscriptions (
    id            uuid        primary key,
    user_id       uuid        not null,
    org_id        uuid        not null,
    session_hash  text        not null,
    device_id     text        not null,
    endpoint      text        not null,      -- a capability: never logged in full
    p256dh        text        not null,      -- base64url uncompressed P-256 point
    auth          text        not null,      -- base64url of 16 bytes
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (endpoint, org_id)
);
create index push_subscriptions_person_org on push_subscriptions (user_id, org_id);
create index push_subscriptions_session on push_subscriptions (user_id, session_hash);
create index push_subscriptions_endpoint on push_subscriptions (endpoint);

-- One delivery per notification and device subscription (each event reaches each device once), moved on by the
-- delivery loop:
--   PENDING --2xx--> SENT
--   PENDING --429/5xx/no answer, attempts left--> PENDING (attempts + 1, next_attempt_at = Retry-After or backoff)
--   PENDING --400/401/403/413/other 4xx, last attempt, or TTL over--> FAILED
--   404/410 --> the subscription is deleted, and its deliveries with it
create table push_deliveries (
    id               bigserial   primary key,
    notification_id  uuid        not null references notifications (id) on delete cascade,
    subscription_id  uuid        not null references push_subscriptions (id) on delete cascade,
    status           text        not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts         integer     not null default 0 check (attempts >= 0),
    next_attempt_at  timestamptz not null default now(),
    last_status      integer,               -- the push service's last HTTP status; null = no answer
    last_error       text,
    created_at       timestamptz not null default now(),
    sent_at          timestamptz,
    failed_at        timestamptz,
    unique (notification_id, subscription_id)
);
create index push_deliveries_due on push_deliveries (next_attempt_at, id) where status = 'PENDING';
create index push_deliveries_subscription on push_deliveries (subscription_id);

-- Every attempt, for the record (and for checking that Retry-After was honoured).
create table push_attempts (
    delivery_id   bigint      not null references push_deliveries (id) on delete cascade,
    attempt       integer     not null check (attempt >= 1),
    attempted_at  timestamptz not null,
    http_status   integer,                  -- null = no answer (connection refused, timeout)
    retry_after   interval,                 -- what the push service asked for, if anything
    outcome       text        not null check (outcome in ('SENT', 'RETRY', 'FAILED', 'GONE')),
    error         text,
    primary key (delivery_id, attempt)
);
