-- Idempotency keys of the HTTP endpoints the notifications module owns (dev.ficus.platform.idempotency).
-- One row per client and key: IN_PROGRESS with a holder and a lease while the first request runs, then
-- COMPLETED with the answer that repeats replay, until expires_at (purged on a schedule).
CREATE TABLE idempotency_key
(
  client_id        TEXT        NOT NULL,
  idempotency_key  TEXT        NOT NULL,
  fingerprint      TEXT        NOT NULL,
  request_method   TEXT        NOT NULL,
  request_path     TEXT        NOT NULL,
  state            TEXT        NOT NULL CHECK (state IN ('IN_PROGRESS', 'COMPLETED')),
  holder           UUID,
  locked_until     TIMESTAMPTZ,
  response_status  INT,
  response_headers JSONB,
  response_body    BYTEA,
  created_at       TIMESTAMPTZ NOT NULL,
  expires_at       TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (client_id, idempotency_key),
  CHECK (state = 'COMPLETED' OR (holder IS NOT NULL AND locked_until IS NOT NULL)),
  CHECK (state = 'IN_PROGRESS' OR response_status IS NOT NULL)
);
CREATE INDEX idempotency_key_expires_at_idx ON idempotency_key (expires_at);
