-- A role for the data-protection officer, who answers subject access requests, runs the
-- retention schedule and erases personal data on request.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('administrator',
    'complaints_officer', 'investigating_manager', 'stage2_reviewer', 'member_responsible',
    'governing_body', 'data_protection_officer'));
