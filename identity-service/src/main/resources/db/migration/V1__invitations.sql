-- Names of organizations, from org.organizations.v1, for invitation mails and look-ups.
create table organizations (
    id   uuid primary key,
    name text not null
);

-- Only the SHA-256 of an invitation token is stored; the token itself exists only in the mail.
create table invitations (
    id               uuid        primary key,
    org_id           uuid        not null,
    email            text        not null,
    role             text        not null,
    portal_ids       uuid[]      not null default '{}',
    first_name       text,
    last_name        text,
    phone            text,
    token_hash       bytea       not null unique,
    -- hashes of links replaced by a resend: they answer 410, not 404
    retired_hashes   bytea[]     not null default '{}',
    status           text        not null check (status in ('PENDING', 'ACCEPTED', 'REVOKED')),
    invited_by       uuid        not null,
    inviter_name     text,
    created_at       timestamptz not null default now(),
    expires_at       timestamptz not null,
    accepted_at      timestamptz,
    accepted_user_id uuid
);
-- one pending invitation per person and org; case-insensitive e-mail
create unique index one_pending_invitation on invitations (org_id, lower(email)) where status = 'PENDING';
