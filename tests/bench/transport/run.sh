#!/usr/bin/env bash
# tests/bench/transport/run.sh: what the transport costs. On loopback,
# through one bench-only nginx (port 8090, beside the dev stack), wrk
# measures (a) a static file the size of the landing page, (b) hello-fcgi
# answering a constant body of that size under spawn-fcgi (as many workers as
# contrib/dev gives a program: 2 per core), (c) havre-portal's landing
# page (one database query, same workers). It
# prints req/s, p50 and p99 for each, the ratios c/b and b/a, and the RSS
# of the portal's workers before and after at least 100k requests.
# Figures only: never part of pass/fail. Needs the dev stack (started
# with contrib/dev up when /healthz does not answer).
#
# Environment: HAVRE_BUILD (build dir, default build/), BENCH_PORT (8090),
# BENCH_DURATION (wrk seconds per measure, default 10), HAVRE_ENV (the
# contrib/dev environment to measure, default dev; another one keeps its
# bench files under var/bench-<env>) and HAVRE_INTRANET_PORT (its
# intranet port, default 8080), e.g. for a stack of one's own:
#   HAVRE_ENV=perf HAVRE_INTRANET_PORT=28280 BENCH_PORT=28790 run.sh
set -euo pipefail

SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BUILD=${HAVRE_BUILD:-$SRCDIR/build}
PORT=${BENCH_PORT:-8090}
DURATION=${BENCH_DURATION:-10}
# The same number of workers as contrib/dev gives each program.
WORKERS=${HAVRE_WORKERS:-$(( $(nproc) * 2 ))}
ENV_NAME=${HAVRE_ENV:-dev}
[[ $ENV_NAME =~ ^[a-z0-9_-]+$ ]] || { echo "bad HAVRE_ENV" >&2; exit 1; }
DEV_URL=http://127.0.0.1:${HAVRE_INTRANET_PORT:-8080}
BENCH="$SRCDIR/var/bench"
[[ $ENV_NAME == dev ]] || BENCH="$SRCDIR/var/bench-$ENV_NAME"
RUN_DEV="$SRCDIR/var/$ENV_NAME/run"
HELLO="$BUILD/tests/bench/transport/hello-fcgi"

# Print a message on stderr.
say()
{
	printf '%s\n' "$*" >&2
}

# Stop what this script started (the bench nginx and hello-fcgi).
cleanup()
{
	local pid
	if [[ -s $BENCH/nginx/nginx.pid ]]; then
		pid=$(tr -dc '0-9' <"$BENCH/nginx/nginx.pid")
		if [[ -n $pid ]]; then
			kill -QUIT "$pid" 2>/dev/null || true
		fi
	fi
	if [[ -s $BENCH/hello.pid ]]; then
		# spawn-fcgi -F 2 ends the file without a newline: read the
		# last pid too.
		while read -r pid || [[ -n $pid ]]; do
			if [[ $pid =~ ^[0-9]+$ ]]; then
				kill -TERM "$pid" 2>/dev/null || true
			fi
		done <"$BENCH/hello.pid"
	fi
	sleep 0.5
	rm -f "$BENCH/hello.pid" "$BENCH/hello.sock"
}

# Run wrk on url $1 for $DURATION s; prints "req/s p50 p99 requests"
# (latencies in ms).
measure()
{
	wrk -t2 -c16 -d"${DURATION}s" --latency "$1" | awk '
	function ms(v) {
		if (v ~ /us$/) return sprintf("%.2f", v / 1000)
		if (v ~ /ms$/) return sprintf("%.2f", v + 0)
		if (v ~ /s$/) return sprintf("%.2f", v * 1000)
		return v
	}
	/^ +50%/ { p50 = ms($2) }
	/^ +99%/ { p99 = ms($2) }
	/requests in/ { n = $1 }
	/^Requests\/sec:/ { rps = $2 }
	/Non-2xx/ { bad = $NF }
	END {
		if (bad > 0) printf("warning: %d non-2xx answers\n", bad) > "/dev/stderr"
		printf("%.0f %s %s %d\n", rps, p50, p99, n)
	}'
}

# The VmRSS (kB) of pid $1.
rss()
{
	awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo '?'
}

# The pids of the portal's workers (children of its supervisor).
portal_workers()
{
	local sup
	sup=$(tr -dc '0-9' <"$RUN_DEV/havre-portal.pid")
	ps -o pid= --ppid "$sup" | tr -d ' '
}

command -v wrk >/dev/null || { say "wrk is not installed"; exit 1; }
command -v spawn-fcgi >/dev/null || { say "spawn-fcgi is not installed"; exit 1; }

code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$DEV_URL/healthz" || true)
if [[ $code != 200 ]]; then
	say "starting the dev stack (contrib/dev up)"
	"$SRCDIR/contrib/dev" up >&2
