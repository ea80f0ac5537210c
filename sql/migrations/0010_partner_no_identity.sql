-- 0010: a partner agency sees only its own bookings (and, as they come,
-- its own exchanges), never the identity register. Migration 0002 gave
-- the partner_agency role identity.search, so a partner's API key could
-- search persons by name and birth date and a partner agent could open
-- full person pages (documents, phones, photo, family). Taken back here;
-- an agency that wants a partner to search grants it knowingly, to a
-- role of its own.
DELETE rp FROM role_permission rp
	JOIN role r ON r.id = rp.role_id
	WHERE r.name = 'partner_agency' AND rp.permission LIKE 'identity.%';
