#!/usr/bin/env bash
# tests/bench/booking/run.sh: figures for havre-appointments (issue 4),
# never pass/fail, loopback only, bounded in time. Through one
# bench-only nginx (BENCH_PORT, beside the stack, as
# tests/bench/transport does), it measures:
#  (a) hello-fcgi, the constant FastCGI answer (2 workers), and
#  (b) the partner API's availability of one site and day (the stack's
#      havre-appointments workers), req/s with wrk, and the ratio b/a;
#  (p) the applicants' day page of that day, and the ratio p/a;
#  (b') and (p') the same over 200 day ranges and 400 pages in turn,
#      more than the workers keep (libbooking's kept reads, the kept
#      day pages): requests mostly read their days' slots and render,
#      the cost of a day whose seats changed since the worker last
#      answered it;
#  (c) 64 concurrent clients making 2,000 booking attempts on one 4-seat
#      slot: must print exactly 4 successes (and 4 rows in the database);
#  (d) bookings per second over distinct slots (BENCH_BOOKINGS, 1000).
# Needs a running stack (contrib/dev up) of HAVRE_ENV (dev) with its
# intranet on HAVRE_INTRANET_PORT (8080); it creates its own site,
# service and API key (names starting with "bench", fixtures.sh) and
# removes them, with every booking made on them, when it ends.
#
# Environment: HAVRE_BUILD (build/), HAVRE_ENV, HAVRE_INTRANET_PORT,
# BENCH_PORT (8091), BENCH_DURATION (wrk seconds, 10), BENCH_BOOKINGS.
set -euo pipefail

SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BUILD=${HAVRE_BUILD:-$SRCDIR/build}
PORT=${BENCH_PORT:-8091}
DURATION=${BENCH_DURATION:-10}
BOOKINGS=${BENCH_BOOKINGS:-1000}
ENV_NAME=${HAVRE_ENV:-dev}
[[ $ENV_NAME =~ ^[a-z0-9_-]+$ ]] || { echo "bad HAVRE_ENV" >&2; exit 1; }
[[ $PORT =~ ^[0-9]+$ && $DURATION =~ ^[0-9]+$ && $BOOKINGS =~ ^[0-9]+$ ]] ||
	{ echo "bad BENCH_* value" >&2; exit 1; }
((DURATION <= 60 && BOOKINGS <= 20000)) || { echo "bounds: duration <= 60, bookings <= 20000" >&2; exit 1; }
VAR="$SRCDIR/var/$ENV_NAME"
RUN_DEV="$VAR/run"
STACK=http://127.0.0.1:${HAVRE_INTRANET_PORT:-8080}
BENCH="$SRCDIR/var/bench-booking-$ENV_NAME"
HELLO="$BUILD/tests/bench/transport/hello-fcgi"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# As many workers as contrib/dev gives each program (2 per core).
WORKERS=${HAVRE_WORKERS:-$(( $(nproc) * 2 ))}

say()
{
	printf '%s\n' "$*" >&2
}

db()
{
	mariadb --no-defaults --batch --skip-column-names \
	    --socket="$RUN_DEV/mysql.sock" -uroot havre "$@"
}

cleanup()
{
	local pid
	if [[ -s $BENCH/nginx/nginx.pid ]]; then
		pid=$(tr -dc '0-9' <"$BENCH/nginx/nginx.pid")
		[[ -n $pid ]] && kill -QUIT "$pid" 2>/dev/null || true
	fi
	if [[ -s $BENCH/hello.pid ]]; then
		# spawn-fcgi writes the last pid without a line end: read
		# skips such a line unless told (that worker was left running).
		while read -r pid || [[ -n $pid ]]; do
			[[ $pid =~ ^[0-9]+$ ]] && kill -TERM "$pid" 2>/dev/null || true
		done <"$BENCH/hello.pid"
	fi
	sleep 0.3
	rm -f "$BENCH/hello.pid" "$BENCH/hello.sock"
}

# wrk on $1 (extra args after): "req/s p50 p99".
measure()
{
	local url=$1
	shift
	wrk -t2 -c16 -d"${DURATION}s" --latency "$@" "$url" | awk '
	function ms(v) {
		if (v ~ /us$/) return sprintf("%.2f", v / 1000)
		if (v ~ /ms$/) return sprintf("%.2f", v + 0)
		if (v ~ /s$/) return sprintf("%.2f", v * 1000)
		return v
	}
	/^ +50%/ { p50 = ms($2) }
	/^ +99%/ { p99 = ms($2) }
	/^Requests\/sec:/ { rps = $2 }
	/Non-2xx/ { bad = $NF }
	END {
		if (bad > 0) printf("warning: %d non-2xx answers\n", bad) > "/dev/stderr"
		printf("%.0f %s %s\n", rps, p50, p99)
	}'
}

command -v wrk >/dev/null || { say "wrk is not installed"; exit 1; }
command -v node >/dev/null || { say "node is not installed"; exit 1; }
code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$STACK/healthz" || true)
[[ $code == 200 ]] || { say "no stack at $STACK (contrib/dev up)"; exit 1; }
[[ -S $RUN_DEV/havre-appointments.sock ]] || { say "no havre-appointments socket"; exit 1; }
make -C "$BUILD" bench-progs >/dev/null

