-- The orders module's schema: only the ficus_orders role may use it.
GRANT USAGE ON SCHEMA orders TO ficus_orders;
ALTER DEFAULT PRIVILEGES IN SCHEMA orders GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ficus_orders;
ALTER DEFAULT PRIVILEGES IN SCHEMA orders GRANT USAGE, SELECT ON SEQUENCES TO ficus_orders;
