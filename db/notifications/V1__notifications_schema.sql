-- The notifications module's schema: only the ficus_notifications role may use it.
GRANT USAGE ON SCHEMA notifications TO ficus_notifications;
ALTER DEFAULT PRIVILEGES IN SCHEMA notifications GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ficus_notifications;
ALTER DEFAULT PRIVILEGES IN SCHEMA notifications GRANT USAGE, SELECT ON SEQUENCES TO ficus_notifications;
