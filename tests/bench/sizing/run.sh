#!/usr/bin/env bash
# tests/bench/sizing/run.sh: what one booking costs, for docs/sizing.md
# (issue 18 item 7). Figures, never pass/fail; loopback only, bounded.
#
# On a running stack (contrib/dev up; HAVRE_ENV, HAVRE_INTRANET_PORT), with
# the booking bench's own fixtures (tests/bench/booking/fixtures.sh: a
# site, a service, an API key, removed at the end whichever way the run
# ends), it makes BENCH_BOOKINGS (2000) partner bookings through the
# stack's nginx with BENCH_CLIENTS (8) clients, up to 4 per hourly slot,
# and prints:
#  - bookings per second;
#  - CPU per booking (user + system, from /proc) of mariadbd, of the
#    havre-appointments processes and of nginx;
#  - per table, the rows and the bytes (data + indexes, InnoDB's figures
#    after ANALYZE TABLE) the bookings added.
#
# `run.sh page NAME URL`: the CPU one page costs. wrk (-t2 -c8,
# BENCH_DURATION seconds, at most 30) on URL (with BENCH_COOKIE or
# BENCH_AUTH as the Cookie or Authorization header), then req/s, p50,
# p99 and the CPU per request of mariadbd, of every havre-* program of
# the stack (supervisors and workers) and of nginx.
#
# Environment: HAVRE_BUILD (build/), HAVRE_ENV (dev), HAVRE_INTRANET_PORT
# (8080), BENCH_BOOKINGS (at most 4000), BENCH_CLIENTS (at most 32),
# BENCH_DURATION (10).
set -euo pipefail

SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BUILD=${HAVRE_BUILD:-$SRCDIR/build}
ENV_NAME=${HAVRE_ENV:-dev}
BOOKINGS=${BENCH_BOOKINGS:-2000}
CLIENTS=${BENCH_CLIENTS:-8}
[[ $ENV_NAME =~ ^[a-z0-9_-]+$ ]] || { echo "bad HAVRE_ENV" >&2; exit 1; }
[[ $BOOKINGS =~ ^[0-9]+$ && $CLIENTS =~ ^[0-9]+$ ]] || { echo "bad BENCH_* value" >&2; exit 1; }
((BOOKINGS >= 100 && BOOKINGS <= 4000 && CLIENTS >= 1 && CLIENTS <= 32)) ||
	{ echo "bounds: 100 <= bookings <= 4000, clients <= 32" >&2; exit 1; }
VAR="$SRCDIR/var/$ENV_NAME"
RUN="$VAR/run"
STACK=http://127.0.0.1:${HAVRE_INTRANET_PORT:-8080}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FIXTURES="$HERE/../booking/fixtures.sh"
LOAD="$HERE/../booking/load.mjs"
WORK="$SRCDIR/var/bench-sizing-$ENV_NAME"
TICKS=$(getconf CLK_TCK)

say()
{
	printf '%s\n' "$*" >&2
}

db()
{
	mariadb --no-defaults --batch --skip-column-names \
	    --socket="$RUN/mysql.sock" -uroot havre "$@"
}

# The pids of a group: mariadbd, the appointments supervisor and its
# workers, havre-notify (it sends each booking's SMS meanwhile), or
# nginx's master and workers. One per line.
pids_of()
{
	local p
	case $1 in
	db)	cat "$RUN/mysql.pid" ;;
	prog)	p=$(cat "$RUN/havre-appointments.pid")
		printf '%s\n' "$p"
		cat "/proc/$p/task/$p/children" 2>/dev/null | tr ' ' '\n' ;;
	notify)	cat "$RUN/havre-notify.pid" 2>/dev/null || true ;;
	progs)	for f in "$RUN"/havre-*.pid; do
			p=$(cat "$f")
			printf '%s\n' "$p"
			cat "/proc/$p/task/$p/children" 2>/dev/null | tr ' ' '\n'
		done ;;
	nginx)	p=$(cat "$VAR/nginx/nginx.pid")
		printf '%s\n' "$p"
		cat "/proc/$p/task/$p/children" 2>/dev/null | tr ' ' '\n' ;;
	esac | grep -E '^[0-9]+$'
}

