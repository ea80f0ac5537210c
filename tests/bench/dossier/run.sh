#!/usr/bin/env bash
# tests/bench/dossier/run.sh: figures of the case file at scale (issue
# 15), never pass/fail, loopback only.
#   1. a register of BENCH_DOSSIERS (1,000,000) dossiers with ten events
#      each, generated deterministically by gen.sql (Sequence engine,
#      INSERT ... SELECT in chunks): rows/s and the tables' sizes;
#   2. through nginx (the stack's intranet vhost, a signed-in supervisor
#      who is also a case officer), p50 / p95 / max of: each work list
#      (/dossier?list=...), the dossier page (BENCH_PAGES dossiers in
#      turn), the monitoring page for a year of one procedure (the
#      regular procedure, the last full year) and for all procedures,
#      and its CSV; beside each, the p95's ratio to issue 15's target
#      (50 ms for lists and the dossier page, 1 s for monitoring) and to
#      /healthz's p95 (the transport).
# It uses its own stack (env "dossierbench", ports 28690/28691, Kannel
# 28700): the generated dossiers, persons and officers never reach a
# stack agents or applicants use. The register is kept between runs when
# its size matches (BENCH_REGEN=1 makes it again).
#
# Environment: BENCH_ENV (dossierbench), BENCH_DOSSIERS (1000000),
# BENCH_REQUESTS (requests per measure, 200; monitoring: a tenth, at
# least 10), BENCH_CLIENTS (concurrent clients, 2), BENCH_PAGES
# (distinct dossier pages, 200), BENCH_POOL (InnoDB buffer pool bytes,
# 2147483648), BENCH_BUDGET (seconds of measuring at most per line,
# 60), BENCH_REGEN, HAVRE_BUILD (build/), HAVRE_INTRANET_PORT,
# HAVRE_PUBLIC_PORT, HAVRE_KANNEL_PORT.
set -euo pipefail

SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
HERE="$SRCDIR/tests/bench/dossier"
export HAVRE_ENV=${BENCH_ENV:-dossierbench}
export HAVRE_BUILD=${HAVRE_BUILD:-$SRCDIR/build}
export HAVRE_INTRANET_PORT=${HAVRE_INTRANET_PORT:-28690}
export HAVRE_PUBLIC_PORT=${HAVRE_PUBLIC_PORT:-28691}
export HAVRE_KANNEL_PORT=${HAVRE_KANNEL_PORT:-28700}
N=${BENCH_DOSSIERS:-1000000}
REQUESTS=${BENCH_REQUESTS:-200}
CLIENTS=${BENCH_CLIENTS:-2}
PAGES=${BENCH_PAGES:-200}
POOL=${BENCH_POOL:-2147483648}
[[ $HAVRE_ENV =~ ^[a-z0-9_-]+$ ]] || { echo "bad BENCH_ENV" >&2; exit 2; }
for v in "$N" "$REQUESTS" "$CLIENTS" "$PAGES" "$POOL"; do
	[[ $v =~ ^[0-9]+$ ]] || { echo "bad BENCH_* value: $v" >&2; exit 2; }
done
((N >= 1000 && N <= 5000000 && REQUESTS <= 5000 && CLIENTS <= 8 &&
    PAGES >= 1 && PAGES <= 10000)) ||
	{ echo "bounds: 1000 <= dossiers <= 5000000, requests <= 5000, clients <= 8, pages <= 10000" >&2; exit 2; }
VAR="$SRCDIR/var/$HAVRE_ENV"
WORK="$VAR/bench"
URL="http://127.0.0.1:$HAVRE_INTRANET_PORT"
DB=(mariadb --no-defaults --batch --skip-column-names
    --socket="$VAR/run/mysql.sock" -uroot havre)

say() { printf '%s\n' "$*" >&2; }

command -v node >/dev/null || { say "node is not installed"; exit 1; }
if ! curl -fsS -o /dev/null "$URL/healthz" 2>/dev/null; then
	say "starting the $HAVRE_ENV stack"
	"$SRCDIR/contrib/dev" up >&2
fi
mkdir -p "$WORK"
# A buffer pool that holds the dossier indexes, set when the server
# starts (as tests/bench/identity does).
if [[ $("${DB[@]}" -e "SELECT @@innodb_buffer_pool_size") != "$POOL" ]]; then
	"$SRCDIR/contrib/dev" db-stop >&2
	HAVRE_DB_BUFFER_POOL=$POOL "$SRCDIR/contrib/dev" db-start >&2
fi

# The benchmark's agent: a supervisor who is also a case officer (every
# list, the monitoring, sealed dossiers).
AGENT=benchsupervisor
PASSWORD="Bench supervisor of the dossier register"
officer=$("${DB[@]}" -e "SELECT id FROM agent WHERE username = '$AGENT'")
if [[ -z $officer ]]; then
	printf '%s\n' "$PASSWORD" | "$HAVRE_BUILD/havre-admin" --config \
	    "$VAR/havre.hdf" user add --username "$AGENT" --password-file - \
	    --display-name "Bench supervisor" --role supervisor \
	    --role case_officer >/dev/null
	officer=$("${DB[@]}" -e "SELECT id FROM agent WHERE username = '$AGENT'")
fi

