#!/usr/bin/env bash
# tests/bench/booking/fixtures.sh: the booking benchmark's own data, made
# and removed (issue 13 item 8: a benchmark leaves nothing an applicant
# or an agent can see).
#
#   fixtures.sh setup TAG    a site "Bench TAG" (open all day, every day),
#                            a service TAG offered on every level to
#                            partners and on public levels on the web, 4
#                            seats per hourly slot, an API key named TAG;
#                            prints "site_id service_id level_id api_key"
#   fixtures.sh cleanup TAG  removes everything of TAG: the bookings made
#                            on its site or service and what hangs from
#                            them (SMS in the outbox, replies, visits,
#                            idempotency rows, person links), its slots,
#                            quotas, hours, stations, the site, the
#                            service and the API key, in one transaction
#   fixtures.sh sweep        cleanup of every TAG an earlier run left
#                            behind (a run killed with SIGKILL, or one
#                            made before the cleanup existed)
#
# TAG is "bench" and digits. The audit trail keeps its rows (append-only,
# hash-chained): they name ids, not the bench's names.
#
# Environment: BENCH_DB_SOCKET (the stack's MariaDB socket; default
# var/$HAVRE_ENV/run/mysql.sock), HAVRE_CONFIG (the stack's havre.hdf;
# default var/$HAVRE_ENV/havre.hdf), HAVRE_BUILD (build/: havre-admin),
# HAVRE_ENV (dev). The database is reached as its root user (no password,
# as contrib/dev's private server has).
set -euo pipefail

SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
ENV_NAME=${HAVRE_ENV:-dev}
[[ $ENV_NAME =~ ^[a-z0-9_-]+$ ]] || { echo "bad HAVRE_ENV" >&2; exit 1; }
VAR="$SRCDIR/var/$ENV_NAME"
SOCKET=${BENCH_DB_SOCKET:-$VAR/run/mysql.sock}
CONFIG=${HAVRE_CONFIG:-$VAR/havre.hdf}
BUILD=${HAVRE_BUILD:-$SRCDIR/build}

db()
{
	mariadb --no-defaults --batch --skip-column-names \
	    --socket="$SOCKET" -uroot havre "$@"
}

# Exit unless $1 is a bench tag (it is pasted into SQL text below).
check_tag()
{
	[[ ${1:-} =~ ^bench[0-9]{1,24}$ ]] || { echo "bad tag: ${1:-}" >&2; exit 2; }
}