# Fixtures (fixtures.sh): a site open all day every day, a service on
# every level and channel, 4 partner seats per hourly slot, an API key;
# removed when the run ends, whichever way (issue 13 item 8: nothing of
# the bench stays for applicants or agents to see). Leftovers of runs
# killed outright are swept first.
FIXTURES="$HERE/fixtures.sh"
export HAVRE_ENV="$ENV_NAME" HAVRE_BUILD="$BUILD" BENCH_DB_SOCKET="$RUN_DEV/mysql.sock"
export HAVRE_CONFIG="$VAR/havre.hdf"
"$FIXTURES" sweep
tag=bench$$$RANDOM
trap 'cleanup; "$FIXTURES" cleanup "$tag"' EXIT
read -r site_id service_id level_id key < <("$FIXTURES" setup "$tag")
[[ -n ${key:-} ]] || { say "no fixtures"; exit 1; }

trap 'exit 130' INT TERM
cleanup
mkdir -p "$BENCH/nginx/tmp" "$BENCH/log"
day=$(date -u -d '+2 days' +%F)
size=$(curl -s -H "Authorization: Bearer $key" \
    "$STACK/appointments/api/v1/availability?site=$tag&service=$tag&from=$day&to=$day" | wc -c)
spawn-fcgi -s "$BENCH/hello.sock" -M 0600 -F "$WORKERS" -P "$BENCH/hello.pid" -- \
    "$HELLO" "$size" >/dev/null
user_line="# unprivileged"
[[ $EUID -eq 0 ]] && user_line="user root;"
cat >"$BENCH/nginx/nginx.conf" <<NGX
# Bench-only nginx written by tests/bench/booking/run.sh.
$user_line
worker_processes 2;
pid $BENCH/nginx/nginx.pid;
error_log $BENCH/log/nginx-error.log warn;
events { worker_connections 1024; }
http {
	client_body_temp_path $BENCH/nginx/tmp/client_body;
	fastcgi_temp_path $BENCH/nginx/tmp/fastcgi;
	proxy_temp_path $BENCH/nginx/tmp/proxy;
	uwsgi_temp_path $BENCH/nginx/tmp/uwsgi;
	scgi_temp_path $BENCH/nginx/tmp/scgi;
	access_log off;
	server {
		listen 127.0.0.1:$PORT;
		location = /hello {
			fastcgi_param HAVRE_VHOST intranet;
			fastcgi_param HAVRE_REQUEST_ID \$request_id;
			include /etc/nginx/fastcgi_params;
			fastcgi_pass unix:$BENCH/hello.sock;
		}
		location /book {
			fastcgi_param HAVRE_VHOST public;
			fastcgi_param HAVRE_REQUEST_ID \$request_id;
			include /etc/nginx/fastcgi_params;
			fastcgi_pass unix:$RUN_DEV/havre-appointments.sock;
		}
		location / {
			fastcgi_param HAVRE_VHOST intranet;
			fastcgi_param HAVRE_REQUEST_ID \$request_id;
			include /etc/nginx/fastcgi_params;
			fastcgi_pass unix:$RUN_DEV/havre-appointments.sock;
		}
	}
}
NGX
nginx -p "$BENCH/nginx" -c "$BENCH/nginx/nginx.conf" -e "$BENCH/log/nginx-error.log"
sleep 0.3
base=http://127.0.0.1:$PORT
avail="$base/appointments/api/v1/availability?site=$tag&service=$tag&from=$day&to=$day"
c=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" "$avail")
[[ $c == 200 ]] || { say "$avail answers $c"; exit 1; }

say "measuring: wrk -t2 -c16 -d${DURATION}s, body $size bytes"
read -r a_rps a_p50 a_p99 < <(measure "$base/hello")
read -r b_rps b_p50 b_p99 < <(measure "$avail" -H "Authorization: Bearer $key")
# The applicants' availability page: a day's free times (public site).
page="$base/book/slot?site=$site_id&service=$service_id&level=$level_id&day=$day"
c=$(curl -s -o /dev/null -w '%{http_code}' "$page")
[[ $c == 200 ]] || { say "$page answers $c"; exit 1; }
read -r p_rps p_p50 p_p99 < <(measure "$page")

