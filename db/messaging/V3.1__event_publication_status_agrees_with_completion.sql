-- A publication with a completion time is completed: it can never also be failed. Spring Modulith 2.0.3's
-- staleness monitor reads resubmitted publications and marks them failed in a later statement, so it can
-- fail one that completed in between; this constraint makes such an update fail instead of lying.
ALTER TABLE event_publication
  ADD CONSTRAINT event_publication_completed_is_not_failed
  CHECK (completion_date IS NULL OR status IS NULL OR status = 'COMPLETED');
