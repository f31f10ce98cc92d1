-- One confirmation per order, however often the command is delivered.
CREATE TABLE order_confirmation
(
  id          UUID PRIMARY KEY,
  order_id    TEXT        NOT NULL UNIQUE,
  customer_id TEXT        NOT NULL,
  total_cents BIGINT      NOT NULL,
  sent_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