# (b') and (p'): many questions in turn, more than the workers keep
# (32 day reads and 16 pages each; wrk's script): the API over 200 day
# ranges (40 first days x 1 to 5 days), the page over 400 (40 days x
# both public levels x 5 languages). Each day's slots are made first,
# outside the measure.
days_script="$BENCH/days.lua"
levels=$(db -e "SELECT id FROM service_level WHERE public = 1 ORDER BY id")
{
	printf 'api = {\n'
	for ((d = 2; d < 42; d++)); do
		dd=$(date -u -d "+$d days" +%F)
		curl -s -o /dev/null -H "Authorization: Bearer $key" \
		    "$base/appointments/api/v1/availability?site=$tag&service=$tag&from=$dd&to=$(date -u -d "+$((d + 4)) days" +%F)"
		for ((k = 0; k < 5; k++)); do
			printf '"/appointments/api/v1/availability?site=%s&service=%s&from=%s&to=%s",\n' \
			    "$tag" "$tag" "$dd" "$(date -u -d "+$((d + k)) days" +%F)"
		done
	done
	printf '}\npages = {\n'
	for ((d = 2; d < 42; d++)); do
		dd=$(date -u -d "+$d days" +%F)
		for lv in $levels; do
			for lang in en fr ar es ht; do
				printf '"/book/slot?site=%s&service=%s&level=%s&day=%s&lang=%s",\n' \
				    "$site_id" "$service_id" "$lv" "$dd" "$lang"
			done
		done
	done
	printf '}\n'
	# BENCH_WHICH: "api" or "pages"; each wrk thread starts at its own
	# place in the list.
	cat <<'LUA'
local list = os.getenv("BENCH_WHICH") == "pages" and pages or api
i = 0
setup = function(thread)
	thread:set("i", math.random(0, 199))
end
request = function()
	i = (i + 1) % #list
	return wrk.format("GET", list[i + 1])
end
LUA
} >"$days_script"
read -r bm_rps bm_p50 bm_p99 < <(BENCH_WHICH=api measure "$base/" -s "$days_script" \
    -H "Authorization: Bearer $key")
read -r pm_rps pm_p50 pm_p99 < <(BENCH_WHICH=pages measure "$base/" -s "$days_script")

printf '\nbooking benchmark (loopback; availability body %s bytes)\n' "$size"
printf '%-44s %10s %9s %9s\n' what 'req/s' 'p50 ms' 'p99 ms'
printf '%-44s %10s %9s %9s\n' "(a) hello-fcgi via nginx (x$WORKERS)" "$a_rps" "$a_p50" "$a_p99"
printf '%-44s %10s %9s %9s\n' '(b) API availability, 1 site x 1 day' "$b_rps" "$b_p50" "$b_p99"
printf '%-44s %10s %9s %9s\n' '(p) public availability page, 1 day' "$p_rps" "$p_p50" "$p_p99"
printf '%-44s %10s %9s %9s\n' "(b') API availability, 200 ranges in turn" "$bm_rps" "$bm_p50" "$bm_p99"
printf '%-44s %10s %9s %9s\n' "(p') day page, 400 pages in turn" "$pm_rps" "$pm_p50" "$pm_p99"
awk -v a="$a_rps" -v b="$b_rps" -v p="$p_rps" -v bm="$bm_rps" -v pm="$pm_rps" 'BEGIN {
	if (a > 0) printf("b/a = %.2f   (API availability versus the constant answer)\n", b / a)
	if (a > 0) printf("p/a = %.2f   (public availability page versus the constant answer)\n", p / a)
	if (a > 0) printf("b\047/a = %.2f  p\047/a = %.2f   (questions the workers mostly do not keep)\n", bm / a, pm / a)
}'

# (c) contention on one 4-seat slot.
slot_start="${day}T10:00:00"
read -r ok full other secs < <(node "$HERE/load.mjs" contention "$base" "$key" \
    "$tag" "$tag" "$slot_start" 64 2000)
rows=$(db -e "SELECT COUNT(*) FROM appointment a JOIN site s ON s.id = a.site_id
	WHERE s.code = '$tag' AND a.status = 'booked'")
booked=$(db -e "SELECT COALESCE(SUM(q.booked), 0) FROM slot_quota q JOIN site s
	ON s.id = q.site_id WHERE s.code = '$tag'")
printf '\n(c) 64 clients, 2000 attempts on one 4-seat slot: %s successes, %s full, %s other, %ss\n' \
    "$ok" "$full" "$other" "$secs"
printf '    database: %s appointments, slot booked = %s\n' "$rows" "$booked"

# (d) distinct slots: one booking per slot, spread over days and hours.
starts="$BENCH/starts.txt"
: >"$starts"
n=0
for ((d = 3; d < 63 && n < BOOKINGS; d++)); do
	dd=$(date -u -d "+$d days" +%F)
	for ((h = 4; h < 23 && n < BOOKINGS; h++)); do
		printf '%sT%02d:00:00\n' "$dd" "$h" >>"$starts"
		n=$((n + 1))
	done
done
# Warm the slots (materialised by the availability call) outside the
# measure.
curl -s -o /dev/null -H "Authorization: Bearer $key" \
    "$base/appointments/api/v1/availability?site=$tag&service=$tag&from=$(date -u -d '+3 days' +%F)&to=$(date -u -d '+62 days' +%F)"
read -r ok other secs < <(node "$HERE/load.mjs" distinct "$base" "$key" \
    "$tag" "$tag" "$starts" 16)
awk -v ok="$ok" -v other="$other" -v s="$secs" 'BEGIN {
	printf("(d) %d bookings over distinct slots (16 clients): %.2fs, %.0f bookings/s (%d refused)\n",
	    ok, s, s > 0 ? ok / s : 0, other)
}'
