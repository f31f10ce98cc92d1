-- The ids of the messages the inventory module has handled. The consumer inserts the id in the same
-- transaction as the handler's writes, so a redelivered message is acknowledged without running again.
CREATE TABLE inbox
(
  message_id  UUID PRIMARY KEY,
  type        TEXT        NOT NULL,
  received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
