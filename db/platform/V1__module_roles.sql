-- One NOLOGIN role per module. A module's transactions run under its role (SET LOCAL ROLE), so the
-- rights granted here and in each module's own migrations are all a module can ever touch.
-- Roles belong to the whole PostgreSQL cluster, hence the checks before creating them.
DO $$
DECLARE
  module text;
BEGIN
  FOREACH module IN ARRAY ARRAY['messaging', 'customers', 'inventory', 'orders', 'payments', 'shipping',
                                'notifications'] LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ficus_' || module) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', 'ficus_' || module);
    END IF;
    -- The application's login role may switch to each module role, but inherits none of their rights.
    EXECUTE format('GRANT %I TO %I', 'ficus_' || module, '${app_user}');
  END LOOP;
END $$;
