-- The W3C trace context (traceparent) the row was written in; the outbox relay sends it as the record's
-- traceparent header, so the consumer's effect joins the same trace. Null when there was none.
alter table outbox add column traceparent text;
