-- How often the landlord agreed to update the resident while the complaint is open (Code 5.9),
-- in working days, kept with how they want to be contacted; the daily digest names a case
-- whose update is due.
ALTER TABLE contact_arrangements ADD COLUMN update_days INTEGER CHECK (update_days BETWEEN 1 AND 60);
