-- Spring Modulith's JDBC event publication registry (the table layout its version 2 expects).
-- Every module writes here inside its own transactions, so every module role may insert and update
-- publications; the application role completes and resubmits them.
CREATE TABLE event_publication
(
  id                     UUID        NOT NULL PRIMARY KEY,
  listener_id            TEXT        NOT NULL,
  event_type             TEXT        NOT NULL,
  serialized_event       TEXT        NOT NULL,
  publication_date       TIMESTAMPTZ NOT NULL,
  completion_date        TIMESTAMPTZ,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMPTZ
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);

GRANT USAGE ON SCHEMA messaging TO ${app_user}, ficus_messaging, ficus_customers, ficus_inventory, ficus_orders,
  ficus_payments, ficus_shipping, ficus_notifications;
GRANT SELECT, INSERT, UPDATE, DELETE ON event_publication TO ${app_user}, ficus_messaging, ficus_customers,
  ficus_inventory, ficus_orders, ficus_payments, ficus_shipping, ficus_notifications;
