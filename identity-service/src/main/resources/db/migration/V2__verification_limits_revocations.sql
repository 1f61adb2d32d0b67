-- Invitations: when the link was last (re)sent, how often it was resent, and why it was revoked.
alter table invitations add column last_resent_at timestamptz;
alter table invitations add column resend_count   integer not null default 0;
alter table invitations add column revoked_at     timestamptz;
alter table invitations add column revoke_reason  text check (revoke_reason in ('REVOKED_BY_USER', 'INVITER_LOST_RIGHTS'));
create index invitations_pending_by_inviter on invitations (org_id, invited_by) where status = 'PENDING';

-- Mails identity-service asked for on someone's behalf, counted against the per-org, per-sender and
-- per-recipient limits (switchboard.limits.*). No bodies, no tokens.
create table sent_mails (
    id        bigserial   primary key,
    org_id    uuid,
    sender    uuid,
    recipient text        not null,
    kind      text        not null,
    sent_at   timestamptz not null default now()
);
create index sent_mails_org on sent_mails (org_id, sent_at) where org_id is not null;
create index sent_mails_sender on sent_mails (sender, sent_at) where sender is not null;
create index sent_mails_recipient on sent_mails (recipient, sent_at);

-- Links that confirm an email address (sign-up, or a directly created account's welcome mail). As with
-- invitations, only the SHA-256 of the token is kept; a link works once, until expires_at.
create table email_confirmations (
    id         uuid        primary key,
    user_id    uuid        not null,
    email      text        not null,
    purpose    text        not null check (purpose in ('SIGNUP', 'WELCOME')),
    token_hash bytea       not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at    timestamptz,
    constraint email_confirmations_token_hash_key unique (token_hash)
);
create index email_confirmations_user on email_confirmations (user_id);
