-- The email delivery log: one row per requested mail (EmailRequested.requestId), written when the request is
-- consumed (in the same transaction as its inbox row) and moved on by the delivery loop:
--   PENDING --sent--> SENT (sent_at; the bodies are cleared: invitation links hold tokens)
--   PENDING --failed, attempts left--> PENDING (attempts + 1, next_attempt_at pushed back exponentially)
--   PENDING --permanent failure or last attempt--> FAILED (bodies kept, so an operator can set it PENDING again)
create table email_deliveries (
    id              bigserial   primary key,
    request_id      uuid        not null unique,
    org_id          uuid        not null,
    event_id        uuid        not null,
    kind            text        not null,
    recipient       text        not null check (recipient <> ''),
    subject         text        not null,
    text_body       text,
    html_body       text,
    status          text        not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts        integer     not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    failed_at       timestamptz,
    -- a row the loop may pick always has something to send (the loop rebuilds the mail from it)
    constraint email_deliveries_pending_has_body check (status <> 'PENDING' or text_body is not null or html_body is not null)
);

-- What the delivery loop asks for: due PENDING rows, oldest due first.
create index email_deliveries_due_idx on email_deliveries (next_attempt_at, id) where status = 'PENDING';
create index email_deliveries_org_idx on email_deliveries (org_id, created_at);
