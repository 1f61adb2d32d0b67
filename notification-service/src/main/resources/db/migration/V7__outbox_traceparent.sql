-- The W3C trace context (traceparent) the row was written in; the outbox relay sends it as the record's
-- traceparent header, so the consumer's effect joins the same trace. Null when there was none.
alter table outbox add column traceparent text;

-- The trace context of the event that made a notification: the push delivery loop sends its pushes in that trace
-- (a span of its own, a child of this one), so the send's log lines carry the trace id. Never sent to a push service.
alter table notifications add column traceparent text;

-- Likewise a requested mail: the mail delivery loop sends it in the trace of the request (an invitation, say).
alter table email_deliveries add column traceparent text;
