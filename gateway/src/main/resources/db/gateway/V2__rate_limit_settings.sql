-- The rate-limit settings (default and client overrides) the buckets are shaped by, and their generation. A replica
-- starting with settings that differ from the stored ones stores its own under the next generation; a bucket stored
-- under an older generation has its configuration replaced when it is next used, so a changed limit reaches clients
-- that already have a bucket, whichever way it changed.
CREATE TABLE rate_limit_settings (
    id         INT PRIMARY KEY CHECK (id = 1),
    generation BIGINT NOT NULL,
    settings   TEXT   NOT NULL
);
INSERT INTO rate_limit_settings (id, generation, settings) VALUES (1, 0, '');

-- Buckets stored so far carry configuration versions made from a hash of the settings, which a generation might
-- never exceed. They only hold transient counts, so they go: every client starts once more with a full bucket.
DELETE FROM rate_limit_bucket;
