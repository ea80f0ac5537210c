-- 0052: the retention of registration drafts (issue 20, after issue 16):
-- a household left open at a desk is erased 7 days after its last
-- change (havre-registration also drops it when the desk is opened
-- after Registration.DraftDays); a saved household's draft stays with
-- its case file.
INSERT INTO retention_rule (category, keep_days, action, starts, what,
    legal_source, updated_at) VALUES
('registration_draft', 7, 'erase', 'the draft''s last change',
 'a household being registered and never saved: its persons'' names, dates, documents, contacts and needs as typed at the desk',
 'GDPR art. 5(1)(c) and (e) (data minimisation, storage limitation)', UTC_TIMESTAMP(6));