# ------------------------------------------------ 1. the register
today=$(date -u +%F)
have=$("${DB[@]}" -e "SELECT COUNT(*) FROM dossier")
if [[ ${BENCH_REGEN:-0} == 1 || $have != "$N" ||
    $(cat "$WORK/dossier.today" 2>/dev/null) != "$today" ]]; then
	say "generating $N dossiers and $((N * 10)) events (gen.sql)"
	"${DB[@]}" -e "SET FOREIGN_KEY_CHECKS = 0;
		TRUNCATE dossier_event; TRUNCATE dossier_clock;
		TRUNCATE dossier_person; TRUNCATE dossier_document;
		TRUNCATE dossier_note; TRUNCATE dossier_decision;
		TRUNCATE dossier; TRUNCATE dossier_stat_day;
		TRUNCATE dossier_stat_duration;
		DELETE FROM person WHERE source = 'bench';
		DELETE FROM agent WHERE username LIKE 'benchofficer%';
		SET FOREIGN_KEY_CHECKS = 1"
	t0=$(date +%s.%N)
	{ printf "SET @n = %d, @today = '%s', @officer = %d;\n" "$N" "$today" \
	    "$officer"; cat "$HERE/gen.sql"; } | "${DB[@]}" >/dev/null
	t1=$(date +%s.%N)
	printf '%s\n' "$today" >"$WORK/dossier.today"
	awk -v n="$N" -v a="$t0" -v b="$t1" 'BEGIN {
		s = b - a
		printf("generated: %d dossiers, %d events in %.0f s (%.0f rows/s, persons, clocks and household included)\n",
		    n, n * 10, s, (n * 13.25) / s) }'
fi
"${DB[@]}" -e "SELECT table_name, table_rows,
	ROUND((data_length + index_length) / 1048576)
	FROM information_schema.tables WHERE table_schema = 'havre' AND
	table_name IN ('dossier', 'dossier_event', 'dossier_clock',
	'dossier_person', 'person') ORDER BY 1" |
	awk 'BEGIN { printf("%-16s %12s %8s\n", "table", "rows (est.)", "MiB") }
	{ printf("%-16s %12s %8s\n", $1, $2, $3) }'

# ------------------------------------------------ 2. pages through nginx
jar="$WORK/cookies.txt"
rm -f "$jar"
csrf=$(curl -s -c "$jar" -b "$jar" "$URL/login" |
    grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"$//')
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
    -H "Origin: $URL" --data-urlencode "csrf=$csrf" \
    --data-urlencode "username=$AGENT" --data-urlencode "password=$PASSWORD" \
    "$URL/login")
[[ $code == 303 ]] || { say "login answered $code"; exit 1; }
cookie=$(awk '!/^#/ && NF >= 7 { printf("%s%s=%s", n++ ? "; " : "", $6, $7) }
    /^#HttpOnly_/ { printf("%s%s=%s", n++ ? "; " : "", $6, $7) }' "$jar")

regular=$("${DB[@]}" -e "SELECT id FROM wf_procedure WHERE code = 'regular'")
year=$(( $(date -u +%Y) - 1 ))
first=$("${DB[@]}" -e "SELECT MIN(id) FROM dossier")
pages=()
for ((i = 0; i < PAGES; i++)); do
	pages+=("/dossier/$(( first + (i * 7919) % N ))")
done
monthly=$(( REQUESTS / 10 < 10 ? 10 : REQUESTS / 10 ))

base_p95=
# measure NAME TARGET_MS REQUESTS PATH...: one line of the table.
measure()
{
	local name=$1 target=$2 n=$3
	shift 3
	read -r p50 p95 max count bad < <(node "$HERE/load.mjs" "$URL" \
	    "$cookie" "$n" "$CLIENTS" "$@")
	[[ $bad == 0 ]] || say "warning: $name: $bad answers were not 200"
	[[ -z $base_p95 ]] && base_p95=$p95
	awk -v name="$name" -v p50="$p50" -v p95="$p95" -v max="$max" \
	    -v n="$count" -v t="$target" -v b="$base_p95" 'BEGIN {
		printf("%-40s %6d %8.1f %8.1f %8.1f %9s %9s\n", name, n, p50, p95,
		    max, t > 0 ? sprintf("%.2f", p95 / t) : "-",
		    b > 0 ? sprintf("%.1f", p95 / b) : "-") }'
}

printf '\ndossier benchmark: %d dossiers, %d clients, through nginx (%s)\n' \
    "$N" "$CLIENTS" "$URL"
printf '%-40s %6s %8s %8s %8s %9s %9s\n' what n 'p50 ms' 'p95 ms' 'max ms' \
    'p95/goal' 'p95/hz'
measure "/healthz (the transport)" 0 "$REQUESTS" /healthz
for list in mine unassigned due7 due30 overdue paused all; do
	measure "list=$list" 50 "$REQUESTS" "/dossier?list=$list"
done
measure "list=all, regular, interviewed" 50 "$REQUESTS" \
    "/dossier?list=all&procedure=$regular&status=interviewed"
measure "list=overdue, oldest first, page 5" 50 "$REQUESTS" \
    "/dossier?list=overdue&sort=lodged&page=5"
measure "list=all, oldest first" 50 "$REQUESTS" "/dossier?list=all&sort=lodged"
measure "dossier page ($PAGES dossiers)" 50 "$REQUESTS" "${pages[@]}"
measure "monitor: regular, $year" 1000 "$monthly" \
    "/dossier/monitor?procedure=$regular&year=$year"
measure "monitor: all procedures, $year" 1000 "$monthly" \
    "/dossier/monitor?procedure=0&year=$year"
measure "monitor CSV: regular, $year, weeks" 1000 "$monthly" \
    "/dossier/monitor/export?procedure=$regular&year=$year&table=weeks"
printf 'goals (issue 15): each work list and the dossier page p95 < 50 ms; the monitoring page for a year of one procedure < 1 s\n'
