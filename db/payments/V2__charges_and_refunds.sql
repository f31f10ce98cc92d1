-- One charge per order: the order id is also the provider's idempotency key, so however often the
-- ChargePayment command arrives, the provider is asked for one charge only.
--   PENDING   the provider call is under way (or must be made again after a crash)
--   CHARGED   the provider took the money; provider_charge_id says which charge
--   DECLINED  the provider refused the card; no money was taken
--   FAILED    the provider stayed unavailable; PaymentFailed was sent. When the provider's answer is not
--             known (a timeout), unverified is true until a lookup proves no charge exists or the
--             charge found has been voided by a refund.
CREATE TABLE charge
(
  order_id           TEXT PRIMARY KEY,
  customer_id        TEXT        NOT NULL,
  amount_cents       BIGINT      NOT NULL CHECK (amount_cents > 0),
  status             TEXT        NOT NULL CHECK (status IN ('PENDING', 'CHARGED', 'DECLINED', 'FAILED')),
  provider_charge_id TEXT UNIQUE,
  reason             TEXT,
  unverified         BOOLEAN     NOT NULL DEFAULT FALSE,
  reply_to           TEXT,
  attempts           INT         NOT NULL DEFAULT 0,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX charge_open ON charge (updated_at) WHERE status = 'PENDING' OR unverified;

-- At most one refund per order (the saga's compensation, or the void of a charge whose PaymentFailed
-- had already been sent); its provider idempotency key is derived from the order id.
--   PENDING   the provider call is under way (or must be made again after a crash)
--   REFUNDED  the money went back; provider_refund_id says which refund
--   FAILED    the provider did not refund yet; RefundFailed was sent and the saga asks again
CREATE TABLE refund
(
  order_id           TEXT PRIMARY KEY,
  provider_charge_id TEXT        NOT NULL,
  amount_cents       BIGINT      NOT NULL CHECK (amount_cents > 0),
  status             TEXT        NOT NULL CHECK (status IN ('PENDING', 'REFUNDED', 'FAILED')),
  provider_refund_id TEXT UNIQUE,
  reason             TEXT,
  void               BOOLEAN     NOT NULL DEFAULT FALSE,
  reply_to           TEXT,
  attempts           INT         NOT NULL DEFAULT 0,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX refund_open ON refund (updated_at) WHERE status = 'PENDING';