# utime + stime of a group's processes, in clock ticks (the pids are
# read once at the start: the same processes before and after).
ticks()
{
	local p sum=0 f
	for p in $2; do
		f=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null) || continue
		# fields after the name: 12 = utime, 13 = stime (1-based, from state)
		set -- $f
		sum=$((sum + ${12} + ${13}))
	done
	printf '%s\n' "$sum"
}

# "table rows bytes" for every table of the schema, after ANALYZE.
sizes()
{
	local t
	for t in $(db -e "SELECT table_name FROM information_schema.tables
	    WHERE table_schema = 'havre' AND engine = 'InnoDB'"); do
		db -e "ANALYZE TABLE \`$t\`" >/dev/null
	done
	db -e "SELECT table_name, (SELECT 0), data_length + index_length
	    FROM information_schema.tables WHERE table_schema = 'havre'
	    AND engine = 'InnoDB' ORDER BY table_name" |
	while read -r t _ bytes; do
		printf '%s %s %s\n' "$t" "$(db -e "SELECT COUNT(*) FROM \`$t\`")" "$bytes"
	done
}

# run.sh page NAME URL: wrk on one page, CPU per request.
if [[ ${1:-} == page ]]; then
	name=${2:?name} url=${3:?url}
	dur=${BENCH_DURATION:-10}
	[[ $dur =~ ^[0-9]+$ ]] && ((dur >= 1 && dur <= 30)) || { say "BENCH_DURATION: 1..30"; exit 1; }
	[[ $url == http://127.0.0.1:* ]] || { say "loopback URLs only"; exit 1; }
	hdr=()
	[[ -n ${BENCH_COOKIE:-} ]] && hdr=(-H "Cookie: $BENCH_COOKIE")
	[[ -n ${BENCH_AUTH:-} ]] && hdr=(-H "Authorization: $BENCH_AUTH")
	code=$(curl -s -o /dev/null -w '%{http_code}' "${hdr[@]}" "$url")
	[[ $code == 200 ]] || { say "$url answers $code"; exit 1; }
	db_pids=$(pids_of db)
	prog_pids=$(pids_of progs)
	nginx_pids=$(pids_of nginx)
	t_db=$(ticks db "$db_pids")
	t_prog=$(ticks progs "$prog_pids")
	t_nginx=$(ticks nginx "$nginx_pids")
	out=$(wrk -t2 -c8 -d"${dur}s" --latency "${hdr[@]}" "$url")
	t_db=$(( $(ticks db "$db_pids") - t_db ))
	t_prog=$(( $(ticks progs "$prog_pids") - t_prog ))
	t_nginx=$(( $(ticks nginx "$nginx_pids") - t_nginx ))
	n=$(awk '/requests in/ { print $1 }' <<<"$out")
	bad=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
	awk -v name="$name" -v n="$n" -v hz="$TICKS" -v a="$t_db" -v b="$t_prog" \
	    -v c="$t_nginx" -v bad="${bad:-0}" -v la="$(cut -d' ' -f1 /proc/loadavg)" '
	function ms(v) {
		if (v ~ /us$/) return v / 1000
		if (v ~ /ms$/) return v + 0
		if (v ~ /s$/) return v * 1000
		return v
	}
	/^ +50%/ { p50 = ms($2) }
	/^ +99%/ { p99 = ms($2) }
	/^Requests\/sec:/ { rps = $2 }
	END {
		f = 1000000 / hz / n
		printf("%-30s %8.0f req/s  p50 %6.1f ms  p99 %6.1f ms  CPU/request: mariadbd %5.0f us, programs %5.0f us, nginx %4.0f us (%d non-2xx, load %s)\n",
		    name, rps, p50, p99, a * f, b * f, c * f, bad, la)
	}' <<<"$out"
	exit 0
fi

command -v node >/dev/null || { say "node is not installed"; exit 1; }
code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$STACK/healthz" || true)
[[ $code == 200 ]] || { say "no stack at $STACK (contrib/dev up)"; exit 1; }

export HAVRE_ENV="$ENV_NAME" HAVRE_BUILD="$BUILD" BENCH_DB_SOCKET="$RUN/mysql.sock"
export HAVRE_CONFIG="$VAR/havre.hdf"
"$FIXTURES" sweep
tag=bench$$$RANDOM
trap '"$FIXTURES" cleanup "$tag"' EXIT
trap 'exit 130' INT TERM
read -r _ _ _ key < <("$FIXTURES" setup "$tag")
[[ -n ${key:-} ]] || { say "no fixtures"; exit 1; }
mkdir -p "$WORK"

# Up to 4 bookings per hourly slot (its partner seats), from day 3 on.
starts="$WORK/starts.txt"
: >"$starts"
n=0
for ((d = 3; d < 63 && n < BOOKINGS; d++)); do
	dd=$(date -u -d "+$d days" +%F)
	for ((h = 4; h < 23 && n < BOOKINGS; h++)); do
		for ((s = 0; s < 4 && n < BOOKINGS; s++)); do
			printf '%sT%02d:00:00\n' "$dd" "$h" >>"$starts"
			n=$((n + 1))
		done
	done
done
# The slots exist before the measure (availability makes them).
curl -s -o /dev/null -H "Authorization: Bearer $key" \
    "$STACK/appointments/api/v1/availability?site=$tag&service=$tag&from=$(date -u -d '+3 days' +%F)&to=$(date -u -d '+62 days' +%F)"

db_pids=$(pids_of db)
prog_pids=$(pids_of prog)
nginx_pids=$(pids_of nginx)
notify_pids=$(pids_of notify)
sizes >"$WORK/before.txt"
t_db=$(ticks db "$db_pids")
t_prog=$(ticks prog "$prog_pids")
t_nginx=$(ticks nginx "$nginx_pids")
t_notify=$(ticks notify "$notify_pids")
read -r ok other secs < <(node "$LOAD" distinct "$STACK" "$key" "$tag" "$tag" \
    "$starts" "$CLIENTS")
t_db=$(( $(ticks db "$db_pids") - t_db ))
t_prog=$(( $(ticks prog "$prog_pids") - t_prog ))
t_nginx=$(( $(ticks nginx "$nginx_pids") - t_nginx ))
t_notify=$(( $(ticks notify "$notify_pids") - t_notify ))
# The API key uses are written a second after (in batches).
sleep 2
sizes >"$WORK/after.txt"

printf '\nsizing: %d bookings (%d refused) in %.2f s, %d clients: %.0f bookings/s\n' \
    "$ok" "$other" "$secs" "$CLIENTS" "$(awk -v o="$ok" -v s="$secs" 'BEGIN { print (s > 0 ? o / s : 0) }')"
((ok > 0)) || exit 1
awk -v ok="$ok" -v hz="$TICKS" -v a="$t_db" -v b="$t_prog" -v c="$t_nginx" \
    -v d="$t_notify" 'BEGIN {
	f = 1000 / hz / ok
	printf("CPU per booking: mariadbd %.2f ms, havre-appointments %.2f ms, nginx %.2f ms,\n", a * f, b * f, c * f)
	printf("  havre-notify %.2f ms (its SMS sent meanwhile); total %.2f ms\n", d * f, (a + b + c + d) * f)
}'
printf 'load average during the run: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n%-28s %10s %12s %14s\n' table 'rows/bkg' 'bytes/bkg' 'bytes/row all'
join "$WORK/before.txt" "$WORK/after.txt" | awk -v ok="$ok" '
	{ dr = $4 - $2; db = $5 - $3
	  if (dr != 0 || db != 0)
		printf("%-28s %10.2f %12.0f %14.0f\n", $1, dr / ok, db / ok, $4 > 0 ? $5 / $4 : 0)
	  tr += dr; tb += db }
	END { printf("%-28s %10.2f %12.0f\n", "all tables", tr / ok, tb / ok) }'