setup()
{
	local tag=$1 site_id service_id level_id key
	check_tag "$tag"
	db <<SQL
START TRANSACTION;
INSERT INTO site (code, name, time_zone) VALUES ('$tag', 'Bench $tag', 'Europe/Paris');
SET @s = LAST_INSERT_ID();
INSERT INTO site_hours SELECT @s, seq, '00:00', '23:59' FROM seq_1_to_7;
INSERT INTO service (code) VALUES ('$tag');
SET @v = LAST_INSERT_ID();
INSERT INTO service_text (service_id, lang, name, documents) VALUES (@v, 'en', 'Bench', 'Nothing');
INSERT INTO service_offer SELECT @v, id, 'partner' FROM service_level;
INSERT INTO quota_template SELECT @s, l.id, 'partner', d.seq,
	MAKETIME(h.seq, 0, 0), 4 FROM service_level l, seq_1_to_7 d, seq_0_to_23 h;
INSERT INTO service_offer SELECT @v, id, 'web' FROM service_level WHERE public = 1;
INSERT INTO quota_template SELECT @s, l.id, 'web', d.seq,
	MAKETIME(h.seq, 0, 0), 4 FROM service_level l, seq_1_to_7 d, seq_0_to_23 h
	WHERE l.public = 1;
COMMIT;
SQL
	read -r site_id service_id level_id < <(db -e "SELECT s.id, v.id, l.id
		FROM site s, service v, service_level l
		WHERE s.code = '$tag' AND v.code = '$tag' AND l.code = 'regular'")
	key=$("$BUILD/havre-admin" --config "$CONFIG" apikey add --name "$tag" \
	    --role partner_agency | grep -o 'hvk_[0-9a-f]*' || true)
	if [[ -z $key ]]; then
		echo "no API key" >&2
		cleanup "$tag"
		exit 1
	fi
	printf '%s %s %s %s\n' "$site_id" "$service_id" "$level_id" "$key"
}

cleanup()
{
	local tag=$1
	check_tag "$tag"
	# Children before parents (the foreign keys); bookings of the bench's
	# site or service, whichever channel made them.
	db <<SQL
START TRANSACTION;
SET @s = (SELECT id FROM site WHERE code = '$tag');
SET @v = (SELECT id FROM service WHERE code = '$tag');
SET @k = (SELECT id FROM api_key WHERE name = '$tag');
CREATE TEMPORARY TABLE bench_appt (id BIGINT PRIMARY KEY) ENGINE=InnoDB;
INSERT INTO bench_appt SELECT id FROM appointment
	WHERE site_id <=> @s OR service_id <=> @v OR api_key_id <=> @k;
DELETE FROM api_idempotency WHERE api_key_id <=> @k
	OR appointment_id IN (SELECT id FROM bench_appt);
DELETE FROM person_appointment WHERE appointment_id IN (SELECT id FROM bench_appt);
DELETE FROM outbox_message WHERE entity = 'appointment'
	AND entity_id IN (SELECT id FROM bench_appt);
DELETE FROM sms_inbound WHERE appointment_id IN (SELECT id FROM bench_appt);
DELETE FROM visit_event WHERE appointment_id IN (SELECT id FROM bench_appt)
	OR visit_id IN (SELECT id FROM visit WHERE site_id <=> @s);
DELETE FROM visit WHERE site_id <=> @s OR appointment_id IN (SELECT id FROM bench_appt);
DELETE FROM appointment WHERE id IN (SELECT id FROM bench_appt);
DELETE FROM counter WHERE station_id IN
	(SELECT id FROM station WHERE site_id <=> @s OR service_id <=> @v);
DELETE FROM station WHERE site_id <=> @s OR service_id <=> @v;
DELETE FROM reception_ticket WHERE site_id <=> @s;
DELETE FROM reception_day_close WHERE site_id <=> @s;
DELETE FROM reception_site WHERE site_id <=> @s;
DELETE FROM slot_quota WHERE site_id <=> @s;
DELETE FROM quota_override WHERE site_id <=> @s;
DELETE FROM quota_template WHERE site_id <=> @s;
DELETE FROM site_closed WHERE site_id <=> @s;
-- after the slots and closed days, whose triggers move it (0031)
DELETE FROM slot_day_version WHERE site_id <=> @s;
DELETE FROM site_hours WHERE site_id <=> @s;
UPDATE agent SET home_site_id = NULL WHERE home_site_id <=> @s;
DELETE FROM service_offer WHERE service_id <=> @v;
DELETE FROM service_text WHERE service_id <=> @v;
DELETE FROM service WHERE id <=> @v;
DELETE FROM site WHERE id <=> @s;
DELETE FROM api_key_use WHERE api_key_id <=> @k;
DELETE FROM api_key WHERE id <=> @k;
DROP TEMPORARY TABLE bench_appt;
COMMIT;
SQL
}

# Every tag an earlier run left: its site is named "Bench TAG", or its
# service or key carries a bench tag with no site left.
sweep()
{
	local tag
	while read -r tag; do
		[[ -n $tag ]] && cleanup "$tag"
	done < <(db -e "SELECT code FROM site WHERE code REGEXP '^bench[0-9]+\$'
			AND name = CONCAT('Bench ', code)
		UNION SELECT code FROM service WHERE code REGEXP '^bench[0-9]+\$'
		UNION SELECT name FROM api_key WHERE name REGEXP '^bench[0-9]+\$'")
}

case ${1:-} in
setup)		setup "${2:-}" ;;
cleanup)	cleanup "${2:-}" ;;
sweep)		sweep ;;
*)		echo "usage: fixtures.sh setup TAG | cleanup TAG | sweep" >&2; exit 2 ;;
esac
