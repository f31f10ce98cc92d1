-- The idempotency key an order was placed with, kept on the order itself. The key's record in
-- idempotency_key is stored only after the order's transaction commits; a crash between the two would
-- let a retry place the order again once the key's lease ran out. With the key on the order row, in the
-- same transaction as the order, the retry finds the order instead. Orders placed without a key
-- (in-process callers) leave both columns empty; PostgreSQL never treats two NULLs as a duplicate.
ALTER TABLE purchase_order
  ADD COLUMN client_id       TEXT,
  ADD COLUMN idempotency_key TEXT,
  ADD CONSTRAINT purchase_order_placement_key UNIQUE (client_id, idempotency_key),
  ADD CONSTRAINT purchase_order_placement_key_whole CHECK ((client_id IS NULL) = (idempotency_key IS NULL));
