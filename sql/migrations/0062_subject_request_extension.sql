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
ALTER TABLE subject_request
	ADD COLUMN first_due_on DATE NULL AFTER due_on,
	ADD COLUMN extended_on DATE NULL AFTER first_due_on,
	ADD COLUMN extended_by VARCHAR(100) NULL AFTER extended_on,
	ADD COLUMN extension_reason VARCHAR(2000) NULL AFTER extended_by;