else
	say "reusing the running dev stack"
fi
[[ -S $RUN_DEV/havre-portal.sock ]] || { say "no havre-portal socket in $RUN_DEV"; exit 1; }
make -C "$BUILD" bench-progs >&2

size=$(curl -s "$DEV_URL/" | wc -c)
((size > 0)) || { say "the landing page is empty"; exit 1; }

trap cleanup EXIT
trap 'exit 130' INT TERM
cleanup
mkdir -p "$BENCH/www" "$BENCH/nginx/tmp" "$BENCH/log"
head -c "$size" /dev/zero | tr '\0' 'x' >"$BENCH/www/page.html"

spawn-fcgi -s "$BENCH/hello.sock" -M 0600 -F "$WORKERS" -P "$BENCH/hello.pid" -- \
    "$HELLO" "$size" >/dev/null

user_line="# unprivileged"
[[ $EUID -eq 0 ]] && user_line="user root;"
cat >"$BENCH/nginx/nginx.conf" <<EOF
# Bench-only nginx written by tests/bench/transport/run.sh.
$user_line
worker_processes 2;
pid $BENCH/nginx/nginx.pid;
error_log $BENCH/log/nginx-error.log warn;
events { worker_connections 1024; }
http {
	include /etc/nginx/mime.types;
	client_body_temp_path $BENCH/nginx/tmp/client_body;
	fastcgi_temp_path $BENCH/nginx/tmp/fastcgi;
	proxy_temp_path $BENCH/nginx/tmp/proxy;
	uwsgi_temp_path $BENCH/nginx/tmp/uwsgi;
	scgi_temp_path $BENCH/nginx/tmp/scgi;
	access_log off;
	server {
		listen 127.0.0.1:$PORT;
		location = /static/page.html { root $BENCH/www; try_files /page.html =404; }
		location = /hello {
			fastcgi_param HAVRE_VHOST intranet;
			fastcgi_param HAVRE_REQUEST_ID \$request_id;
			include /etc/nginx/fastcgi_params;
			fastcgi_pass unix:$BENCH/hello.sock;
		}
		location / {
			fastcgi_param HAVRE_VHOST intranet;
			fastcgi_param HAVRE_REQUEST_ID \$request_id;
			include /etc/nginx/fastcgi_params;
			fastcgi_pass unix:$RUN_DEV/havre-portal.sock;
		}
	}
}
EOF
nginx -p "$BENCH/nginx" -c "$BENCH/nginx/nginx.conf" -e "$BENCH/log/nginx-error.log"
sleep 0.3

base=http://127.0.0.1:$PORT
for u in /static/page.html /hello /; do
	c=$(curl -s -o /dev/null -w '%{http_code}' "$base$u")
	[[ $c == 200 ]] || { say "$base$u answers $c"; exit 1; }
done

say "measuring: wrk -t2 -c16 -d${DURATION}s, body $size bytes"
read -r a_rps a_p50 a_p99 _ < <(measure "$base/static/page.html")
read -r b_rps b_p50 b_p99 _ < <(measure "$base/hello")
read -r c_rps c_p50 c_p99 _ < <(measure "$base/")

printf '\ntransport benchmark (%s bytes a page, loopback, wrk -t2 -c16 -d%ss)\n' "$size" "$DURATION"
printf '%-34s %10s %9s %9s\n' what 'req/s' 'p50 ms' 'p99 ms'
printf '%-34s %10s %9s %9s\n' '(a) nginx static file' "$a_rps" "$a_p50" "$a_p99"
printf '%-34s %10s %9s %9s\n' "(b) hello-fcgi via nginx (x$WORKERS)" "$b_rps" "$b_p50" "$b_p99"
printf '%-34s %10s %9s %9s\n' "(c) havre-portal / (x$WORKERS, 1 query)" "$c_rps" "$c_p50" "$c_p99"
awk -v a="$a_rps" -v b="$b_rps" -v c="$c_rps" 'BEGIN {
	if (b > 0) printf("c/b = %.2f   (the program versus a constant answer)\n", c / b)
	if (a > 0) printf("b/a = %.2f   (FastCGI versus a static file)\n", b / a)
}'

# Memory: the portal's workers before and after >= 100k requests.
mapfile -t workers < <(portal_workers)
declare -A before=()
for w in "${workers[@]}"; do
	before[$w]=$(rss "$w")
done
total=0
for ((round = 0; round < 30 && total < 100000; round++)); do
	read -r _ _ _ n < <(measure "$base/")
	total=$((total + n))
done
printf '\nportal workers after %d more requests (VmRSS kB):\n' "$total"
for w in "${workers[@]}"; do
	printf '  pid %-8s before %6s  after %6s\n' "$w" "${before[$w]}" "$(rss "$w")"
done
