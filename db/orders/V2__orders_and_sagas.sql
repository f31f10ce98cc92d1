-- Orders and the state of their placement sagas. Everything the saga needs to resume after a crash is
-- here, written in the same transactions as the commands it sends through the outbox.
CREATE TABLE purchase_order
(
  id               UUID PRIMARY KEY,
  customer_id      UUID        NOT NULL,
  status           TEXT        NOT NULL CHECK (status IN ('PENDING', 'COMPLETED', 'REJECTED')),
  total_cents      BIGINT,
  rejection_reason TEXT,
  placed_at        TIMESTAMPTZ NOT NULL,
  updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX purchase_order_by_customer_idx ON purchase_order (customer_id, placed_at);

CREATE TABLE order_line
(
  order_id    UUID   NOT NULL REFERENCES purchase_order (id),
  position    INT    NOT NULL,
  sku         TEXT   NOT NULL,
  quantity    INT    NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
  price_cents BIGINT,
  PRIMARY KEY (order_id, position),
  UNIQUE (order_id, sku)
);

-- A saga waits for at most one reply at a time: the one named by (current_step, awaiting). due_at is
-- when the sweeper acts if that reply has not come (resend, give up, or retry a failed compensation).
CREATE TABLE saga
(
  id           UUID PRIMARY KEY,
  order_id     UUID        NOT NULL UNIQUE REFERENCES purchase_order (id),
  state        TEXT        NOT NULL CHECK (state IN ('RUNNING', 'COMPENSATING', 'COMPLETED', 'COMPENSATED')),
  current_step TEXT,
  awaiting     TEXT CHECK (awaiting IN ('ACTION', 'COMPENSATION', 'COMPLETION')),
  due_at       TIMESTAMPTZ,
  completion_attempts INT NOT NULL DEFAULT 0,
  failure      TEXT,
  total_cents  BIGINT,
  charge_id    TEXT,
  shipment_id  TEXT,
  created_at   TIMESTAMPTZ NOT NULL,
  updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX saga_due_idx ON saga (due_at) WHERE due_at IS NOT NULL;

CREATE TABLE saga_step
(
  saga_id                 UUID NOT NULL REFERENCES saga (id),
  position                INT  NOT NULL,
  name                    TEXT NOT NULL,
  status                  TEXT NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'COMPENSATING',
                                                          'COMPENSATED', 'COMPENSATION_FAILED', 'SKIPPED')),
  attempts                INT  NOT NULL DEFAULT 0,
  last_error              TEXT,
  started_at              TIMESTAMPTZ,
  finished_at             TIMESTAMPTZ,
  compensation_status     TEXT CHECK (compensation_status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
  compensation_attempts   INT  NOT NULL DEFAULT 0,
  compensation_last_error TEXT,
  PRIMARY KEY (saga_id, position),
  UNIQUE (saga_id, name)
);
