-- One shipment per order at most. A repeated ScheduleShipment finds the row and repeats its outcome.
CREATE TABLE shipment
(
  id           UUID PRIMARY KEY,
  order_id     TEXT        NOT NULL UNIQUE,
  customer_id  TEXT        NOT NULL,
  status       TEXT        NOT NULL CHECK (status IN ('SCHEDULED', 'FAILED', 'CANCELLED')),
  reason       TEXT,
  parcels      INT         NOT NULL,
  scheduled_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
