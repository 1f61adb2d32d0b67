-- A FAILED row keeps no body either: bodies hold invitation and confirmation links (tokens). Resending the
-- invitation makes a new request; the log keeps recipient, kind, subject, attempts and the last error.
update email_deliveries set text_body = null, html_body = null where status = 'FAILED';
