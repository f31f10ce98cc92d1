-- The customers module's schema: only the ficus_customers role may use it.
GRANT USAGE ON SCHEMA customers TO ficus_customers;
ALTER DEFAULT PRIVILEGES IN SCHEMA customers GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ficus_customers;
ALTER DEFAULT PRIVILEGES IN SCHEMA customers GRANT USAGE, SELECT ON SEQUENCES TO ficus_customers;
