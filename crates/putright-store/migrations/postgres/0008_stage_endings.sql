-- A stage can now end by refusal (kept, so a report as at an earlier day still sees it received)
-- or by closure without a response.
ALTER TABLE stages DROP CONSTRAINT stages_ending_check;
ALTER TABLE stages ADD CONSTRAINT stages_ending_check
    CHECK (ending IN ('responded', 'withdrawn', 'closed', 'refused'));
