-- Profile images (PUT /api/me/avatar, PUT /api/orgs/{orgId}/users/{userId}/avatar): one per account, always our own
-- 256 × 256 PNG encoding of the upload (never the uploaded bytes), with its entity tag for conditional GETs.
create table avatars (
    user_id    uuid primary key,
    png        bytea       not null check (octet_length(png) <= 1048576),
    etag       text        not null,
    updated_at timestamptz not null
);
