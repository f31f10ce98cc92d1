-- The shipping module's schema: only the ficus_shipping role may use it.
GRANT USAGE ON SCHEMA shipping TO ficus_shipping;
ALTER DEFAULT PRIVILEGES IN SCHEMA shipping GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ficus_shipping;
ALTER DEFAULT PRIVILEGES IN SCHEMA shipping GRANT USAGE, SELECT ON SEQUENCES TO ficus_shipping;
