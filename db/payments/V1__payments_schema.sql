-- The payments module's schema: only the ficus_payments role may use it.
GRANT USAGE ON SCHEMA payments TO ficus_payments;
ALTER DEFAULT PRIVILEGES IN SCHEMA payments GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ficus_payments;
ALTER DEFAULT PRIVILEGES IN SCHEMA payments GRANT USAGE, SELECT ON SEQUENCES TO ficus_payments;
