-- The inventory module's schema: only the ficus_inventory role may use it.
GRANT USAGE ON SCHEMA inventory TO ficus_inventory;
ALTER DEFAULT PRIVILEGES IN SCHEMA inventory GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ficus_inventory;
ALTER DEFAULT PRIVILEGES IN SCHEMA inventory GRANT USAGE, SELECT ON SEQUENCES TO ficus_inventory;

-- Stock is conserved per item: on_hand + reserved + shipped never changes except by restocking.
CREATE TABLE item
(
  sku         TEXT PRIMARY KEY,
  name        TEXT   NOT NULL,
  price_cents BIGINT NOT NULL CHECK (price_cents >= 0),
  on_hand     INT    NOT NULL CHECK (on_hand >= 0),
  reserved    INT    NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  shipped     INT    NOT NULL DEFAULT 0 CHECK (shipped >= 0),
  version     BIGINT NOT NULL DEFAULT 0
);
