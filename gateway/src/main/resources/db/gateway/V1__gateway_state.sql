-- State the gateway replicas share. Everything lives in the schema "gateway".

-- One row that every route-table writer locks, so concurrent changes (from any replica) are serialized and
-- none is lost. "version" is the current table version; "file_hash" is the hash of the route file content that
-- was last applied, so replicas reading the same file do not apply it twice.
CREATE TABLE route_table_head (
    id        INT PRIMARY KEY CHECK (id = 1),
    version   BIGINT NOT NULL,
    file_hash TEXT
);
INSERT INTO route_table_head (id, version, file_hash) VALUES (1, 0, NULL);

-- Every table ever applied: the history to restore from and the audit of each flip.
CREATE TABLE route_table_version (
    version    BIGINT PRIMARY KEY,
    routes     TEXT        NOT NULL,
    source     TEXT        NOT NULL,
    actor      TEXT        NOT NULL,
    summary    TEXT        NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Bucket4j token buckets, one row per client; rows expire once a bucket would be full again.
CREATE TABLE rate_limit_bucket (
    id         TEXT PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);

-- The signing key of the local development issuer, shared so that every replica accepts every replica's tokens.
CREATE TABLE dev_issuer_key (
    id         INT PRIMARY KEY CHECK (id = 1),
    jwk        TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
