-- Who may place orders. Email is not unique: the same person may register twice, as a shop allows.
CREATE TABLE customer
(
  id            UUID PRIMARY KEY,
  name          TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email         TEXT        NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
  registered_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
