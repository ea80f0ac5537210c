-- 0019: the administrator holds every permission (migration 0002), so
-- also exchange.answer of migration 0014; an agent's session has no
-- exchanges of its own on the partners' API (it lists none).
INSERT INTO role_permission (role_id, permission)
	SELECT r.id, 'exchange.answer' FROM role r
	WHERE r.name = 'administrator';
