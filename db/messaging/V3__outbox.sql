-- The transactional outbox. Every module inserts here in its own transaction (under its own role); the
-- relay, running as the messaging role, claims rows, sends them to SQS and marks them sent.
CREATE TABLE outbox
(
  -- Commit order is not position order, but writers of one aggregate serialize on the aggregate's row,
  -- so within an aggregate the position is the order the messages were written in.
  position         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id       UUID        NOT NULL UNIQUE,
  channel          TEXT        NOT NULL,
  aggregate_id     TEXT        NOT NULL,
  type             TEXT        NOT NULL,
  payload          JSONB       NOT NULL,
  reply_to         TEXT,
  traceparent      TEXT,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  sent_at          TIMESTAMPTZ,
  -- A claim is a lease: a relay that dies holding it loses it when claim_expires_at passes.
  claim_owner      TEXT,
  claim_expires_at TIMESTAMPTZ,
  attempts         INT         NOT NULL DEFAULT 0,
  next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_error       TEXT
);

-- What the relay scans: the unsent rows, by aggregate and position.
CREATE INDEX outbox_unsent_idx ON outbox (channel, aggregate_id, position) WHERE sent_at IS NULL;
CREATE INDEX outbox_unsent_by_position_idx ON outbox (position) WHERE sent_at IS NULL;
-- What the purge scans.
CREATE INDEX outbox_sent_at_idx ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- Modules may only add rows; reading, claiming and purging is the relay's job.
GRANT INSERT ON outbox TO ficus_customers, ficus_inventory, ficus_orders, ficus_payments, ficus_shipping,
  ficus_notifications, ficus_messaging;
GRANT USAGE ON SEQUENCE outbox_position_seq TO ficus_customers, ficus_inventory, ficus_orders, ficus_payments,
  ficus_shipping, ficus_notifications, ficus_messaging;
GRANT SELECT, UPDATE, DELETE ON outbox TO ficus_messaging;
