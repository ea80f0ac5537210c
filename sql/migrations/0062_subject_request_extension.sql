-- 0062: a request's extension by two further months (GDPR art. 12(3):
-- "That period may be extended by two further months where necessary,
-- taking into account the complexity and number of the requests. The
-- controller shall inform the data subject of any such extension within
-- one month of receipt of the request, together with the reasons for
-- the delay."). Recorded on /dataprotection/requests/{id} while the
-- request is open and its first month runs, once, with the reason told
-- to the person: due_on becomes three months after receipt in all, the
-- first due day stays in first_due_on (issue 20 item 5; havre-portal,
-- requests.c). Numbered after 0056, which creates subject_request.
--
-- The requests themselves are personal data: the rule subject_request
-- (havre-admin purge) empties an answered request's texts five years
-- after its answer, keeping its kind, dates, decision and who handled
-- it (the figures: answered late this year), marked purged_at.
ALTER TABLE subject_request
	ADD COLUMN first_due_on DATE NULL AFTER due_on,
	ADD COLUMN extended_on DATE NULL AFTER first_due_on,
	ADD COLUMN extended_by VARCHAR(100) NULL AFTER extended_on,
	ADD COLUMN extension_reason VARCHAR(2000) NULL AFTER extended_by,
	ADD COLUMN purged_at DATETIME(6) NULL,
	ADD KEY subject_request_purge (status, purged_at, answered_on);

INSERT INTO retention_rule (category, keep_days, action, starts, what,
    legal_source, updated_at) VALUES
('subject_request', 1825, 'anonymise', 'the request''s answer',
 'the requester''s name, what they asked, the decision''s reason, the answer and the extension''s reason of an answered request; its kind, dates, decision and who recorded and answered it stay (the figures of answers given late). An open request stays',
 'GDPR art. 5(2) and 12 (showing how requests were answered); the agency''s records schedule (5 years, the time to complain and go to court)', UTC_TIMESTAMP(6));
