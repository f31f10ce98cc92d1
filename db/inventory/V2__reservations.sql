-- What each order holds. One row per order makes every command idempotent per order: a repeated
-- ReserveInventory finds the row and repeats its outcome, a repeated release or commit finds it settled.
CREATE TABLE reservation
(
  order_id    TEXT PRIMARY KEY,
  status      TEXT        NOT NULL CHECK (status IN ('RESERVED', 'REJECTED', 'RELEASED', 'COMMITTED')),
  reason      TEXT,
  total_cents BIGINT      NOT NULL DEFAULT 0,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE reservation_line
(
  order_id         TEXT   NOT NULL REFERENCES reservation (order_id),
  sku              TEXT   NOT NULL REFERENCES item (sku),
  quantity         INT    NOT NULL CHECK (quantity > 0),
  unit_price_cents BIGINT NOT NULL CHECK (unit_price_cents >= 0),
  PRIMARY KEY (order_id, sku)
);

-- Everything ever stocked, so PostgreSQL itself keeps stock conserved: reservations, releases and
-- shipments move units between the three columns, only stocking adds to the total.
ALTER TABLE item ADD COLUMN stocked INT;
UPDATE item SET stocked = on_hand + reserved + shipped;
ALTER TABLE item ALTER COLUMN stocked SET NOT NULL;
ALTER TABLE item ADD CONSTRAINT item_stock_conserved CHECK (on_hand + reserved + shipped = stocked);
