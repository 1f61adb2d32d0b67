-- Keycloak sessions that ended (identity.session.ended), remembered for a day (the sessions topic's retention):
-- a token of such a session is refused by every endpoint (session.EndedSessionFilter), a subscription racing the
-- sign-out is refused (PushSubscriptions.subscribe, serialized with the listener by an advisory lock on the hash),
-- and live streams of it are closed by LiveStreams.sweep.
create table ended_sessions (
    session_hash text        primary key,   -- SessionEnded.hashOf(sid)
    user_id      uuid        not null,
    ended_at     timestamptz not null
);
create index ended_sessions_ended_at on ended_sessions (ended_at);
