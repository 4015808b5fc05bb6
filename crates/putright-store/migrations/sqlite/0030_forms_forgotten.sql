-- Forms are forgotten 30 days after they were last touched, sent or not (a sent form keeps only
-- the address its confirmation names; the case holds the rest): found by when they were
-- last touched.
CREATE INDEX web_drafts_touched ON web_drafts (updated_at);
