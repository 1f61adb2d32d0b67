-- Shipped by platform/messaging; every service lists classpath:db/platform among its Flyway locations.

-- Transactional outbox: written in the same transaction as the state change it announces.
create table outbox (
    seq        bigserial   primary key,
    event_id   uuid        not null unique,
    topic      text        not null,
    event_key  text        not null,
    event_type text        not null,
    payload    text        not null,
    created_at timestamptz not null default now(),
    sent_at    timestamptz
);
create index outbox_unsent_idx on outbox (seq) where sent_at is null;

-- NOTIFY is delivered only when the inserting transaction commits, so the relay wakes for committed rows only.
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox', '');
    return null;
end
$$;
create trigger outbox_notify after insert on outbox for each statement execute function outbox_notify();

-- Idempotent consumers: an event's effect and its inbox row commit together; a redelivery finds the row.
create table inbox (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
